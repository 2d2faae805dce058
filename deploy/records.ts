// The address book: deployments/<network>.json, written after every step so an interrupted deployment resumes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The record types are the SDK's (packages/sdk/src/deployment.ts), defined once: what the deployer writes is what
// integrators read.
import type { DeploymentRecord } from "../packages/sdk/src/deployment.js";
export type {
  ContractRecord,
  DeploymentRecord,
  ReserveRecord,
  RwaRecord,
  SpokeRecord,
  SynthRecord,
} from "../packages/sdk/src/deployment.js";

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
