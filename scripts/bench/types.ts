// Common shape of the gas benchmark: every protocol bench returns one GasRow (receipt gasUsed per action, null when
// the protocol has no such action), and the runner prints one column per protocol. Keel plugs in with
// `benchKeel(ethers): Promise<GasRow>` and `benchKeelScaling(ethers, counts): Promise<ScalingRow[]>`.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export type { HardhatEthers };

/** The measured user actions, in scenario order. */
export const ACTIONS = [
  "supply (1st)",
  "supply (2nd)",
  "supply collateral",
  "borrow",
  "repay (partial)",
  "repay (full)",
  "withdraw (partial)",
  "withdraw (full)",
  "liquidation",
  "flashLoanSimple",
  "flashLoan (1 asset)",
  "flashLoan (ERC-3156)",
] as const;

export type Action = (typeof ACTIONS)[number];

/** gasUsed of each action's transaction receipt; null = the protocol has no equivalent (shown as "n/a"). */
export type GasRow = Record<Action, bigint | null>;

/** Borrow and liquidation gas for an account holding `collaterals` collateral assets. */
export interface ScalingRow {
  collaterals: number;
  borrow: bigint;
  liquidation: bigint;
}

/** Scenario constants shared by every protocol bench, so the columns compare like with like. */
export const SCENARIO = {
  usdcPrice8: 1_00000000n, // USD, 8 decimals (Chainlink convention)
  wethPrice8: 2000_00000000n,
  wethCrashPrice8: 1750_00000000n, // drops the liquidation victim's health factor to ~0.96 (Aave 50% close factor)
  ltvBps: 8000n,
  liquidationThresholdBps: 8250n, // Aave; Morpho's single LLTV is 86%
  liquidationBonusBps: 10500n, // Aave's 5% bonus; Morpho derives its incentive from the LLTV
  morphoLltvWad: 860000000000000000n,
  seedUsdc: 1_000_000n * 10n ** 6n, // the previous supplier's USDC, so markets are in use
  seedWeth: 1_000n * 10n ** 18n,
  seedBorrowUsdc: 200_000n * 10n ** 6n, // a previous borrower, so indexes and rates move
  lenderSupplyUsdc: 10_000n * 10n ** 6n, // each of the two measured supplies
  collateralWeth: 10n * 10n ** 18n,
  borrowUsdc: 10_000n * 10n ** 6n,
  repayPartUsdc: 5_000n * 10n ** 6n,
  withdrawPartUsdc: 5_000n * 10n ** 6n,
  victimWeth: 1n * 10n ** 18n,
  victimBorrowUsdc: 1_500n * 10n ** 6n, // 75% of $2000: healthy before the crash
  flashUsdc: 100_000n * 10n ** 6n,
  elapsedSeconds: 30 * 24 * 3600,
} as const;

/** Sends a transaction and returns its receipt's gasUsed. */
export async function gasOf(
  tx: Promise<{ wait(): Promise<{ gasUsed: bigint; status: number | null } | null> }>,
): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("benchmark transaction failed");
  return receipt.gasUsed;
}

/** A Markdown section of Keel-only rows (a module no package here lets us measure side by side). */
export function keelOnlySection(title: string, actions: readonly string[], row: Record<string, bigint>): string {
  return [
    "",
    `## ${title}`,
    "",
    "| Action | Keel |",
    "|---|---:|",
    ...actions.map((a) => `| ${a} | ${row[a].toLocaleString("en-US")} |`),
    "",
  ].join("\n");
}

/** Moves the chain's clock forward and mines a block. */
export async function elapse(ethers: HardhatEthers, seconds: number): Promise<void> {
  await ethers.provider.send("evm_increaseTime", [seconds]);
  await ethers.provider.send("evm_mine", []);
}
