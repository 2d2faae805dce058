// Shared plumbing of Keel's tasks and scripts: open the deployment of the selected network, resolve asset symbols,
// parse human amounts strictly, and decode custom errors into names and arguments (never raw hex).
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  type Interface,
  type InterfaceAbi,
  MaxUint256,
  formatUnits,
  parseUnits,
  type Result,
  type TransactionReceipt,
} from "ethers";
import { decodeError, findRevertData, formatError, formatHealthFactor } from "../../packages/sdk/src/index.js";
import { type DeploymentRecord, requireRecord } from "../../deploy/records.js";
import type { Pool } from "../../types/ethers-contracts/index.js";

export class KeelTaskError extends Error {}

type ReserveRecord = { asset: string; kToken: string; feed: string; decimals: number };

export interface KeelContext {
  connection: NetworkConnection;
  ethers: HardhatEthers;
  record: DeploymentRecord;
  /** The spoke the task acts on: the core spoke ("Pool"), or the further spoke named by `--spoke`. */
  pool: Pool;
  /** That spoke's record name ("Pool" for the core spoke). */
  spokeName: string;
  /** That spoke's listed reserves by symbol. */
  reserves: Record<string, ReserveRecord>;
  networkName: string;
}

/** What an action needs of an open deployment: the connection's ethers, the record, the network's name (for messages).
 *  A `KeelContext` is one; tests build one from an in-process deployment (`{ ethers, record, networkName }`). */
export type KeelSession = Pick<KeelContext, "ethers" | "record" | "networkName">;

export interface ReserveInfo {
  symbol: string;
  asset: string;
  kToken: string;
  feed: string;
  decimals: number;
}

/** Opens the Keel deployment of the network the task runs on (`--network`), acting on the core spoke, or on the
 *  further spoke `spoke` names (its record name, e.g. "EModePool"; deploy/config.ts `spokes`). */
export async function openKeel(hre: HardhatRuntimeEnvironment, recordDir?: string, spoke = ""): Promise<KeelContext> {
  const connection = await hre.network.create();
  const { ethers, networkName } = connection;
  let record: DeploymentRecord;
  try {
    record = requireRecord(networkName, recordDir);
  } catch (e) {
    throw new KeelTaskError((e as Error).message);
  }
  const chainId = (await ethers.provider.getNetwork()).chainId.toString();
  if (record.chainId !== chainId) {
    throw new KeelTaskError(
      `deployments/${networkName}.json was written for chain ${record.chainId} but the node is chain ${chainId}: wrong --network?`,
    );
  }
  const poolAddress = record.contracts.Pool?.address;
  if (poolAddress === undefined || (await ethers.provider.getCode(poolAddress)) === "0x") {
    throw new KeelTaskError(
      `No Keel pool at the recorded address on "${networkName}": was the node restarted? Deploy again.`,
    );
  }
  if (spoke !== "" && spoke !== "Pool") {
    const sp = record.spokes?.[spoke];
    if (sp === undefined) {
      throw new KeelTaskError(
        `Unknown spoke "${spoke}". Spokes: Pool (the core spoke)${Object.keys(record.spokes ?? {})
          .map((n) => ", " + n)
          .join("")}.`,
      );
    }
    const pool = await ethers.getContractAt("Pool", sp.address);
    return { connection, ethers, record, pool, spokeName: spoke, reserves: sp.reserves, networkName };
  }
  const pool = await ethers.getContractAt("Pool", poolAddress);
  return { connection, ethers, record, pool, spokeName: "Pool", reserves: record.reserves ?? {}, networkName };
}

/** Every reserve of the deployment by symbol, the core spoke's first, then the further spokes' (the mock tokens a
 *  faucet may mint). */
export function allReserves(record: DeploymentRecord): Record<string, ReserveRecord> {
  const out: Record<string, ReserveRecord> = { ...(record.reserves ?? {}) };
  for (const sp of Object.values(record.spokes ?? {}))
    for (const [sym, r] of Object.entries(sp.reserves)) out[sym] ??= r;
  return out;
}

/** Resolves a symbol (case-insensitive) or an address to a listed reserve: of the core spoke for a record, of the
 *  task's spoke for a context (`openKeel`). */
export function reserveOf(source: { reserves?: Record<string, ReserveRecord> }, symbolOrAddress: string): ReserveInfo {
  const reserves = source.reserves ?? {};
  for (const [symbol, r] of Object.entries(reserves)) {
    if (
      symbol.toLowerCase() === symbolOrAddress.toLowerCase() ||
      r.asset.toLowerCase() === symbolOrAddress.toLowerCase()
    ) {
      return { symbol, ...r };
    }
  }
  throw new KeelTaskError(`Unknown asset "${symbolOrAddress}". Listed: ${Object.keys(reserves).join(", ") || "none"}.`);
}

/** Parses a human amount ("250.5") into asset units; "max" when allowed. Rejects negative, zero and non-numbers. */
export function parseAmount(input: string, decimals: number, opts: { allowMax?: boolean } = {}): bigint {
  const s = input.trim();
  if (opts.allowMax && (s === "max" || s === "all")) return MaxUint256;
  if (!/^\d+(\.\d+)?$/.test(s)) {
    throw new KeelTaskError(
      `Invalid amount "${input}": expected a positive number like 250.5${opts.allowMax ? ' or "max"' : ""}.`,
    );
  }
  const frac = s.split(".")[1] ?? "";
  if (frac.length > decimals)
    throw new KeelTaskError(`Invalid amount "${input}": at most ${String(decimals)} decimals for this asset.`);
  const v = parseUnits(s, decimals);
  if (v === 0n) throw new KeelTaskError(`Invalid amount "${input}": must be greater than zero.`);
  return v;
}

export function fmt(amount: bigint, decimals: number, symbol = ""): string {
  if (amount === MaxUint256) return "max";
  const [i, f = ""] = formatUnits(amount, decimals).split(".");
  const frac = f.replace(/0+$/, "").slice(0, 6);
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? "." + frac : ""}${symbol ? " " + symbol : ""}`;
}

export function fmtUsd(base: bigint): string {
  return "$" + fmt(base, 8);
}

/** A health factor for the tasks' output: the SDK's formatter (four decimals, truncated; ∞ without debt). */
export function fmtHf(hf: bigint): string {
  return formatHealthFactor(hf);
}

export async function signerAt(ethers: HardhatEthers, index: number): Promise<HardhatEthersSigner> {
  const signers = await ethers.getSigners();
  if (!Number.isInteger(index) || index < 0 || index >= signers.length) {
    throw new KeelTaskError(`No signer #${String(index)} on this network (${String(signers.length)} available).`);
  }
  return signers[index];
}

let devErrorsAbi: InterfaceAbi | undefined;

/** The custom errors of the development networks' mocks (tokens, issuers, collections: contracts/mocks/), which the
 *  SDK does not ship; the SDK's decoder adds them to Keel's own (`keelErrorsAbi`). */
async function devErrors(hre: HardhatRuntimeEnvironment): Promise<InterfaceAbi> {
  if (devErrorsAbi !== undefined) return devErrorsAbi;
  const bySig = new Map<string, unknown>();
  for (const fq of await hre.artifacts.getAllFullyQualifiedNames()) {
    if (!fq.startsWith("contracts/mocks/")) continue;
    for (const item of (await hre.artifacts.readArtifact(fq)).abi as {
      type: string;
      name?: string;
      inputs?: { type: string }[];
    }[]) {
      if (item.type === "error" && item.name !== undefined)
        bySig.set(`${item.name}(${(item.inputs ?? []).map((i) => i.type).join(",")})`, item);
    }
  }
  devErrorsAbi = [...bySig.values()] as InterfaceAbi;
  return devErrorsAbi;
}

/** The receipt of a sent transaction once mined (ethers' `wait()` answers null only when asked for 0 confirmations). */
export async function mined<R>(sent: Promise<{ wait(): Promise<R | null> }>): Promise<R> {
  const rc = await (await sent).wait();
  if (rc === null) throw new KeelTaskError("The transaction has no receipt.");
  return rc;
}

/** The latest block's timestamp, in seconds. */
export async function latestTimestamp(provider: {
  getBlock(tag: "latest"): Promise<{ timestamp: number } | null>;
}): Promise<number> {
  const block = await provider.getBlock("latest");
  if (block === null) throw new KeelTaskError("The node returned no latest block.");
  return block.timestamp;
}

/** The arguments of the first `name` event that `emitter` (at `address`) logged in receipt `rc`: what the transaction did,
 *  where a `staticCall` beforehand would only predict it (interest moves by the second between the two). */
export function emitted(
  rc: TransactionReceipt | null,
  emitter: { interface: Interface },
  address: string,
  name: string,
): Result {
  for (const log of rc?.logs ?? []) {
    if (log.address.toLowerCase() !== address.toLowerCase()) continue;
    const parsed = emitter.interface.parseLog(log);
    if (parsed?.name === name) return parsed.args;
  }
  throw new KeelTaskError(`The transaction ${rc?.hash ?? ""} emitted no ${name} event.`);
}

/** Approves `spender` for `amount` of `token` as `owner` when the allowance is short. Before that approval it dry-runs
 *  `action` and rethrows a refusal by `refuser` itself (one of its custom errors, e.g. a spoke's): a refused action
 *  sends nothing, not even an approval. Any other dry-run failure (the missing allowance) is left to the real call. */
export async function approveUnlessRefused(
  ethers: HardhatEthers,
  opts: {
    token: string;
    owner: HardhatEthersSigner;
    spender: string;
    amount: bigint;
    refuser: { interface: Interface };
    action: () => Promise<unknown>;
  },
): Promise<void> {
  const token = await ethers.getContractAt("MockERC20", opts.token, opts.owner);
  if ((await token.allowance(opts.owner.address, opts.spender)) >= opts.amount) return;
  try {
    await opts.action();
  } catch (e) {
    const data = findRevertData(e);
    if (data !== undefined && opts.refuser.interface.parseError(data) !== null) throw e;
  }
  await (await token.approve(opts.spender, MaxUint256)).wait();
}

/** Describes a failed call as `ErrorName(arg=value, ...)` (the SDK's decoder), or the plain message when it is not a
 *  revert. */
export async function describeError(hre: HardhatRuntimeEnvironment, e: unknown): Promise<string> {
  if (e instanceof KeelTaskError) return e.message;
  const decoded = decodeError(e, await devErrors(hre));
  if (decoded !== undefined) return formatError(decoded);
  const msg = (e as Error).message ?? String(e);
  const custom = msg.match(/reverted with custom error '([^']+)'/);
  return custom ? custom[1] : msg.split("\n")[0];
}

/** Runs a task body, printing a decoded, readable error and setting a failing exit code instead of a stack trace. */
export async function runTask(hre: HardhatRuntimeEnvironment, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    console.error(`✘ ${await describeError(hre, e)}`);
    process.exitCode = 1;
  }
}
