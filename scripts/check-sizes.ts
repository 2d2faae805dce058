// Every production contract keeps 2 KB of headroom under EIP-170 (24,576 bytes of runtime code): room for a fix or a
// small feature without moving code around under pressure. Production is contracts/ minus contracts/mocks/; test
// doubles and the upgrade fixtures (test/fixtures/upgrades/: the demonstration V2s, which the demo and the e2e deploy
// on a real node, and the broken V2s) only have to fit EIP-170 itself. A gate of `npm test` (scripts/test-all.sh), run
// on the normal build: coverage instruments the bytecode, so this is not a mocha test. Prints the largest production
// contracts, largest first, and exits 1 if any is over its line.
import hre from "hardhat";

const EIP170_LIMIT = 24_576;
const HEADROOM = 2_048;
const MAX = EIP170_LIMIT - HEADROOM;

const rows: { name: string; bytes: number }[] = [];
const doubles: { name: string; bytes: number }[] = [];
for (const fq of await hre.artifacts.getAllFullyQualifiedNames()) {
  const production = fq.startsWith("contracts/") && !fq.startsWith("contracts/mocks/");
  if (!production && !fq.startsWith("contracts/mocks/") && !fq.startsWith("test/fixtures/")) continue;
  const artifact = await hre.artifacts.readArtifact(fq);
  const bytes = (artifact.deployedBytecode.length - 2) / 2;
  if (bytes > 0) (production ? rows : doubles).push({ name: fq, bytes });
}
rows.sort((a, b) => b.bytes - a.bytes);
const over = rows.filter((r) => r.bytes > MAX);
for (const r of rows.slice(0, 12))
  console.log(`${r.bytes > MAX ? "✘" : "✔"} ${String(r.bytes).padStart(6)} bytes  ${r.name}`);
console.log(
  `${String(rows.length)} production contracts; limit ${String(MAX)} bytes (EIP-170 ${String(EIP170_LIMIT)} - ${String(HEADROOM)} headroom)`,
);
if (rows.length < 20) {
  console.log("✘ fewer than 20 production contracts found: is the build missing?");
  process.exitCode = 1;
}
if (over.length > 0) {
  console.log(`✘ ${String(over.length)} over the limit: ${over.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
}
const doublesOver = doubles.filter((r) => r.bytes > EIP170_LIMIT);
const largestDouble = doubles.reduce((a, b) => (b.bytes > a.bytes ? b : a), { name: "none", bytes: 0 });
console.log(
  `${String(doubles.length)} test doubles and upgrade fixtures; limit ${String(EIP170_LIMIT)} bytes (largest: ${String(largestDouble.bytes)} bytes, ${largestDouble.name})`,
);
if (!doubles.some((r) => r.name.startsWith("test/fixtures/upgrades/PoolV2.sol:"))) {
  console.log("✘ test/fixtures/upgrades/PoolV2.sol not found: is the second Solidity source root missing?");
  process.exitCode = 1;
}
if (doublesOver.length > 0) {
  console.log(`✘ ${String(doublesOver.length)} over EIP-170: ${doublesOver.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
}
