// `keel keeper`: the keeper as a task. The work is in scripts/liquidator.ts (`runKeeper`, the core spoke) and
// scripts/keeper/nft.ts (`runNftKeeper`, the NFT spoke's auctions); the demo and the tests call those directly.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { setTimeout as sleep } from "node:timers/promises";
import { runKeeper } from "../../scripts/liquidator.js";
import { runNftKeeper } from "../../scripts/keeper/nft.js";
import { describeError, KeelTaskError, openKeel, runTask } from "../lib/keel.js";

export interface KeeperArgs {
  dryRun: boolean;
  flash: boolean;
  /** Flash mode's slippage tolerance in bps. */
  slippageBps: bigint;
  /** Seconds between rounds; 0: one round. */
  watch: number;
}

export default async function keeper(args: KeeperArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    if (args.slippageBps < 0n || args.slippageBps > 10_000n)
      throw new KeelTaskError(`Invalid --slippage-bps ${args.slippageBps}: from 0 to 10000 (100%).`);
    if (args.watch < 0)
      throw new KeelTaskError(`Invalid --watch ${args.watch}: seconds between rounds, or 0 for one round.`);
    const k = await openKeel(hre);
    const round = async () => {
      const actions = await runKeeper(k.ethers, k.record, {
        dryRun: args.dryRun,
        useFlashLiquidator: args.flash,
        slippageBps: args.slippageBps,
        log: console.log,
      });
      console.log(
        `keeper: ${actions.filter((a) => a.liquidated).length} liquidation(s), ${actions.length} unhealthy account(s)`,
      );
      await runNftKeeper(k.ethers, k.record, { dryRun: args.dryRun, log: console.log });
    };
    if (args.watch === 0) return round();
    // Watching: a failed round (a node hiccup, a reverted liquidation the keeper did not catch) is reported and the
    // next one runs; only stopping the process ends the loop.
    for (;;) {
      await round().catch(async (e: unknown) => console.error(`✘ keeper round failed: ${await describeError(hre, e)}`));
      await sleep(args.watch * 1000);
    }
  });
}
