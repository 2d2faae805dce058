// Actions of the governance tasks (`keel gov ...`). Each task file re-exports one of these; the logic is in
// tasks/lib/governance.ts so tests can run it in-process.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { writeRecord } from "../../deploy/records.js";
import {
  ACTION_PRESETS,
  execute,
  parseJsonArray,
  presetActions,
  propose,
  queue,
  status,
  vote,
} from "../lib/governance.js";
import { KeelTaskError, openKeel, runTask } from "../lib/keel.js";

function parseId(id: string): bigint {
  if (!/^\d+$/.test(id.trim())) throw new KeelTaskError(`Invalid proposal id "${id}": expected a decimal number.`);
  return BigInt(id.trim());
}

const when = (t: bigint) => (t === 0n ? "-" : `${new Date(Number(t) * 1000).toISOString()} (${String(t)})`);

export interface ProposeArgs {
  targets: string;
  calldata: string;
  values: string;
  action: string;
  description: string;
  from: number;
}

export async function proposeAction(args: ProposeArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    let targets: string[];
    let calldatas: string[];
    let description = args.description;
    if (args.action !== "") {
      const preset = await presetActions(hre, k.connection, k.record, args.action);
      targets = preset.targets;
      calldatas = preset.calldatas;
      if (description === "") description = preset.summary;
    } else {
      if (args.targets === "" || args.calldata === "") {
        throw new KeelTaskError(
          `Give --targets and --calldata (JSON arrays), or --action with one of: ${Object.keys(ACTION_PRESETS).join(", ")}.`,
        );
      }
      targets = parseJsonArray(args.targets, "targets");
      calldatas = parseJsonArray(args.calldata, "calldata");
    }
    const values = args.values === "" ? undefined : parseJsonArray(args.values, "values").map((v) => BigInt(v));
    const { proposalId, txHash } = await propose(hre, k.connection, k.record, {
      targets,
      calldatas,
      values,
      description,
      from: args.from,
    });
    console.log(`✔ proposal ${String(proposalId)} opened (tx ${txHash})`);
    console.log(`  ${description.split("\n")[0]}`);
  });
}

export async function voteAction(
  args: { id: string; support: string; from: number; reason: string; travel: boolean },
  hre: HardhatRuntimeEnvironment,
) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = await vote(hre, k.connection, k.record, {
      id: parseId(args.id),
      support: args.support,
      from: args.from,
      reason: args.reason || undefined,
      travel: args.travel,
    });
    console.log(`✔ voted ${args.support} on ${args.id} with ${String(r.weight)} votes (tx ${r.txHash})`);
  });
}

export async function queueAction(args: { id: string; from: number; travel: boolean }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = await queue(hre, k.connection, k.record, { id: parseId(args.id), from: args.from, travel: args.travel });
    console.log(`✔ queued ${args.id} (tx ${r.txHash}); executable at ${when(r.eta)}`);
  });
}

export async function executeAction(
  args: { id: string; from: number; travel: boolean },
  hre: HardhatRuntimeEnvironment,
) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = await execute(hre, k.connection, k.record, {
      id: parseId(args.id),
      from: args.from,
      travel: args.travel,
    });
    writeRecord(k.record); // upgrades executed by the proposal update the address book
    console.log(`✔ executed ${args.id} (tx ${r.txHash})`);
    for (const e of r.events) console.log(`  ${e.name}(${e.args.map(String).join(", ")})`);
  });
}

export async function statusAction(args: { id: string }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const s = await status(hre, k.connection, k.record, { id: parseId(args.id) });
    console.log(`Proposal ${String(s.id)}: ${s.state}`);
    console.log(`  ${s.description.split("\n")[0]}`);
    console.log(`  proposer ${s.proposer}`);
    console.log(
      `  votes for ${String(s.votes.for)}, against ${String(s.votes.against)}, abstain ${String(s.votes.abstain)} (quorum ${String(s.quorum || "at snapshot")})`,
    );
    console.log(`  voting ${when(s.snapshot)} -> ${when(s.deadline)}; eta ${when(s.eta)}`);
    console.log(
      `  tier ${s.tier} (${String(s.tierDelay)} s in the timelock)${s.cancelProtected ? "; cancel-protected: the guardian cannot cancel it" : ""}`,
    );
    s.actions.forEach((a, i) => {
      console.log(`  [${String(i)}] ${a}`);
    });
  });
}
