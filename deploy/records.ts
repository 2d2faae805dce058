// The address book: deployments/<network>.json, written after every step so an interrupted deployment resumes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

export interface DeploymentRecord {
  network: string;
  chainId: string;
  deployer: string;
  startedAt: string;
  completedAt?: string;
  contracts: Record<string, ContractRecord>;
  /** Steps already done (configuration steps are recorded by name). */
  steps: string[];
  /** Listed reserves by symbol. */
  reserves?: Record<string, { asset: string; kToken: string; feed: string; decimals: number }>;
  /** Further spokes on the hub (deploy/config.ts `spokes`), by record name: their listed reserves by symbol. */
  spokes?: Record<string, { address: string; label: string; reserves: Record<string, { asset: string; kToken: string; feed: string; decimals: number }> }>;
  /** RWA spokes (deploy/spokes/rwa.ts), by record name: the debt asset and each collateral's token and NAV feed. */
  rwa?: Record<string, { address: string; debtAsset: string; collaterals: Record<string, { token: string; navFeed: string; decimals: number }> }>;
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

export const DEPLOYMENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "deployments");

export function recordPath(network: string, dir = DEPLOYMENTS_DIR): string {
  return join(dir, `${network}.json`);
}

export function readRecord(network: string, dir = DEPLOYMENTS_DIR): DeploymentRecord | undefined {
  const path = recordPath(network, dir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as DeploymentRecord;
}

export function writeRecord(record: DeploymentRecord, dir = DEPLOYMENTS_DIR): void {
  const path = recordPath(record.network, dir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(record, null, 2) + "\n");
}

/** Reads the record of `network` or throws a readable error telling how to create it. */
export function requireRecord(network: string, dir = DEPLOYMENTS_DIR): DeploymentRecord {
  const rec = readRecord(network, dir);
  if (rec === undefined || rec.completedAt === undefined) {
    throw new Error(
      `No complete Keel deployment for network "${network}" (${recordPath(network, dir)}). ` +
        `Deploy first: npx hardhat run deploy/deploy.ts --network ${network}`,
    );
  }
  return rec;
}
