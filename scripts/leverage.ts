// Walk-through: open and close a 3x leveraged WETH position against USDC in one transaction each, on the in-process
// network. Run: npx hardhat run scripts/leverage.ts
// Reuse: import { runLeverageStory } from "./leverage.js" and pass any deployed market (see LeverageStoryContracts).
import hre from "hardhat";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, formatUnits, parseUnits } from "ethers";
import type { AmmSwapAdapter, KToken, LeverageHelper, MockERC20, Pool } from "../types/ethers-contracts/index.js";
import { devReserves, networkConfig, type RateParams } from "../deploy/config.js";
import { deployKeel } from "../deploy/keel.js";
import { formatHealthFactor } from "../packages/sdk/src/index.js";

/** What the story needs: a market with USDC and WETH reserves, a swap adapter between them and a funded user. */
export interface LeverageStoryContracts {
  pool: Pool;
  usdc: MockERC20;
  weth: MockERC20;
  kWeth: KToken;
  adapter: AmmSwapAdapter;
  user: HardhatEthersSigner;
  /** Deployed if absent. */
  helper?: LeverageHelper;
  /** Called between opening and closing (e.g. to let time pass); optional. */
  between?: () => Promise<void>;
}

export interface LeverageStoryResult {
  collateralBought: bigint;
  debtAtClose: bigint;
  collateralReturned: bigint;
}

const fmtW = (v: bigint) => `${formatUnits(v, 18)} WETH`;
const fmtU = (v: bigint) => `${formatUnits(v, 6)} USDC`;

/**
 * Opens 1 WETH of equity at ~3x (borrowing 4000 USDC, swapped to WETH) and closes it again, logging each step.
 * The user needs at least 1 WETH in its wallet.
 */
export async function runLeverageStory(
  ethers: HardhatEthers,
  c: LeverageStoryContracts,
  log: (line: string) => void,
): Promise<LeverageStoryResult> {
  const { pool, usdc, weth, kWeth, adapter, user } = c;
  const helper = c.helper ?? (await ethers.deployContract("LeverageHelper", [await pool.getAddress()]));
  const equity = parseUnits("1", 18);
  const borrow = parseUnits("4000", 6);
  const W = await weth.getAddress();
  const U = await usdc.getAddress();

  log(`User ${user.address}: ${fmtW(await weth.balanceOf(user.address))} in the wallet`);
  log(`1. Approvals: WETH to the helper, credit delegation of ${fmtU(borrow)}, kWETH to the helper (for closing)`);
  await (await weth.connect(user).approve(helper.target, equity)).wait();
  await (await pool.connect(user).approveDelegation(U, helper.target, borrow)).wait();
  await (await kWeth.connect(user).approve(helper.target, MaxUint256)).wait();

  const quote = await adapter.quoteExactIn(U, W, borrow);
  const minOut = (quote * 995n) / 1000n; // 0.5% slippage bound
  log(
    `2. Open: supply ${fmtW(equity)}, flash-borrow ${fmtU(borrow)} (mode 2), swap to ~${fmtW(quote)} (min ${fmtW(minOut)})`,
  );
  const openTx = await helper.connect(user).openLeverage({
    collateralAsset: W,
    debtAsset: U,
    initialCollateral: equity,
    borrowAmount: borrow,
    minCollateralOut: minOut,
    adapter: await adapter.getAddress(),
  });
  const openRcpt = await openTx.wait();
  const supplied = await pool.supplyBalanceOf(W, user.address);
  const debt = await pool.debtBalanceOf(U, user.address);
  const acc = await pool.getUserAccountData(user.address);
  log(
    `   collateral ${fmtW(supplied)} (${formatUnits((supplied * 1000n) / equity, 3)}x the equity), debt ${fmtU(debt)}`,
  );
  log(`   health factor ${formatHealthFactor(acc.healthFactor)}, gas ${String(openRcpt?.gasUsed)}`);

  if (c.between) await c.between();

  const debtAtClose = await pool.debtBalanceOf(U, user.address);
  const premiumBps = await pool.FLASHLOAN_PREMIUM_TOTAL();
  const premium = (debtAtClose * premiumBps + 9999n) / 10000n;
  const sell = await adapter.quoteExactOut(W, U, debtAtClose + premium);
  log(
    `3. Close: flash-borrow ${fmtU(debtAtClose)} (premium ${fmtU(premium)}), repay, withdraw ${fmtW(await pool.supplyBalanceOf(W, user.address))}, sell ${fmtW(sell)}`,
  );
  const before = await weth.balanceOf(user.address);
  const closeRcpt = await (
    await helper.connect(user).closeLeverage({
      collateralAsset: W,
      debtAsset: U,
      debtToRepay: MaxUint256,
      collateralToWithdraw: MaxUint256,
      maxCollateralIn: (sell * 1005n) / 1000n,
      adapter: await adapter.getAddress(),
    })
  ).wait();
  const returned = (await weth.balanceOf(user.address)) - before;
  log(
    `   returned ${fmtW(returned)}; debt now ${fmtU(await pool.debtBalanceOf(U, user.address))}, gas ${String(closeRcpt?.gasUsed)}`,
  );
  log(
    `   round-trip cost ${fmtW(equity - returned)} (AMM fees, price impact, flash premium${c.between ? ", interest" : ""})`,
  );
  return { collateralBought: supplied - equity, debtAtClose, collateralReturned: returned };
}

/** A flat 5% a year at any utilisation (KinkedRateModel: base rate only). */
const FIVE_PCT: RateParams = { baseRateBps: 500, slope1Bps: 0, slope2Bps: 0, optimalUtilizationBps: 8000 };

async function main() {
  const connection = await hre.network.create();
  const { ethers, networkHelpers } = connection;
  log(
    "Deploying Keel with deployKeel (USDC/WETH reserves at a flat 5% a year), a MockAmm at $2000/WETH and a swap adapter...",
  );
  const base = networkConfig("hardhat", 31337n);
  const config = {
    ...base,
    reserves: devReserves
      .filter((r) => r.symbol === "USDC" || r.symbol === "WETH")
      .map((r) => ({ ...r, rates: FIVE_PCT })),
    defaultRates: FIVE_PCT,
  };
  const keel = await deployKeel(hre, connection, { networkName: "hardhat", recordDir: null, config, handOver: false });
  const [deployer, , user] = await ethers.getSigners(); // the second signer is the guardian
  const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset);
  const kWeth = await ethers.getContractAt("KToken", keel.reserves.WETH.kToken);
  const feeds = [keel.reserves.USDC.feed, keel.reserves.WETH.feed];

  // Liquidity: 2M USDC and 1000 WETH in the pool, the same in the AMM; the user starts with 10 WETH.
  const poolAddress = await pool.getAddress();
  for (const [t, amount] of [
    [usdc, parseUnits("4000000", 6)],
    [weth, parseUnits("2000", 18)],
  ] as const) {
    await (await t.mint(deployer.address, amount)).wait();
    await (await t.approve(poolAddress, MaxUint256)).wait();
    await (await pool.supply(await t.getAddress(), amount / 2n, deployer.address, 0)).wait();
  }
  const amm = await ethers.deployContract("MockAmm", [await usdc.getAddress(), await weth.getAddress()]);
  await (await usdc.approve(await amm.getAddress(), MaxUint256)).wait();
  await (await weth.approve(await amm.getAddress(), MaxUint256)).wait();
  await (await amm.addLiquidity(parseUnits("2000000", 6), parseUnits("1000", 18))).wait();
  const adapter = await ethers.deployContract("AmmSwapAdapter", [deployer.address]);
  await (await adapter.setPair(await usdc.getAddress(), await weth.getAddress(), await amm.getAddress())).wait();
  await (await weth.mint(user.address, parseUnits("10", 18))).wait();

  await runLeverageStory(
    ethers,
    {
      pool,
      usdc,
      weth,
      kWeth,
      adapter,
      user,
      between: async () => {
        await networkHelpers.time.increase(30 * 86400);
        // The mock feeds' heartbeat is a day: publish fresh rounds at the same prices, as Chainlink would have.
        for (const address of feeds) {
          const feed = await ethers.getContractAt("MockAggregator", address);
          const [, answer] = await feed.latestRoundData();
          await (await feed.setAnswer(answer)).wait();
        }
        log("   ... 30 days pass (borrow rate 5% a year)");
      },
    },
    log,
  );
}

function log(line: string) {
  console.log(line);
}

// Run only as the entry script, not when another script imports runLeverageStory.
if (process.argv.some((a) => a.endsWith("leverage.ts"))) {
  await main();
}
