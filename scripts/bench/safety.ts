// Safety module rows of the gas benchmark (docs/insurance.md): stake, cooldown and unstake on the system the one
// deployer builds (dev configuration: the module insures USDC and WETH), with a previous staker so no measured action
// opens the stake pool, and a USDC market in use (interest accruing in the hub).
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { gasOf, keelOnlySection } from "./types.js";
import { deployKeel, refreshMockFeeds } from "../../deploy/keel.js";

export const SAFETY_ACTIONS = [
  "safety stake (1st)",
  "safety stake (2nd)",
  "safety cooldown",
  "safety unstake (partial)",
  "safety unstake (full)",
] as const;
export type SafetyRow = Record<(typeof SAFETY_ACTIONS)[number], bigint>;

export async function benchSafety(hre: HardhatRuntimeEnvironment, connection: NetworkConnection): Promise<SafetyRow> {
  const { ethers, networkHelpers } = connection;
  const [, seeder, staker] = await ethers.getSigners();
  const system = await deployKeel(hre, connection, { networkName: "bench-safety", recordDir: null });
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const module = await ethers.getContractAt("SafetyModule", system.address("SafetyModule"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const [U, W] = [await usdc.getAddress(), await weth.getAddress()];
  const amount = parseUnits("10000", 6);
  for (const who of [seeder, staker]) {
    await (await usdc.mint(who.address, 10n * amount)).wait();
    await (await usdc.connect(who).approve(await module.getAddress(), MaxUint256)).wait();
    await (await usdc.connect(who).approve(await pool.getAddress(), MaxUint256)).wait();
  }
  await (await weth.mint(seeder.address, parseUnits("100", 18))).wait();
  await (await weth.connect(seeder).approve(await pool.getAddress(), MaxUint256)).wait();
  await (await pool.connect(seeder).supply(U, 5n * amount, seeder.address, 0)).wait();
  await (await pool.connect(seeder).supply(W, parseUnits("100", 18), seeder.address, 0)).wait();
  await (await pool.connect(seeder).borrow(U, 2n * amount, 2, 0, seeder.address)).wait();
  await (await module.connect(seeder).stake(U, amount, seeder.address)).wait();
  await networkHelpers.time.increase(24 * 3600);
  const row = {} as SafetyRow;
  row["safety stake (1st)"] = await gasOf(module.connect(staker).stake(U, amount, staker.address));
  row["safety stake (2nd)"] = await gasOf(module.connect(staker).stake(U, amount, staker.address));
  row["safety cooldown"] = await gasOf(module.connect(staker).cooldown(U, MaxUint256));
  await networkHelpers.time.increase(Number(await module.cooldownPeriod()));
  await refreshMockFeeds(
    ethers,
    Object.values(system.reserves).map((r) => r.feed),
  );
  row["safety unstake (partial)"] = await gasOf(module.connect(staker).unstake(U, amount / 2n, staker.address));
  row["safety unstake (full)"] = await gasOf(module.connect(staker).unstake(U, MaxUint256, staker.address));
  return row;
}

/** The Markdown section of the safety module rows. */
export function safetyTable(row: SafetyRow): string {
  return keelOnlySection("Safety module (Keel only; docs/insurance.md)", SAFETY_ACTIONS, row);
}
