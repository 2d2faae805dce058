// Actions of the guardian's tasks (`keel gov cancel`, `keel pause`); the logic is in tasks/lib/guardian.ts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { cancelQueued, guardianPause } from "../lib/guardian.js";
import { KeelTaskError, openKeel, runTask } from "../lib/keel.js";

export async function cancelAction(args: { id: string; from: number }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    if (!/^\d+$/.test(args.id.trim()))
      throw new KeelTaskError(`Invalid proposal id "${args.id}": expected a decimal number.`);
    const k = await openKeel(hre);
    const r = await cancelQueued(k.connection, k.record, { id: BigInt(args.id.trim()), from: args.from });
    console.log(`✔ cancelled the timelock operation ${r.operationId} of proposal ${args.id} (tx ${r.txHash})`);
  });
}

export async function pauseAction(args: { scope: string; from: number }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = await guardianPause(k.connection, k.record, k.pool, args);
    console.log(`✔ paused ${r.what} (tx ${r.txHash})`);
  });
}
