// Governance proposals from the governor's ProposalCreated events: state, tallies, schedule, the timelock tier its
// actions take (base or critical, KeelTimelock.requiredDelay), whether the guardian could cancel it, and each action
// decoded with the SDK's ABIs (function name and arguments, the target's record name).
import {
  type Contract,
  FunctionFragment,
  type InterfaceAbi,
  Interface,
  type Log,
  type LogDescription,
  type Provider,
  ZeroHash,
  getAddress,
} from "ethers";
import * as abis from "./abis.js";
import type { DeploymentRecord } from "./deployment.js";
import { addressOf } from "./deployment.js";
import { type ReadOptions, big, contractAt, str, view } from "./read.js";

/** OpenZeppelin's `IGovernor.ProposalState`, by index. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ProposalAction {
  target: string;
  /** Record name of the target ("Upgrader", "Pool", ...), undefined when it is not in the record. */
  targetName: string | undefined;
  value: bigint;
  calldata: string;
  /** Decoded with the target's ABI (or any SDK ABI with that selector); undefined when none matches. */
  function: string | undefined;
  args: unknown[];
  /** The arguments by parameter name (`arg<i>` for an unnamed one); empty when undecoded. */
  named: Record<string, unknown>;
}

export interface Proposal {
  id: bigint;
  proposer: string;
  description: string;
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes needed (the governor's quorum at the snapshot); 0 while the snapshot is still ahead of the clock. */
  quorum: bigint;
  /** Block numbers or timestamps, as the governor's clock counts (KEEL votes: timestamps). */
  snapshot: bigint;
  deadline: bigint;
  /** Unix seconds when the queued operation is executable (0 when not queued). */
  eta: bigint;
  /** "base" only when every action is on the timelock's base-tier list; its delay in seconds. */
  tier: "base" | "critical";
  tierDelay: bigint;
  /** Every action cancel-protected: the guardian cannot cancel it once queued. */
  cancelProtected: boolean;
  actions: ProposalAction[];
  /** The block and transaction that created it. */
  block: number;
  txHash: string;
}

/** Implementation contract name (the record's `contract`) -> SDK ABI. */
const ABI_BY_CONTRACT: Record<string, InterfaceAbi> = {
  LiquidityHub: abis.liquidityHubAbi,
  Pool: abis.poolAbi,
  KToken: abis.kTokenAbi,
  KeelOracle: abis.oracleAbi,
  KinkedRateModel: abis.rateModelAbi,
  NftSpoke: abis.nftSpokeAbi,
  RwaSpoke: abis.rwaSpokeAbi,
  SafetyModule: abis.safetyModuleAbi,
  KeelTreasury: abis.treasuryAbi,
  KeelFlashLender: abis.flashLenderAbi,
  ModuleRegistry: abis.moduleRegistryAbi,
  KeelToken: abis.keelTokenAbi,
  KeelGovernor: abis.governorAbi,
  KeelTimelock: abis.timelockAbi,
  KeelAccessManager: abis.accessManagerAbi,
  KeelUpgrader: abis.upgraderAbi,
  SynthToken: abis.synthTokenAbi,
  PegStabilityModule: abis.pegStabilityModuleAbi,
  HubFacilitator: abis.hubFacilitatorAbi,
};
const ALL = Object.values(ABI_BY_CONTRACT).map((abi) => new Interface(abi));

function recordNameOf(record: DeploymentRecord, address: string): string | undefined {
  return Object.entries(record.contracts).find(([, c]) => getAddress(c.address) === getAddress(address))?.[0];
}

function decodeAction(record: DeploymentRecord, target: string, value: bigint, calldata: string): ProposalAction {
  const targetName = recordNameOf(record, target);
  const own = targetName === undefined ? undefined : ABI_BY_CONTRACT[record.contracts[targetName]?.contract ?? ""];
  for (const iface of own === undefined ? ALL : [new Interface(own), ...ALL]) {
    try {
      const parsed = iface.parseTransaction({ data: calldata, value });
      if (parsed !== null) {
        const args = parsed.args.toArray();
        const named: Record<string, unknown> = {};
        parsed.fragment.inputs.forEach((input, i) => {
          named[input.name === "" ? `arg${String(i)}` : input.name] = args[i];
        });
        return { target, targetName, value, calldata, function: parsed.signature, args, named };
      }
    } catch {
      // not this ABI
    }
  }
  return { target, targetName, value, calldata, function: undefined, args: [], named: {} };
}

function formatValue(record: DeploymentRecord, v: unknown, type: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(record, x, "")).join(", ")}]`;
  if (typeof v === "object" && v !== null && "toArray" in v)
    return formatValue(record, (v as { toArray(): unknown[] }).toArray(), type);
  if (type === "address" && typeof v === "string") {
    const name = recordNameOf(record, v);
    return name === undefined ? v : `${v} (${name})`;
  }
  if (typeof v === "string" && v.length > 74) return `${v.slice(0, 74)}…`;
  return String(v);
}

/** An action in words: `Pool.setFlashPremium(premium=7, toProtocol=2000)` (the target's record name, every argument
 *  by name, addresses of the record with their names, long bytes cut at 74 characters, ` {value: n}` when it sends
 *  ETH), or `<target> <- 0x12345678… (n bytes)` when no SDK ABI decodes it. */
export function formatAction(record: DeploymentRecord, action: ProposalAction): string {
  const label = action.targetName ?? action.target;
  const suffix = action.value > 0n ? ` {value: ${String(action.value)}}` : "";
  if (action.function === undefined)
    return `${label} <- ${action.calldata.slice(0, 10)}… (${String((action.calldata.length - 2) / 2)} bytes)${suffix}`;
  const fragment = FunctionFragment.from(action.function); // the signature: types, no names
  const names = Object.keys(action.named);
  const args = fragment.inputs.map(
    (input, i) => `${names[i] ?? `arg${String(i)}`}=${formatValue(record, action.args[i], input.type)}`,
  );
  return `${label}.${fragment.name}(${args.join(", ")})${suffix}`;
}

/** What every proposal of one read shares: the contracts, and the values read once (the timelock's minimum delay, the
 *  governor's clock) at the read's block. */
interface ReadContext {
  governor: Contract;
  timelock: Contract;
  minDelay: bigint;
  clock: bigint;
  opts: ReadOptions;
}

async function tierWith(
  timelock: Contract,
  minDelay: bigint,
  targets: readonly string[],
  calldatas: readonly string[],
  opts: ReadOptions,
): Promise<{ tier: "base" | "critical"; tierDelay: bigint; cancelProtected: boolean }> {
  const tierDelay = big((await view(timelock, "requiredDelay", [targets, calldatas], opts))[0]);
  let cancelProtected = targets.length > 0;
  for (let i = 0; i < targets.length && cancelProtected; ++i) {
    const data = calldatas[i] ?? "0x";
    const firstArg = data.length >= 74 ? "0x" + data.slice(10, 74) : ZeroHash;
    cancelProtected =
      data.length >= 10 &&
      Boolean((await view(timelock, "isCancelProtected", [targets[i], data.slice(0, 10), firstArg], opts))[0]);
  }
  return { tier: tierDelay === minDelay ? "base" : "critical", tierDelay, cancelProtected };
}

/** The timelock tier a batch of calls takes (KeelTimelock.requiredDelay: "base" only at the minimum delay, i.e.
 *  every call on the base-tier list), and whether every call is cancel-protected (the guardian cannot cancel it). */
export async function proposalTier(
  provider: Provider,
  record: DeploymentRecord,
  targets: readonly string[],
  calldatas: readonly string[],
  opts: ReadOptions = {},
): Promise<{ tier: "base" | "critical"; tierDelay: bigint; cancelProtected: boolean }> {
  const timelock = contractAt(addressOf(record, "Timelock"), abis.timelockAbi, provider);
  const minDelay = big((await view(timelock, "getMinDelay", [], opts))[0]);
  return tierWith(timelock, minDelay, targets, calldatas, opts);
}

async function readContext(provider: Provider, record: DeploymentRecord, opts: ReadOptions): Promise<ReadContext> {
  const governor = contractAt(addressOf(record, "Governor"), abis.governorAbi, provider);
  const timelock = contractAt(addressOf(record, "Timelock"), abis.timelockAbi, provider);
  const minDelay = big((await view(timelock, "getMinDelay", [], opts))[0]);
  const clock = big((await view(governor, "clock", [], opts))[0]);
  return { governor, timelock, minDelay, clock, opts };
}

async function proposalOf(record: DeploymentRecord, ctx: ReadContext, log: Log, e: LogDescription): Promise<Proposal> {
  const { governor, opts } = ctx;
  const id = big(e.args[0]);
  const targets = (e.args[2] as { toArray(): unknown[] }).toArray().map((t) => str(t));
  const values = (e.args[3] as { toArray(): unknown[] }).toArray().map((v) => big(v));
  const calldatas = (e.args[5] as { toArray(): unknown[] }).toArray().map((c) => str(c));
  const one = async (fn: string, args: unknown[] = []) => big((await view(governor, fn, args, opts))[0], fn);
  const [against, forVotes, abstain] = (await view(governor, "proposalVotes", [id], opts)).toArray().map((v) => big(v));
  const snapshot = await one("proposalSnapshot", [id]);
  // quorum(t) answers only for a past timepoint of the governor's clock (KEEL: timestamps).
  const quorum = snapshot < ctx.clock ? await one("quorum", [snapshot]) : 0n;
  return {
    id,
    proposer: str(e.args[1]),
    description: str(e.args[8]),
    state: PROPOSAL_STATES[Number(await one("state", [id]))] ?? "Pending",
    votes: { against: against ?? 0n, for: forVotes ?? 0n, abstain: abstain ?? 0n },
    quorum,
    snapshot,
    deadline: await one("proposalDeadline", [id]),
    eta: await one("proposalEta", [id]),
    ...(await tierWith(ctx.timelock, ctx.minDelay, targets, calldatas, opts)),
    actions: targets.map((t, i) => decodeAction(record, t, values[i] ?? 0n, calldatas[i] ?? "0x")),
    block: log.blockNumber,
    txHash: log.transactionHash,
  };
}

/** The governor's ProposalCreated events since its deployment, each parsed once. */
async function creations(provider: Provider, record: DeploymentRecord): Promise<{ log: Log; e: LogDescription }[]> {
  const governor = contractAt(addressOf(record, "Governor"), abis.governorAbi, provider);
  const created = governor.interface.getEvent("ProposalCreated");
  if (created === null) throw new Error("@keel/sdk: the governor ABI lacks ProposalCreated");
  const logs = await provider.getLogs({
    address: await governor.getAddress(),
    topics: [created.topicHash],
    fromBlock: record.contracts.Governor?.block ?? 0,
  });
  const out: { log: Log; e: LogDescription }[] = [];
  for (const log of logs) {
    const e = governor.interface.parseLog(log);
    if (e !== null) out.push({ log, e });
  }
  return out;
}

/** Every proposal of the record's governor, oldest first (`blockTag`: its state at that block; default the latest). */
export async function readProposals(
  provider: Provider,
  record: DeploymentRecord,
  opts: ReadOptions = {},
): Promise<Proposal[]> {
  const events = await creations(provider, record);
  if (events.length === 0) return [];
  const ctx = await readContext(provider, record, opts);
  const out: Proposal[] = [];
  for (const { log, e } of events) out.push(await proposalOf(record, ctx, log, e));
  return out;
}

/** One proposal by id, or undefined when the governor never created it. */
export async function readProposal(
  provider: Provider,
  record: DeploymentRecord,
  id: bigint,
  opts: ReadOptions = {},
): Promise<Proposal | undefined> {
  const found = (await creations(provider, record)).find(({ e }) => big(e.args[0]) === id);
  return found === undefined
    ? undefined
    : proposalOf(record, await readContext(provider, record, opts), found.log, found.e);
}
