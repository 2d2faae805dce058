// ABI selection by what runs on chain: every upgradeable module reports `version()` (and KeelUpgrader's
// `ModuleUpgraded` carries the old and new version), so the SDK picks the ABI of the major version it finds, and says
// when the chain runs a major version this SDK does not know (an older SDK against an upgraded module: its calls of
// the known ABI may still work, but an integrator should update).
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
  /** The SDK ships this major version's ABI; false: the newest known one below it is used (or the oldest above). */
  exact: boolean;
  /** The major versions this SDK knows for the contract. */
  known: number[];
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
  return { contract, version, major, abi, exact: pick === major, known };
}

/** Reads `version()` of the record's module `name` and picks its ABI. */
export async function resolveModuleAbi(
  runner: ContractRunner,
  record: DeploymentRecord,
  name: string,
  opts: ReadOptions = {},
): Promise<AbiChoice> {
  const entry = record.contracts[name];
  if (entry === undefined) throw new Error(`@keel/sdk: the deployment has no contract "${name}"`);
  const probe = contractAt(entry.address, ["function version() view returns (string)"], runner);
  return abiForVersion(entry.contract, str((await view(probe, "version", [], opts))[0], "version"));
}
