// Every production contract keeps 2 KB of headroom under EIP-170 (24,576 bytes of runtime code): room for a fix or a
// small feature without moving code around under pressure. Test doubles (contracts/mocks/) are exempt. A gate of
// `npm test` (scripts/test-all.sh), run on the normal build: coverage instruments the bytecode, so this is not a
// mocha test. Prints every production contract's size, largest first, and exits 1 if any is over the line.
import hre from "hardhat";

const EIP170_LIMIT = 24_576;
const HEADROOM = 2_048;
const MAX = EIP170_LIMIT - HEADROOM;

const rows: { name: string; bytes: number }[] = [];
for (const fq of await hre.artifacts.getAllFullyQualifiedNames()) {
  if (!fq.startsWith("contracts/") || fq.startsWith("contracts/mocks/")) continue;
  const artifact = await hre.artifacts.readArtifact(fq);
  const bytes = (artifact.deployedBytecode.length - 2) / 2;
  if (bytes > 0) rows.push({ name: fq, bytes });
}
rows.sort((a, b) => b.bytes - a.bytes);
const over = rows.filter((r) => r.bytes > MAX);
for (const r of rows.slice(0, 12)) console.log(`${r.bytes > MAX ? "✘" : "✔"} ${String(r.bytes).padStart(6)} bytes  ${r.name}`);
console.log(`${rows.length} production contracts; limit ${MAX} bytes (EIP-170 ${EIP170_LIMIT} - ${HEADROOM} headroom)`);
if (rows.length < 20) {
  console.log("✘ fewer than 20 production contracts found: is the build missing?");
  process.exitCode = 1;
}
if (over.length > 0) {
  console.log(`✘ ${over.length} over the limit: ${over.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
}
