// Coverage gate: reads coverage/lcov.info (written by `hardhat test --coverage`, mocks excluded by the config) and
// fails below the line / branch thresholds.  Usage: node scripts/check-coverage.ts <minLines%> <minBranches%>
import { readFileSync } from "node:fs";

const minLines = Number(process.argv[2] ?? 90);
const minBranches = Number(process.argv[3] ?? 80);
let lf = 0,
  lh = 0,
  bf = 0,
  bh = 0;
const perFile: string[] = [];
let file = "",
  fLf = 0,
  fLh = 0;
for (const l of readFileSync(new URL("../coverage/lcov.info", import.meta.url), "utf8").split("\n")) {
  if (l.startsWith("SF:")) file = l.slice(3);
  if (l.startsWith("LF:")) {
    fLf = +l.slice(3);
    lf += fLf;
  }
  if (l.startsWith("LH:")) {
    fLh = +l.slice(3);
    lh += fLh;
  }
  if (l.startsWith("BRF:")) bf += +l.slice(4);
  if (l.startsWith("BRH:")) bh += +l.slice(4);
  if (l === "end_of_record" && fLf > 0 && fLh / fLf < 0.8)
    perFile.push(`  ${file}: ${((100 * fLh) / fLf).toFixed(1)}% lines`);
}
const lines = (100 * lh) / (lf || 1);
const branches = (100 * bh) / (bf || 1);
console.log(`line coverage ${lines.toFixed(2)}% (${String(lh)}/${String(lf)}), threshold ${String(minLines)}%`);
// Hardhat 3's coverage writes line data only (no BRF/BRH records): the branch gate applies when branch data exists.
if (bf > 0)
  console.log(
    `branch coverage ${branches.toFixed(2)}% (${String(bh)}/${String(bf)}), threshold ${String(minBranches)}%`,
  );
else console.log("branch coverage: not measured (Hardhat's coverage reports lines and statements only)");
if (perFile.length) console.log(`files under 80% lines:\n${perFile.join("\n")}`);
if (lines < minLines || (bf > 0 && branches < minBranches)) process.exit(1);
