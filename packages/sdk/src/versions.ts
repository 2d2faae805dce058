// ABI selection by what runs on chain: every upgradeable module reports `abiId()` (keccak256 of its canonical ABI,
// `abiFingerprint`) and `version()`, and KeelUpgrader's `ModuleUpgraded` carries both before and after. The SDK picks
// the shipped ABI whose fingerprint is the module's `abiId()` (exact by construction); failing that (an ABI this SDK
// does not ship, or a module from before `abiId()`), the ABI of the major version it reports, flagged `exact: false`
// (an older SDK against an upgraded module: its calls of the known ABI may still work, but an integrator should
// update).
import { type ContractRunner, type InterfaceAbi } from "ethers";
import {
  accessManagerAbi,
  flashLenderAbi,
  governorAbi,
  moduleRegistryAbi,
  nftSpokeAbi,
  oracleAbi,
  poolAbi,
  rateModelAbi,
  rwaSpokeAbi,
  safetyModuleAbi,
  treasuryAbi,
} from "./abis.js";
import type { DeploymentRecord } from "./deployment.js";
import { abiFingerprint } from "./fingerprint.js";
import { type ReadOptions, contractAt, str, view } from "./read.js";

/** The module ABIs this SDK ships, by contract name (as in the deployment record) and major version. */
export const MODULE_ABIS: Readonly<Record<string, Readonly<Record<number, InterfaceAbi>>>> = {
  Pool: { 1: poolAbi },
  KeelOracle: { 1: oracleAbi },
  KinkedRateModel: { 1: rateModelAbi },
  KeelTreasury: { 1: treasuryAbi },
  KeelFlashLender: { 1: flashLenderAbi },
  ModuleRegistry: { 1: moduleRegistryAbi },
  KeelAccessManager: { 1: accessManagerAbi },
  KeelGovernor: { 1: governorAbi },
  NftSpoke: { 1: nftSpokeAbi },
  RwaSpoke: { 1: rwaSpokeAbi },
  SafetyModule: { 1: safetyModuleAbi },
};

export interface AbiChoice {
  contract: string;
  /** The version the module reports. */
  version: string;
  major: number;
  abi: InterfaceAbi;
  /** The ABI is the one running (its fingerprint is the module's `abiId()`), or, chosen by version, the SDK ships
   *  this major version's ABI and the module reports no ABI identifier to contradict it. False: the newest known
   *  major version below it is used (or the oldest above), or the module's ABI identifier matches no shipped ABI. */
  exact: boolean;
  /** The major versions this SDK knows for the contract. */
  known: number[];
  /** How the ABI was chosen: by the module's `abiId()`, or by the major version of its `version()`. */
  matchedBy: "abiId" | "version";
  /** The module's `abiId()` (undefined when it was not read or the module has none). */
  abiId?: string;
}

/** The shipped ABIs by contract and ABI identifier (`contract:abiFingerprint`), computed once. */
let shippedIds: Map<string, { major: number; abi: InterfaceAbi }> | undefined;

/** The shipped ABI of `contract` whose fingerprint is `abiId` (undefined when this SDK ships none). */
export function abiForId(contract: string, abiId: string): { major: number; abi: InterfaceAbi } | undefined {
  if (shippedIds === undefined) {
    shippedIds = new Map();
    for (const [name, byMajor] of Object.entries(MODULE_ABIS))
      for (const [major, abi] of Object.entries(byMajor))
        shippedIds.set(`${name}:${abiFingerprint(abi)}`, { major: Number(major), abi });
  }
  return shippedIds.get(`${contract}:${abiId.toLowerCase()}`);
}

/** The ABI for `contract` at `version` ("2.0.0"): that major version's, or the nearest known one (`exact: false`). */
export function abiForVersion(contract: string, version: string): AbiChoice {
  const byMajor = MODULE_ABIS[contract];
  if (byMajor === undefined)
    throw new Error(`@keel/sdk: no ABI for "${contract}" (known: ${Object.keys(MODULE_ABIS).join(", ")})`);
  const major = Number.parseInt(version.split(".")[0] ?? "", 10);
  if (!Number.isInteger(major)) throw new Error(`@keel/sdk: "${version}" is not a version`);
  const known = Object.keys(byMajor)
    .map(Number)
    .sort((a, b) => a - b);
  const below = known.filter((m) => m <= major);
  const pick = below.at(-1) ?? known[0];
  const abi = pick === undefined ? undefined : byMajor[pick];
  if (pick === undefined || abi === undefined) throw new Error(`@keel/sdk: no ABI version of "${contract}"`);
  return { contract, version, major, abi, exact: pick === major, known, matchedBy: "version" };
}

/** Reads `abiId()` and `version()` of the record's module `name` and picks its ABI: the shipped ABI that is the
 *  module's `abiId()`, else by major version (see {@link AbiChoice}). */
export async function resolveModuleAbi(
  runner: ContractRunner,
  record: DeploymentRecord,
  name: string,
  opts: ReadOptions = {},
): Promise<AbiChoice> {
  const entry = record.contracts[name];
  if (entry === undefined) throw new Error(`@keel/sdk: the deployment has no contract "${name}"`);
  const probe = contractAt(
    entry.address,
    ["function version() view returns (string)", "function abiId() view returns (bytes32)"],
    runner,
  );
  const version = str((await view(probe, "version", [], opts))[0], "version");
  let abiId: string | undefined;
  try {
    abiId = String((await view(probe, "abiId", [], opts))[0]).toLowerCase();
  } catch {
    abiId = undefined; // an implementation from before the ABI identifier
  }
  const byVersion = abiForVersion(entry.contract, version);
  if (abiId === undefined) return byVersion;
  const byId = abiForId(entry.contract, abiId);
  if (byId !== undefined) return { ...byVersion, abi: byId.abi, exact: true, matchedBy: "abiId", abiId };
  // The module names an ABI this SDK does not ship: the version's pick, never exact.
  return { ...byVersion, exact: false, abiId };
}
