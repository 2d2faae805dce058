// Keel's address book, deployments/<network>.json (written by deploy/keel.ts), typed, and the versions of the modules
// that run on chain now. The record types are defined here once; deploy/records.ts re-exports them.
import { Contract, type Provider, getAddress } from "ethers";
import { ERC1967_IMPLEMENTATION_SLOT } from "./constants.js";

export interface ContractRecord {
  /** The address users call (the proxy for upgradeable modules). */
  address: string;
  /** Contract name of the current implementation (or of the contract itself). */
  contract: string;
  /** ERC-1967 implementation address, for proxies. */
  implementation?: string;
  /** `version()` of the implementation, for modules. */
  version?: string;
  /** Transaction that created it, and its block. */
  txHash?: string;
  block?: number;
}

/** A listed reserve of a Pool-type spoke: the asset, its kToken, its price feed, the asset's decimals. */
export interface ReserveRecord {
  asset: string;
  kToken: string;
  feed: string;
  decimals: number;
}

/** A further Pool-type spoke on the hub (deploy/config.ts `spokes`). */
export interface SpokeRecord {
  address: string;
  label: string;
  reserves: Record<string, ReserveRecord>;
}

/** An RWA spoke (deploy/spokes/rwa.ts): the debt asset and each collateral's token and NAV feed. */
export interface RwaRecord {
  address: string;
  debtAsset: string;
  collaterals: Record<string, { token: string; navFeed: string; decimals: number }>;
}

export interface DeploymentRecord {
  network: string;
  chainId: string;
  deployer: string;
  startedAt: string;
  completedAt?: string;
  contracts: Record<string, ContractRecord>;
  /** Steps already done (configuration steps are recorded by name). */
  steps: string[];
  /** Listed reserves of the core spoke by symbol. */
  reserves?: Record<string, ReserveRecord>;
  /** Further spokes on the hub (deploy/config.ts `spokes`), by record name: their listed reserves by symbol. */
  spokes?: Record<string, SpokeRecord>;
  /** RWA spokes (deploy/spokes/rwa.ts), by record name. */
  rwa?: Record<string, RwaRecord>;
  /** Synths minted into the hub (deploy/stablecoin.ts), by symbol; each is also a core reserve in `reserves`. */
  synths?: Record<string, SynthRecord>;
}

/** A synth (kUSD, kXAU, ...): its token, hub facilitator, feed and kToken; kUSD's peg stability module and its reserve. */
export interface SynthRecord {
  token: string;
  facilitator: string;
  feed: string;
  kToken: string;
  psm?: string;
  psmReserve?: string;
}

/** Record name of the core spoke (the Aave V3-compatible Pool). */
export const CORE_SPOKE = "Pool";

export class DeploymentError extends Error {
  override name = "DeploymentError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the shape of a parsed record (the fields every reader relies on) and returns it typed. */
export function parseDeployment(value: unknown, source = "deployment record"): DeploymentRecord {
  if (!isObject(value)) throw new DeploymentError(`${source}: not a JSON object`);
  for (const key of ["network", "chainId", "deployer", "startedAt"] as const) {
    if (typeof value[key] !== "string") throw new DeploymentError(`${source}: "${key}" must be a string`);
  }
  if (!Array.isArray(value.steps)) throw new DeploymentError(`${source}: "steps" must be an array`);
  const contracts = value.contracts;
  if (!isObject(contracts)) throw new DeploymentError(`${source}: "contracts" must be an object`);
  for (const [name, c] of Object.entries(contracts)) {
    if (!isObject(c) || typeof c.address !== "string" || typeof c.contract !== "string") {
      throw new DeploymentError(`${source}: contracts.${name} needs "address" and "contract" strings`);
    }
  }
  return value as unknown as DeploymentRecord;
}

/**
 * Reads a deployment record: from a path to `deployments/<network>.json` (Node only), or from an already parsed
 * object (e.g. fetched in a browser, or imported JSON).
 */
export async function readDeployment(source: string | object): Promise<DeploymentRecord> {
  if (typeof source !== "string") return parseDeployment(source);
  const { readFile } = await import("node:fs/promises");
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (e) {
    throw new DeploymentError(`cannot read ${source}: ${(e as Error).message}`);
  }
  return parseDeployment(JSON.parse(text) as unknown, source);
}

/** The record's address of contract `name` ("LiquidityHub", "Pool", "Oracle", ...); throws when it is not there. */
export function addressOf(record: DeploymentRecord, name: string): string {
  const c = record.contracts[name];
  if (c === undefined) {
    throw new DeploymentError(
      `no "${name}" in the ${record.network} deployment (has: ${Object.keys(record.contracts).join(", ")})`,
    );
  }
  return c.address;
}

/** A Pool-type spoke of the record: the core spoke ("Pool") or a further one (record.spokes). */
export interface PoolSpoke {
  name: string;
  address: string;
  reserves: Record<string, ReserveRecord>;
}

/** The Pool-type spokes of the record, the core spoke first. */
export function poolSpokes(record: DeploymentRecord): PoolSpoke[] {
  const out: PoolSpoke[] = [
    { name: CORE_SPOKE, address: addressOf(record, CORE_SPOKE), reserves: record.reserves ?? {} },
  ];
  for (const [name, s] of Object.entries(record.spokes ?? {}))
    out.push({ name, address: s.address, reserves: s.reserves });
  return out;
}

export interface ModuleVersion {
  name: string;
  /** The proxy. */
  address: string;
  /** The implementation running now (the ERC-1967 slot). */
  implementation: string;
  /** `version()` running now. */
  version: string;
  /** What the record says (as of deployment). */
  recorded: { implementation?: string; version?: string };
  /** The module was upgraded since the record was written (implementation differs). */
  upgraded: boolean;
}

const versionAbi = ["function version() view returns (string)"] as const;

/** The live implementation and `version()` of every upgradeable module of the record (those with an implementation). */
export async function moduleVersions(provider: Provider, record: DeploymentRecord): Promise<ModuleVersion[]> {
  const out: ModuleVersion[] = [];
  for (const [name, c] of Object.entries(record.contracts)) {
    if (c.implementation === undefined) continue;
    const slot = await provider.getStorage(c.address, ERC1967_IMPLEMENTATION_SLOT);
    const implementation = getAddress("0x" + slot.slice(26));
    const version = String(await new Contract(c.address, versionAbi, provider).getFunction("version").staticCall());
    out.push({
      name,
      address: c.address,
      implementation,
      version,
      recorded: { implementation: c.implementation, version: c.version },
      upgraded: getAddress(c.implementation) !== implementation,
    });
  }
  return out;
}
