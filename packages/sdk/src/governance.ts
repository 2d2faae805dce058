// Governance proposals from the governor's ProposalCreated events: state, tallies, schedule, the timelock tier its
// actions take (base or critical, KeelTimelock.requiredDelay), whether the guardian could cancel it, and each action
// decoded with the SDK's ABIs (function name and arguments, the target's record name).
import { type InterfaceAbi, Interface, type Provider, ZeroHash, getAddress } from "ethers";
import * as abis from "./abis.js";
import type { DeploymentRecord } from "./deployment.js";
import { addressOf } from "./deployment.js";
import { big, contractAt, str, view } from "./read.js";

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
}

export interface Proposal {
  id: bigint;
  proposer: string;
  description: string;
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
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
};
const ALL = Object.values(ABI_BY_CONTRACT).map((abi) => new Interface(abi));

function decodeAction(record: DeploymentRecord, target: string, value: bigint, calldata: string): ProposalAction {
  const entry = Object.entries(record.contracts).find(([, c]) => getAddress(c.address) === getAddress(target));
  const own = entry === undefined ? undefined : ABI_BY_CONTRACT[entry[1].contract];
  for (const iface of own === undefined ? ALL : [new Interface(own), ...ALL]) {
    try {
      const parsed = iface.parseTransaction({ data: calldata, value });
      if (parsed !== null)
        return {
          target,
          targetName: entry?.[0],
          value,
          calldata,
          function: parsed.signature,
          args: parsed.args.toArray(),
        };
    } catch {
      // not this ABI
    }
  }
  return { target, targetName: entry?.[0], value, calldata, function: undefined, args: [] };
}

/** Every proposal of the record's governor, oldest first, as of the latest block. */
export async function readProposals(provider: Provider, record: DeploymentRecord): Promise<Proposal[]> {
  const governor = contractAt(addressOf(record, "Governor"), abis.governorAbi, provider);
  const timelock = contractAt(addressOf(record, "Timelock"), abis.timelockAbi, provider);
  const created = governor.interface.getEvent("ProposalCreated");
  if (created === null) throw new Error("@keel/sdk: the governor ABI lacks ProposalCreated");
  const logs = await provider.getLogs({
    address: await governor.getAddress(),
    topics: [created.topicHash],
    fromBlock: record.contracts.Governor?.block ?? 0,
  });
  const minDelay = big((await view(timelock, "getMinDelay"))[0]);
  const out: Proposal[] = [];
  for (const log of logs) {
    const e = governor.interface.parseLog(log);
    if (e === null) continue;
    const id = big(e.args[0]);
    const targets = (e.args[2] as { toArray(): unknown[] }).toArray().map((t) => str(t));
    const values = (e.args[3] as { toArray(): unknown[] }).toArray().map((v) => big(v));
    const calldatas = (e.args[5] as { toArray(): unknown[] }).toArray().map((c) => str(c));
    const [against, forVotes, abstain] = (await view(governor, "proposalVotes", [id])).toArray().map((v) => big(v));
    const tierDelay = big((await view(timelock, "requiredDelay", [targets, calldatas]))[0]);
    let cancelProtected = targets.length > 0;
    for (let i = 0; i < targets.length && cancelProtected; ++i) {
      const data = calldatas[i] ?? "0x";
      const firstArg = data.length >= 74 ? "0x" + data.slice(10, 74) : ZeroHash;
      cancelProtected =
        data.length >= 10 &&
        Boolean((await view(timelock, "isCancelProtected", [targets[i], data.slice(0, 10), firstArg]))[0]);
    }
    out.push({
      id,
      proposer: str(e.args[1]),
      description: str(e.args[8]),
      state: PROPOSAL_STATES[Number(big((await view(governor, "state", [id]))[0]))] ?? "Pending",
      votes: { against: against ?? 0n, for: forVotes ?? 0n, abstain: abstain ?? 0n },
      snapshot: big((await view(governor, "proposalSnapshot", [id]))[0]),
      deadline: big((await view(governor, "proposalDeadline", [id]))[0]),
      eta: big((await view(governor, "proposalEta", [id]))[0]),
      tier: tierDelay === minDelay ? "base" : "critical",
      tierDelay,
      cancelProtected,
      actions: targets.map((t, i) => decodeAction(record, t, values[i] ?? 0n, calldatas[i] ?? "0x")),
      block: log.blockNumber,
      txHash: log.transactionHash,
    });
  }
  return out;
}
