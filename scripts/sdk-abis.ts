// Generates packages/sdk/src/abis.ts from Hardhat's artifacts/: the SDK runs without Hardhat, so the ABIs an
// integrator calls are committed as TypeScript constants (`as const`, so ethers/viem users get literal types).
// It also writes the modules' ABI identifiers (`abiId()`, issue 14) into contracts/upgrades/AbiIds.sol and the
// upgrade fixtures' into test/fixtures/upgrades/FixtureAbiIds.sol: the SDK's `abiFingerprint` of each artifact ABI.
// An ABI does not depend on the constants (only the bytecode does), so one build, this script, and a second build
// leave everything consistent.
// Run after `hardhat build`:  npm run sdk:abis   (test/sdk/abis.ts fails when a committed file drifts).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { abiFingerprint } from "../packages/sdk/src/fingerprint.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ARTIFACTS_DIR = join(ROOT, "artifacts");
export const SDK_ABIS_PATH = join(ROOT, "packages", "sdk", "src", "abis.ts");

interface AbiItem {
  type: string;
  name?: string;
  inputs?: { type: string; components?: unknown }[];
}

/** Export name -> artifact (source path under artifacts/, contract name). The whole ABI of each. */
export const SDK_CONTRACTS = {
  liquidityHubAbi: ["contracts/hub/LiquidityHub.sol", "LiquidityHub"],
  poolAbi: ["contracts/pool/Pool.sol", "Pool"],
  kTokenAbi: ["contracts/pool/KToken.sol", "KToken"],
  oracleAbi: ["contracts/oracle/KeelOracle.sol", "KeelOracle"],
  rateModelAbi: ["contracts/rates/KinkedRateModel.sol", "KinkedRateModel"],
  nftSpokeAbi: ["contracts/spokes/nft/NftSpoke.sol", "NftSpoke"],
  rwaSpokeAbi: ["contracts/spokes/rwa/RwaSpoke.sol", "RwaSpoke"],
  safetyModuleAbi: ["contracts/safety/SafetyModule.sol", "SafetyModule"],
  treasuryAbi: ["contracts/treasury/KeelTreasury.sol", "KeelTreasury"],
  flashLenderAbi: ["contracts/flash/KeelFlashLender.sol", "KeelFlashLender"],
  moduleRegistryAbi: ["contracts/registry/ModuleRegistry.sol", "ModuleRegistry"],
  keelTokenAbi: ["contracts/governance/KeelToken.sol", "KeelToken"],
  governorAbi: ["contracts/governance/KeelGovernor.sol", "KeelGovernor"],
  timelockAbi: ["contracts/governance/KeelTimelock.sol", "KeelTimelock"],
  accessManagerAbi: ["contracts/access/KeelAccessManager.sol", "KeelAccessManager"],
  upgraderAbi: ["contracts/upgrades/KeelUpgrader.sol", "KeelUpgrader"],
  synthTokenAbi: ["contracts/stablecoin/SynthToken.sol", "SynthToken"],
  pegStabilityModuleAbi: ["contracts/stablecoin/PegStabilityModule.sol", "PegStabilityModule"],
  hubFacilitatorAbi: ["contracts/stablecoin/HubFacilitator.sol", "HubFacilitator"],
  erc1967ProxyAbi: ["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol", "ERC1967Proxy"],
} as const satisfies Record<string, readonly [string, string]>;

/** ERC-20 with metadata and ERC-2612 permit: these entries of the mock token's ABI (an OpenZeppelin ERC20Permit). */
const ERC20_SOURCE = ["contracts/mocks/MockERC20.sol", "MockERC20"] as const;
const ERC20_NAMES = new Set([
  "name",
  "symbol",
  "decimals",
  "totalSupply",
  "balanceOf",
  "transfer",
  "allowance",
  "approve",
  "transferFrom",
  "permit",
  "nonces",
  "DOMAIN_SEPARATOR",
  "Transfer",
  "Approval",
]);
const isErc20Item = (i: AbiItem) =>
  (i.name !== undefined && ERC20_NAMES.has(i.name)) || (i.type === "error" && /^ERC(20|2612)/.test(i.name ?? ""));

function readAbi(dir: string, source: string, contract: string): AbiItem[] {
  const artifact = JSON.parse(readFileSync(join(dir, source, `${contract}.json`), "utf8")) as { abi: AbiItem[] };
  return artifact.abi;
}

function artifactFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...artifactFiles(path));
    else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) out.push(path);
  }
  return out.sort();
}

function signature(item: AbiItem): string {
  const type = (p: { type: string; components?: unknown }): string =>
    p.type.startsWith("tuple")
      ? `(${((p.components ?? []) as { type: string }[]).map(type).join(",")})${p.type.slice(5)}`
      : p.type;
  return `${item.name ?? ""}(${(item.inputs ?? []).map(type).join(",")})`;
}

/** Every custom error Keel's contracts (libraries included: the pool reverts from them) and OpenZeppelin's can
 *  raise, one per signature, sorted by signature. Mocks and test fixtures are left out. */
function allErrors(dir: string): AbiItem[] {
  const bySig = new Map<string, AbiItem>();
  for (const root of ["contracts", "@openzeppelin"]) {
    for (const file of artifactFiles(join(dir, root))) {
      if (relative(dir, file).startsWith("contracts/mocks/")) continue;
      const { abi } = JSON.parse(readFileSync(file, "utf8")) as { abi?: AbiItem[] };
      for (const item of abi ?? [])
        if (item.type === "error" && !bySig.has(signature(item))) bySig.set(signature(item), item);
    }
  }
  return [...bySig.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/** The text of packages/sdk/src/abis.ts for the artifacts in `dir`. */
export function renderAbis(dir = ARTIFACTS_DIR): string {
  const lines = [
    "// GENERATED by scripts/sdk-abis.ts from artifacts/ (npm run sdk:abis). Do not edit: test/sdk/abis.ts checks it.",
    "",
  ];
  const emit = (name: string, from: string, abi: AbiItem[]) => {
    // One ABI entry a line: diffs show which entry changed, and the file stays readable.
    lines.push(
      `/** ${from} */`,
      `export const ${name} = [`,
      ...abi.map((item) => `  ${JSON.stringify(item)},`),
      "] as const;",
      "",
    );
  };
  for (const [name, [source, contract]] of Object.entries(SDK_CONTRACTS))
    emit(name, `${contract} (${source})`, readAbi(dir, source, contract));
  emit(
    "erc20Abi",
    `ERC-20 + metadata + ERC-2612 permit (the standard entries of ${ERC20_SOURCE[1]})`,
    readAbi(dir, ...ERC20_SOURCE).filter(isErc20Item),
  );
  emit(
    "keelErrorsAbi",
    "Every custom error of Keel's contracts and libraries and of OpenZeppelin's, one per signature",
    allErrors(dir),
  );
  return lines.join("\n");
}

/** The generated Solidity libraries of ABI identifiers: path -> library name, what it is for, its contracts. */
export const ABI_ID_LIBRARIES = {
  "contracts/upgrades/AbiIds.sol": {
    library: "AbiIds",
    title: "The upgradeable modules' ABI identifiers",
    contracts: [
      ["contracts/pool/Pool.sol", "Pool"],
      ["contracts/oracle/KeelOracle.sol", "KeelOracle"],
      ["contracts/rates/KinkedRateModel.sol", "KinkedRateModel"],
      ["contracts/treasury/KeelTreasury.sol", "KeelTreasury"],
      ["contracts/flash/KeelFlashLender.sol", "KeelFlashLender"],
      ["contracts/registry/ModuleRegistry.sol", "ModuleRegistry"],
      ["contracts/access/KeelAccessManager.sol", "KeelAccessManager"],
      ["contracts/governance/KeelGovernor.sol", "KeelGovernor"],
      ["contracts/governance/VotingRewards.sol", "VotingRewards"],
      ["contracts/spokes/nft/NftSpoke.sol", "NftSpoke"],
      ["contracts/spokes/rwa/RwaSpoke.sol", "RwaSpoke"],
      ["contracts/safety/SafetyModule.sol", "SafetyModule"],
    ],
  },
  "test/fixtures/upgrades/FixtureAbiIds.sol": {
    library: "FixtureAbiIds",
    title: "The upgrade fixtures' (V2 modules') ABI identifiers",
    contracts: [
      "KeelFlashLenderV2",
      "KeelGovernorV2",
      "KeelOracleV2",
      "KeelTreasuryV2",
      "KinkedRateModelV2",
      "ModuleRegistryV2",
      "NftSpokeV2",
      "PoolV2",
      "RwaSpokeV2",
      "SafetyModuleV2",
    ].map((name) => [`test/fixtures/upgrades/${name}.sol`, name] as const),
  },
} as const satisfies Record<
  string,
  { library: string; title: string; contracts: readonly (readonly [string, string])[] }
>;

/** The constant's name for a contract: `KeelOracle` -> `KEEL_ORACLE`, `PoolV2` -> `POOL_V2`. */
export function abiIdConstant(contract: string): string {
  return contract.replace(/(?<=[a-z0-9])(?=[A-Z])/g, "_").toUpperCase();
}

/** The text of the generated Solidity library at `path` (a key of ABI_ID_LIBRARIES) for the artifacts in `dir`. */
export function renderAbiIds(path: keyof typeof ABI_ID_LIBRARIES, dir = ARTIFACTS_DIR): string {
  const { library, title, contracts } = ABI_ID_LIBRARIES[path];
  const constants = contracts.flatMap(([source, contract]) => {
    const head = `    bytes32 internal constant ${abiIdConstant(contract)} =`;
    const id = abiFingerprint(readAbi(dir, source, contract) as never);
    // As Prettier prints it: on one line when it fits in 120 columns.
    const decl = head.length + id.length + 2 <= 120 ? [`${head} ${id};`] : [head, `        ${id};`];
    return [`    /// @dev ${contract} (${source}).`, ...decl];
  });
  return [
    "// SPDX-License-Identifier: MIT",
    "// GENERATED by scripts/sdk-abis.ts from artifacts/ (npm run sdk:abis). Do not edit: test/sdk/abis.ts checks it.",
    "pragma solidity ^0.8.24;",
    "",
    `/// @title ${library}`,
    `/// @notice ${title}: keccak256 of each contract's canonical ABI`,
    "///         (the SDK's `abiFingerprint`), what its `abiId()` returns and KeelUpgrader's `ModuleUpgraded` carries.",
    `library ${library} {`,
    ...constants,
    "}",
    "",
  ].join("\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SDK_ABIS_PATH, renderAbis());
  console.log(`wrote ${relative(ROOT, SDK_ABIS_PATH)}`);
  for (const path of Object.keys(ABI_ID_LIBRARIES) as (keyof typeof ABI_ID_LIBRARIES)[]) {
    writeFileSync(join(ROOT, path), renderAbiIds(path));
    console.log(`wrote ${path}`);
  }
}
