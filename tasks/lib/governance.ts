// Governance task logic: propose, vote, queue, execute and inspect Keel DAO proposals. Each function takes
// (hre, connection, record, options) so the tasks and the tests share exactly the same code; the tasks only parse
// arguments and print.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Interface, ZeroAddress, ZeroHash, id as keccakId, isAddress, isHexString, type LogDescription } from "ethers";
import type { DeploymentRecord } from "../../deploy/records.js";
import { BASE_TIER, CANCEL_PROTECTED, FunctionRoles, Roles } from "../../deploy/roles.js";
import { protectedArgWord, selectorOf } from "../../deploy/tiers.js";
import type { KeelGovernor, KeelTimelock } from "../../types/ethers-contracts/index.js";
import { KeelTaskError, latestTimestamp } from "./keel.js";
import { implementationOf, matchArtifact, unknownCodeName } from "./bytecode.js";
import { PROPOSAL_STATES, type ProposalState, formatAction, readProposal } from "../../packages/sdk/src/index.js";

/** OpenZeppelin Governor's ProposalState, by index: the SDK's one definition. */
export { PROPOSAL_STATES };
export type ProposalStateName = ProposalState;
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type SupportName = keyof typeof SUPPORT;

export interface ProposalActions {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

export interface ProposalDetails extends ProposalActions {
  id: bigint;
  proposer: string;
}

export interface ProposeOptions {
  targets: string[];
  values?: bigint[];
  calldatas: string[];
  description: string;
  /** Signer index (default 0: the dev deployer, who holds and delegates the dev KEEL allocation, above quorum). */
  from?: number;
}

export interface ProposalStatus {
  id: bigint;
  state: ProposalStateName;
  proposer: string;
  votes: { against: bigint; for: bigint; abstain: bigint };
  quorum: bigint;
  snapshot: bigint;
  deadline: bigint;
  /** Unix seconds when the queued operation is executable (0 when not queued). */
  eta: bigint;
  description: string;
  actions: string[];
  /** The timelock tier its actions take: "base" only if every call is on the base-tier allow-list. */
  tier: "base" | "critical";
  /** The timelock delay of that tier, in seconds. */
  tierDelay: bigint;
  /** Whether every action is cancel-protected (the guardian cannot cancel it once queued). */
  cancelProtected: boolean;
}

export async function governorOf(connection: NetworkConnection, record: DeploymentRecord): Promise<KeelGovernor> {
  const address = record.contracts.Governor?.address;
  if (address === undefined) throw new KeelTaskError("This deployment has no Governor.");
  return await connection.ethers.getContractAt("KeelGovernor", address);
}

export async function timelockOf(connection: NetworkConnection, record: DeploymentRecord): Promise<KeelTimelock> {
  const address = record.contracts.Timelock?.address;
  if (address === undefined) throw new KeelTaskError("This deployment has no Timelock.");
  return await connection.ethers.getContractAt("KeelTimelock", address);
}

async function signer(connection: NetworkConnection, index = 0): Promise<HardhatEthersSigner> {
  const signers = await connection.ethers.getSigners();
  if (!Number.isInteger(index) || index < 0 || index >= signers.length) {
    throw new KeelTaskError(`No signer #${String(index)} on this network (${String(signers.length)} available).`);
  }
  return signers[index];
}

const isDev = (record: DeploymentRecord) => record.chainId === "31337";

/** Moves a development chain's clock to at least `timestamp` (mines one block). */
async function travelTo(connection: NetworkConnection, timestamp: bigint): Promise<void> {
  const latest = BigInt(await latestTimestamp(connection.ethers.provider));
  if (latest < timestamp) await connection.networkHelpers.time.increaseTo(timestamp);
}

/** Opens a proposal; returns its id. */
export async function propose(
  _hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: ProposeOptions,
): Promise<{ proposalId: bigint; txHash: string }> {
  const { targets, calldatas, description } = opts;
  const values = opts.values ?? targets.map(() => 0n);
  if (targets.length === 0) throw new KeelTaskError("A proposal needs at least one action.");
  if (targets.length !== calldatas.length || targets.length !== values.length) {
    throw new KeelTaskError(
      `targets (${String(targets.length)}), values (${String(values.length)}) and calldatas (${String(calldatas.length)}) differ in length.`,
    );
  }
  for (const t of targets)
    if (!isAddress(t)) throw new KeelTaskError(`Invalid target "${String(t)}": expected an address.`);
  for (const c of calldatas) if (!isHexString(c)) throw new KeelTaskError(`Invalid calldata "${c}": expected 0x-hex.`);
  if (description.trim() === "") throw new KeelTaskError("A proposal needs a description.");
  const governor = (await governorOf(connection, record)).connect(await signer(connection, opts.from));
  const proposalId = await governor.hashProposal(targets, values, calldatas, keccakId(description));
  const tx = await governor.propose(targets, values, calldatas, description);
  await tx.wait();
  return { proposalId, txHash: tx.hash };
}

/** Finds a proposal's actions and description (the SDK's readProposal, from its ProposalCreated event). */
export async function findProposal(
  connection: NetworkConnection,
  record: DeploymentRecord,
  id: bigint,
): Promise<ProposalDetails> {
  const p = await readProposal(connection.ethers.provider, record, id);
  if (p === undefined) throw new KeelTaskError(`No proposal ${String(id)} on this Governor.`);
  return {
    id,
    proposer: p.proposer,
    targets: p.actions.map((a) => a.target),
    values: p.actions.map((a) => a.value),
    calldatas: p.actions.map((a) => a.calldata),
    description: p.description,
  };
}

export function parseSupport(support: string): number {
  const s = support.trim().toLowerCase() as SupportName;
  if (!(s in SUPPORT)) throw new KeelTaskError(`Invalid --support "${support}": for, against or abstain.`);
  return SUPPORT[s];
}

/** Casts a vote. With `travel` on a development chain, first moves the clock to the vote's start. */
export async function vote(
  _hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: { id: bigint; support: string; from?: number; reason?: string; travel?: boolean },
): Promise<{ weight: bigint; txHash: string }> {
  const support = parseSupport(opts.support);
  const voter = await signer(connection, opts.from);
  const governor = (await governorOf(connection, record)).connect(voter);
  if (opts.travel && isDev(record)) await travelTo(connection, (await governor.proposalSnapshot(opts.id)) + 1n);
  const state = PROPOSAL_STATES[Number(await governor.state(opts.id))];
  if (state !== "Active")
    throw new KeelTaskError(`Proposal ${String(opts.id)} is ${state}: votes are only accepted while Active.`);
  const tx = opts.reason
    ? await governor.castVoteWithReason(opts.id, support, opts.reason)
    : await governor.castVote(opts.id, support);
  await tx.wait();
  return { weight: await governor.weightCast(opts.id, voter.address), txHash: tx.hash };
}

/** Queues a succeeded proposal in the timelock. With `travel` on a development chain, first ends the vote. */
export async function queue(
  _hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: { id: bigint; from?: number; travel?: boolean },
): Promise<{ eta: bigint; txHash: string }> {
  const governor = (await governorOf(connection, record)).connect(await signer(connection, opts.from));
  if (opts.travel && isDev(record)) await travelTo(connection, (await governor.proposalDeadline(opts.id)) + 1n);
  const state = PROPOSAL_STATES[Number(await governor.state(opts.id))];
  if (state !== "Succeeded")
    throw new KeelTaskError(`Proposal ${String(opts.id)} is ${state}: only a Succeeded proposal can be queued.`);
  const p = await findProposal(connection, record, opts.id);
  const tx = await governor.queue(p.targets, p.values, p.calldatas, keccakId(p.description));
  await tx.wait();
  return { eta: await governor.proposalEta(opts.id), txHash: tx.hash };
}

/** Executes a queued proposal whose timelock delay has passed. With `travel` on a development chain, first waits
 *  until the eta. Returns the events the execution emitted, decoded where a Keel contract emitted them. */
export async function execute(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: { id: bigint; from?: number; travel?: boolean },
): Promise<{ txHash: string; events: LogDescription[] }> {
  const governor = (await governorOf(connection, record)).connect(await signer(connection, opts.from));
  const state = PROPOSAL_STATES[Number(await governor.state(opts.id))];
  if (state !== "Queued")
    throw new KeelTaskError(`Proposal ${String(opts.id)} is ${state}: only a Queued proposal can be executed.`);
  const eta = await governor.proposalEta(opts.id);
  if (opts.travel && isDev(record)) await travelTo(connection, eta);
  const now = BigInt(await latestTimestamp(connection.ethers.provider));
  if (now + 1n < eta) {
    throw new KeelTaskError(
      `Proposal ${String(opts.id)} is executable at ${new Date(Number(eta) * 1000).toISOString()} (eta ${String(eta)}), in ${String(eta - now - 1n)} s.`,
    );
  }
  const p = await findProposal(connection, record, opts.id);
  const tx = await governor.execute(p.targets, p.values, p.calldatas, keccakId(p.description));
  const receipt = await tx.wait();
  const iface = await keelEventsInterface(hre);
  const upgrader = record.contracts.Upgrader?.address.toLowerCase();
  const events: LogDescription[] = [];
  for (const log of receipt?.logs ?? []) {
    try {
      const parsed = iface.parseLog(log);
      // A ModuleUpgraded from anything but the recorded KeelUpgrader is a forgery (any contract can emit it).
      if (parsed && !(parsed.name === "ModuleUpgraded" && log.address.toLowerCase() !== upgrader)) events.push(parsed);
    } catch {
      // not a Keel event
    }
  }
  await updateRecordFromChain(hre, connection, record);
  return { txHash: tx.hash, events };
}

/** Keeps the address book in step with what the chain runs (issue 10, finding 9): for every recorded proxy, the
 *  implementation is read from its ERC-1967 slot; when it changed, its runtime code is matched against the artifacts
 *  compiled in this project and the matched name is recorded (`unknown(<code hash>)` when none matches, which the
 *  upgrade tasks then refuse to validate against). Nothing comes from the proposal's text or from events. Returns
 *  the record keys that changed. */
export async function updateRecordFromChain(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [key, entry] of Object.entries(record.contracts)) {
    if (entry.implementation === undefined) continue;
    const impl = await implementationOf(connection, entry.address);
    if (impl.toLowerCase() === entry.implementation.toLowerCase()) continue;
    entry.implementation = impl;
    entry.contract = (await matchArtifact(hre, connection, impl)) ?? (await unknownCodeName(connection, impl));
    try {
      const module = await connection.ethers.getContractAt("IUpgradeCheckable", entry.address);
      entry.version = await module.version();
    } catch {
      entry.version = undefined;
    }
    changed.push(key);
  }
  return changed;
}

let eventsInterface: Interface | undefined;

async function keelEventsInterface(hre: HardhatRuntimeEnvironment): Promise<Interface> {
  if (eventsInterface) return eventsInterface;
  const fragments = new Map<string, unknown>();
  for (const fq of await hre.artifacts.getAllFullyQualifiedNames()) {
    const artifact = await hre.artifacts.readArtifact(fq);
    for (const item of artifact.abi as { type: string; name?: string; inputs?: { type: string }[] }[]) {
      if (item.type !== "event" || !item.name) continue;
      const sig = `${item.name}(${(item.inputs ?? []).map((i) => i.type).join(",")})`;
      if (!fragments.has(sig)) fragments.set(sig, item);
    }
  }
  eventsInterface = new Interface([...fragments.values()] as never[]);
  return eventsInterface;
}

/** A proposal's state, tallies, schedule, tier and actions in words: the SDK's readProposal and formatAction. */
export async function status(
  _hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: { id: bigint },
): Promise<ProposalStatus> {
  const p = await readProposal(connection.ethers.provider, record, opts.id);
  if (p === undefined) throw new KeelTaskError(`No proposal ${String(opts.id)} on this Governor.`);
  return {
    id: p.id,
    state: p.state,
    proposer: p.proposer,
    votes: p.votes,
    quorum: p.quorum,
    snapshot: p.snapshot,
    deadline: p.deadline,
    eta: p.eta,
    description: p.description,
    actions: p.actions.map((a) => formatAction(record, a)),
    tier: p.tier,
    tierDelay: p.tierDelay,
    cancelProtected: p.cancelProtected,
  };
}

/** The presets of `keel gov propose --action`: common governance actions, with their arguments after colons. */
export const ACTION_PRESETS: Record<string, string> = {
  "flash-premium:<bps>:<toProtocolBps>": "Pool.setFlashPremium (risk parameter, base delay)",
  unpause: "Pool.unpause(0) (admin, base delay)",
  "unpause-flash-loans": "Pool.unpauseFlashLoans() (admin, base delay)",
  "critical-delay:<seconds>": "KeelTimelock.setCriticalDelay (timelock setting, critical delay)",
  "remove-guardian:<address>":
    "revoke GUARDIAN (AccessManager) and CANCELLER (timelock) from <address> (critical delay; the guardian cannot cancel it)",
  "rate-params:<symbol>:<baseBps>:<slope1Bps>:<slope2Bps>:<optimalBps>":
    "KinkedRateModel.setRateParams + LiquidityHub.refreshRate in the same proposal (risk parameter, base delay)",
  "default-rate-params:<baseBps>:<slope1Bps>:<slope2Bps>:<optimalBps>":
    "KinkedRateModel.setDefaultRateParams + LiquidityHub.refreshRate of every asset (risk parameter, base delay)",
  "add-spoke:<address>[@<Contract>]:<symbol>:<addCap>:<drawCap>[:<symbol>:<addCap>:<drawCap>...]":
    'LiquidityHub.addSpoke + LiquidityHub.setSpokeCaps per asset (caps in whole tokens or "unlimited"; registers a new spoke, no code changes; critical delay). With @<Contract> (e.g. @Pool) the spoke is also onboarded as the deployer onboards its own: the contract\'s function roles (deploy/roles.ts), its timelock tiers and cancel-protected calls, and its registry subscription',
};

/** Whole-token hub cap of a preset argument: a whole number below 2^64 - 1, or "unlimited" (`LiquidityHub.UNLIMITED`). */
function hubCap(s: string | undefined, what: string): bigint {
  const unlimited = 2n ** 64n - 1n;
  if (s === "unlimited") return unlimited;
  if (s === undefined || !/^\d+$/.test(s) || BigInt(s) >= unlimited) {
    throw new KeelTaskError(`Preset "add-spoke" needs ${what} (whole tokens below 2^64-1, or "unlimited").`);
  }
  return BigInt(s);
}

/** Every asset of the deployment by symbol: the core spoke's reserves and the further spokes' (deploy/config.ts). */
function assetsOf(record: DeploymentRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [sym, r] of Object.entries(record.reserves ?? {})) out[sym] = r.asset;
  for (const sp of Object.values(record.spokes ?? {}))
    for (const [sym, r] of Object.entries(sp.reserves)) out[sym] ??= r.asset;
  return out;
}

/** Rate-model actions followed by `LiquidityHub.refreshRate` of each asset. KinkedRateModel pushes its changes to the
 *  hub itself (`onRateModelChanged`); the refresh keeps the proposal right for a model that does not push, or one
 *  whose hub is unset (issue 10, finding 12). */
export function withRateRefresh(
  hub: string,
  hubIface: Interface,
  actions: { targets: string[]; calldatas: string[] },
  assets: string[],
): { targets: string[]; calldatas: string[] } {
  return {
    targets: [...actions.targets, ...assets.map(() => hub)],
    calldatas: [...actions.calldatas, ...assets.map((a) => hubIface.encodeFunctionData("refreshRate", [a]))],
  };
}

/**
 * The calls that onboard a new instance of `contract` at `spoke` the way the deployer onboards its own
 * (deploy/keel.ts): its AccessManager function roles and timelock tiers from deploy/roles.ts, and its registry
 * subscription when it is a module consumer. All of them are critical-tier calls of the AccessManager, the timelock
 * and the registry, made by the timelock.
 */
async function onboardingActions(
  hre: HardhatRuntimeEnvironment,
  record: DeploymentRecord,
  spoke: string,
  contract: string,
): Promise<{ targets: string[]; calldatas: string[] }> {
  if (FunctionRoles[contract] === undefined && BASE_TIER[contract] === undefined) {
    const known = [...new Set([...Object.keys(FunctionRoles), ...Object.keys(BASE_TIER)])].join(", ");
    throw new KeelTaskError(
      `Preset "add-spoke": unknown spoke contract "${contract}" (deploy/roles.ts knows ${known}).`,
    );
  }
  const manager = record.contracts.AccessManager?.address;
  const timelock = record.contracts.Timelock?.address;
  const registry = record.contracts.ModuleRegistry?.address;
  if (manager === undefined || timelock === undefined || registry === undefined) {
    throw new KeelTaskError(
      "This deployment has no AccessManager, Timelock or ModuleRegistry to onboard a spoke with.",
    );
  }
  const iface = async (name: string) => new Interface((await hre.artifacts.readArtifact(name)).abi as never[]);
  const [am, tl, reg, spokeIface] = await Promise.all([
    iface("KeelAccessManager"),
    iface("KeelTimelock"),
    iface("ModuleRegistry"),
    iface(contract),
  ]);
  const targets: string[] = [];
  const calldatas: string[] = [];
  const byRole = new Map<bigint, string[]>();
  for (const [sig, role] of Object.entries(FunctionRoles[contract] ?? {}))
    byRole.set(role, [...(byRole.get(role) ?? []), selectorOf(sig)]);
  for (const [role, selectors] of byRole) {
    targets.push(manager);
    calldatas.push(am.encodeFunctionData("setTargetFunctionRole", [spoke, selectors, role]));
  }
  const base = BASE_TIER[contract] ?? [];
  if (base.length > 0) {
    targets.push(timelock);
    calldatas.push(tl.encodeFunctionData("setBaseTierCalls", [spoke, base.map(selectorOf), true]));
  }
  for (const call of CANCEL_PROTECTED.filter((c) => c.contract === contract)) {
    const word = protectedArgWord(call);
    targets.push(timelock);
    calldatas.push(
      tl.encodeFunctionData("setCancelProtectedCall", [
        spoke,
        selectorOf(call.signature),
        word !== null,
        word ?? ZeroHash,
        true,
      ]),
    );
  }
  if (spokeIface.getFunction("onModuleUpdated") !== null) {
    targets.push(registry);
    calldatas.push(reg.encodeFunctionData("setConsumer", [spoke, true]));
  }
  return { targets, calldatas };
}

/** Builds the actions of a preset (see ACTION_PRESETS). */
export async function presetActions(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  action: string,
): Promise<{ targets: string[]; calldatas: string[]; summary: string }> {
  const [name, ...args] = action.split(":");
  const { ethers } = connection;
  const pool = record.contracts.Pool?.address;
  const timelock = record.contracts.Timelock?.address;
  const num = (s: string | undefined, what: string) => {
    if (s === undefined || !/^\d+$/.test(s))
      throw new KeelTaskError(`Preset "${name}" needs ${what} (a whole number).`);
    return BigInt(s);
  };
  if (pool === undefined || timelock === undefined) throw new KeelTaskError("This deployment has no pool or timelock.");
  const poolIface = new Interface((await hre.artifacts.readArtifact("Pool")).abi as never[]);
  switch (name) {
    case "flash-premium": {
      const bps = num(args[0], "<bps>");
      const toProtocol = num(args[1], "<toProtocolBps>");
      return {
        targets: [pool],
        calldatas: [poolIface.encodeFunctionData("setFlashPremium", [bps, toProtocol])],
        summary: `Set the flash premium to ${String(bps)} bps (${String(toProtocol)} bps of it to the protocol)`,
      };
    }
    case "unpause":
      return {
        targets: [pool],
        calldatas: [poolIface.encodeFunctionData("unpause", [0])],
        summary: "Unpause the pool",
      };
    case "unpause-flash-loans":
      return {
        targets: [pool],
        calldatas: [poolIface.encodeFunctionData("unpauseFlashLoans")],
        summary: "Unpause flash loans",
      };
    case "critical-delay": {
      const seconds = num(args[0], "<seconds>");
      const tl = await ethers.getContractAt("KeelTimelock", timelock);
      return {
        targets: [timelock],
        calldatas: [tl.interface.encodeFunctionData("setCriticalDelay", [seconds])],
        summary: `Set the timelock's critical delay to ${String(seconds)} s`,
      };
    }
    case "remove-guardian": {
      const who = args[0];
      if (who === undefined || !ethers.isAddress(who))
        throw new KeelTaskError(`Preset "remove-guardian" needs the guardian's <address>.`);
      const manager = record.contracts.AccessManager?.address;
      if (manager === undefined) throw new KeelTaskError("This deployment has no access manager.");
      const am = await ethers.getContractAt("KeelAccessManager", manager);
      const tl = await ethers.getContractAt("KeelTimelock", timelock);
      return {
        targets: [manager, timelock],
        calldatas: [
          am.interface.encodeFunctionData("revokeRole", [Roles.GUARDIAN, who]),
          tl.interface.encodeFunctionData("revokeRole", [await tl.CANCELLER_ROLE(), who]),
        ],
        summary: `Remove the guardian ${who}`,
      };
    }
    case "rate-params":
    case "default-rate-params": {
      const asDefault = name === "default-rate-params";
      const rest = asDefault ? args : args.slice(1);
      const params = {
        baseRateBps: num(rest[0], "<baseBps>"),
        slope1Bps: num(rest[1], "<slope1Bps>"),
        slope2Bps: num(rest[2], "<slope2Bps>"),
        optimalUtilizationBps: num(rest[3], "<optimalBps>"),
      };
      const reserves = record.reserves ?? {};
      const p = await ethers.getContractAt("Pool", pool);
      const rm = await ethers.getContractAt("KinkedRateModel", await p.defaultRateModel());
      let asset: string | undefined;
      if (!asDefault) {
        asset = reserves[args[0] ?? ""]?.asset;
        if (asset === undefined)
          throw new KeelTaskError(
            `Preset "${name}" needs a listed reserve symbol (${Object.keys(reserves).join(", ")}).`,
          );
        // The reserve's own model, or the registry's default when it has none.
        const own = (await p.getKeelReserveData(asset)).rateModel;
        if (own !== ZeroAddress)
          throw new KeelTaskError(`${args[0]} uses its own rate model ${own}: propose its setRateParams directly.`);
      }
      const call = asDefault
        ? rm.interface.encodeFunctionData("setDefaultRateParams", [params])
        : rm.interface.encodeFunctionData("setRateParams", [asset as string, params]);
      // The default curve reaches every asset on it, the further spokes' too (e.g. the eMode spoke's LST).
      const assets = asDefault ? Object.values(assetsOf(record)) : [asset as string];
      const summary = `Set ${asDefault ? "the default" : `${args[0]}'s`} rate curve to base ${String(params.baseRateBps)}, slopes ${String(params.slope1Bps)}/${String(params.slope2Bps)}, kink ${String(params.optimalUtilizationBps)} bps, and refresh the stored rate${assets.length > 1 ? "s" : ""}`;
      const hub = await p.hub();
      const hubIface = new Interface((await hre.artifacts.readArtifact("LiquidityHub")).abi as never[]);
      return {
        ...withRateRefresh(hub, hubIface, { targets: [await rm.getAddress()], calldatas: [call] }, assets),
        summary,
      };
    }
    case "add-spoke": {
      // One proposal registers a spoke with its caps: the hub is configured, no deployed contract changes code.
      const [spoke, contract] = (args[0] ?? "").split("@");
      if (spoke === undefined || !ethers.isAddress(spoke))
        throw new KeelTaskError(`Preset "add-spoke" needs the spoke's <address>.`);
      const caps = args.slice(1);
      if (caps.length === 0 || caps.length % 3 !== 0) {
        throw new KeelTaskError(
          `Preset "add-spoke" needs <symbol>:<addCap>:<drawCap> for at least one asset after the address.`,
        );
      }
      const hub = record.contracts.LiquidityHub?.address;
      if (hub === undefined) throw new KeelTaskError("This deployment has no liquidity hub.");
      const hubIface = new Interface((await hre.artifacts.readArtifact("LiquidityHub")).abi as never[]);
      const assets = assetsOf(record);
      const onboarding =
        contract === undefined ? { targets: [], calldatas: [] } : await onboardingActions(hre, record, spoke, contract);
      const targets = [...onboarding.targets, hub];
      const calldatas = [...onboarding.calldatas, hubIface.encodeFunctionData("addSpoke", [spoke])];
      const parts: string[] = [];
      for (let i = 0; i < caps.length; i += 3) {
        const sym = caps[i];
        const asset = assets[sym];
        if (asset === undefined)
          throw new KeelTaskError(`Preset "add-spoke": unknown asset "${sym}" (${Object.keys(assets).join(", ")}).`);
        const addCap = hubCap(caps[i + 1], `<addCap> of ${sym}`);
        const drawCap = hubCap(caps[i + 2], `<drawCap> of ${sym}`);
        targets.push(hub);
        calldatas.push(hubIface.encodeFunctionData("setSpokeCaps", [spoke, asset, addCap, drawCap]));
        parts.push(`${sym} add ${caps[i + 1]} / draw ${caps[i + 2]}`);
      }
      const onboarded = contract === undefined ? "" : ` (onboarded as ${contract}: roles, tiers, registry)`;
      return {
        targets,
        calldatas,
        summary: `Add the spoke ${spoke}${onboarded} to the hub with caps ${parts.join(", ")}`,
      };
    }
    default:
      throw new KeelTaskError(`Unknown --action "${action}". Presets: ${Object.keys(ACTION_PRESETS).join(", ")}.`);
  }
}

/** Parses `--targets` / `--calldata` / `--values` JSON arrays. */
export function parseJsonArray(input: string, what: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(input);
  } catch {
    throw new KeelTaskError(`Invalid --${what}: expected a JSON array, e.g. ["0x…"].`);
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" && typeof x !== "number")) {
    throw new KeelTaskError(`Invalid --${what}: expected a JSON array of strings.`);
  }
  return v.map(String);
}
