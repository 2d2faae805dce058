// Keel column of the gas benchmark: the whole system from the one deployer (deploy/keel.ts: pool behind its UUPS
// proxy, KeelOracle over mock Chainlink feeds, KinkedRateModel, treasury, registry, AccessManager), then the common
// scenario of types.ts, measured from receipts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel, refreshMockFeeds } from "../../deploy/keel.js";
import { devGovernance, devReserves, type NetworkConfig, type ReserveSpec } from "../../deploy/config.js";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";
import { ACTIONS, SCENARIO, elapse, gasOf } from "./types.js";
import type { GasRow, ScalingRow } from "./types.js";

const usdcSpec: ReserveSpec = {
  ...devReserves[0],
  // As in the Aave column: USDC is borrowable but not collateral, and no caps.
  collateral: false,
  supplyCap: 0,
  borrowCap: 0,
};
const wethSpec: ReserveSpec = { ...devReserves[2], supplyCap: 0, borrowCap: 0 };

function benchConfig(extraCollaterals = 0): NetworkConfig {
  const extra = Array.from({ length: extraCollaterals }, (_, i) => ({
    ...wethSpec,
    symbol: `COL${String(i + 1)}`,
    name: `Collateral ${String(i + 1)}`,
  }));
  return {
    dev: true,
    reserves: [usdcSpec, ...(extraCollaterals > 0 ? extra : [wethSpec])],
    governance: devGovernance,
    flashPremiumBps: 5,
    flashPremiumToProtocolBps: 1000,
    defaultRates: devReserves[2].rates,
  };
}

async function setup(hre: HardhatRuntimeEnvironment, connection: NetworkConnection, extraCollaterals = 0) {
  const { ethers } = connection;
  const system = await deployKeel(hre, connection, {
    networkName: "bench",
    recordDir: null,
    config: benchConfig(extraCollaterals),
  });
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const token = async (sym: string) => await ethers.getContractAt("MockERC20", system.reserves[sym].asset);
  const feed = (sym: string) => ethers.getContractAt("MockAggregator", system.reserves[sym].feed);
  const poolAddress = await pool.getAddress();
  const fund = async (t: MockERC20, who: HardhatEthersSigner, amount: bigint) => {
    await (await t.mint(who.address, amount)).wait();
    await (await t.connect(who).approve(poolAddress, MaxUint256)).wait();
  };
  const refreshFeeds = () =>
    refreshMockFeeds(
      ethers,
      Object.values(system.reserves).map((r) => r.feed),
    );
  return { system, pool, token, feed, fund, poolAddress, refreshFeeds };
}

/** Previous users, as in the other columns: a supplier of every reserve, a USDC borrower, a day of interest. */
async function seed(ctx: Awaited<ReturnType<typeof setup>>, seeder: HardhatEthersSigner, collaterals: string[]) {
  const { pool, token, fund } = ctx;
  const usdc = await token("USDC");
  await fund(usdc, seeder, SCENARIO.seedUsdc);
  await (await pool.connect(seeder).supply(await usdc.getAddress(), SCENARIO.seedUsdc, seeder.address, 0)).wait();
  for (const sym of collaterals) {
    const c = await token(sym);
    await fund(c, seeder, SCENARIO.seedWeth);
    await (await pool.connect(seeder).supply(await c.getAddress(), SCENARIO.seedWeth, seeder.address, 0)).wait();
  }
  await (
    await pool.connect(seeder).borrow(await usdc.getAddress(), SCENARIO.seedBorrowUsdc, 2, 0, seeder.address)
  ).wait();
}

export async function benchKeel(hre: HardhatRuntimeEnvironment, connection: NetworkConnection): Promise<GasRow> {
  const { ethers } = connection;
  const [, seeder, alice, bob, carol, liquidator, flasher] = await ethers.getSigners();
  const ctx = await setup(hre, connection);
  const { pool, token, fund, refreshFeeds } = ctx;
  const usdc = await token("USDC");
  const weth = await token("WETH");
  const U = await usdc.getAddress();
  const W = await weth.getAddress();
  await seed(ctx, seeder, ["WETH"]);
  // A day of interest, then a USDC action, so the treasury's first accrual is not billed to a measured action.
  await elapse(ethers, 24 * 3600);
  await refreshFeeds();
  await (await pool.connect(seeder).repay(U, 10n ** 6n, 2, seeder.address)).wait();

  const row = Object.fromEntries(ACTIONS.map((a) => [a, null])) as GasRow;
  await fund(usdc, alice, 3n * SCENARIO.lenderSupplyUsdc);
  row["supply (1st)"] = await gasOf(pool.connect(alice).supply(U, SCENARIO.lenderSupplyUsdc, alice.address, 0));
  row["supply (2nd)"] = await gasOf(pool.connect(alice).supply(U, SCENARIO.lenderSupplyUsdc, alice.address, 0));

  await fund(weth, bob, 2n * SCENARIO.collateralWeth);
  await fund(usdc, bob, SCENARIO.borrowUsdc);
  row["supply collateral"] = await gasOf(pool.connect(bob).supply(W, SCENARIO.collateralWeth, bob.address, 0));
  row.borrow = await gasOf(pool.connect(bob).borrow(U, SCENARIO.borrowUsdc, 2, 0, bob.address));
  await elapse(ethers, SCENARIO.elapsedSeconds);
  await refreshFeeds(); // Chainlink-style heartbeat: the mock feeds republish after the jump
  row["repay (partial)"] = await gasOf(pool.connect(bob).repay(U, SCENARIO.repayPartUsdc, 2, bob.address));
  row["repay (full)"] = await gasOf(pool.connect(bob).repay(U, MaxUint256, 2, bob.address));
  row["withdraw (partial)"] = await gasOf(pool.connect(alice).withdraw(U, SCENARIO.withdrawPartUsdc, alice.address));
  row["withdraw (full)"] = await gasOf(pool.connect(alice).withdraw(U, MaxUint256, alice.address));

  // Liquidation at the 50% close factor. Keel (like Aave 3.3) closes positions under $2,000 whole, so the victim is
  // ten times the other columns' (10 WETH, 15,000 USDC): the same code path as theirs, a partial 50% liquidation.
  const victimWeth = 10n * SCENARIO.victimWeth;
  const victimDebt = 10n * SCENARIO.victimBorrowUsdc;
  await fund(weth, carol, victimWeth);
  await (await pool.connect(carol).supply(W, victimWeth, carol.address, 0)).wait();
  await (await pool.connect(carol).borrow(U, victimDebt, 2, 0, carol.address)).wait();
  await (await (await ctx.feed("WETH")).setAnswer(SCENARIO.wethCrashPrice8)).wait();
  await fund(usdc, liquidator, victimDebt);
  await fund(weth, liquidator, SCENARIO.victimWeth); // inventory, as in the other columns
  row.liquidation = await gasOf(pool.connect(liquidator).liquidationCall(W, U, carol.address, MaxUint256, false));

  const receiver = await ethers.deployContract("BenchFlashReceiver");
  const receiverAddress = await receiver.getAddress();
  await (await usdc.mint(receiverAddress, SCENARIO.flashUsdc)).wait();
  row.flashLoanSimple = await gasOf(
    pool.connect(flasher).flashLoanSimple(receiverAddress, U, SCENARIO.flashUsdc, "0x", 0),
  );
  row["flashLoan (1 asset)"] = await gasOf(
    pool.connect(flasher).flashLoan(receiverAddress, [U], [SCENARIO.flashUsdc], [0n], receiverAddress, "0x", 0),
  );
  const lender = ctx.system.address("FlashLender");
  const borrower = await ethers.deployContract("MinimalERC3156Borrower", [lender, flasher.address], flasher);
  await (await usdc.mint(await borrower.getAddress(), SCENARIO.flashUsdc)).wait();
  row["flashLoan (ERC-3156)"] = await gasOf(borrower.connect(flasher).borrow(U, SCENARIO.flashUsdc));
  return row;
}

/** Borrow and liquidation gas as the account holds N collaterals (18 dec, $2000, ten tokens each). */
export async function benchKeelScaling(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  counts: number[],
): Promise<ScalingRow[]> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [, seeder, , , , liquidator] = signers;
  const max = Math.max(...counts);
  const ctx = await setup(hre, connection, max);
  const { pool, token, fund, feed } = ctx;
  const cols = Array.from({ length: max }, (_, i) => `COL${String(i + 1)}`);
  const usdc = await token("USDC");
  const U = await usdc.getAddress();
  await seed(ctx, seeder, cols);
  await fund(usdc, liquidator, 10_000_000n * 10n ** 6n);
  for (const sym of cols) await fund(await token(sym), liquidator, 10n ** 18n);
  const perCollateral = 10n * 10n ** 18n;
  const rows: ScalingRow[] = [];
  for (const [k, n] of counts.entries()) {
    const borrower = signers[8 + k];
    await fund(usdc, borrower, 10n ** 6n);
    const held = cols.slice(0, n);
    for (const sym of held) {
      const c = await token(sym);
      await fund(c, borrower, perCollateral);
      await (await pool.connect(borrower).supply(await c.getAddress(), perCollateral, borrower.address, 0)).wait();
    }
    const borrow = await gasOf(
      pool.connect(borrower).borrow(U, BigInt(n) * 15_000n * 10n ** 6n, 2, 0, borrower.address),
    );
    for (const sym of held) await (await (await feed(sym)).setAnswer(SCENARIO.wethCrashPrice8)).wait();
    const first = await token(held[0]);
    const liquidation = await gasOf(
      pool
        .connect(liquidator)
        .liquidationCall(await first.getAddress(), U, borrower.address, 7_500n * 10n ** 6n, false),
    );
    for (const sym of held) await (await (await feed(sym)).setAnswer(parseUnits("2000", 8))).wait();
    rows.push({ collaterals: n, borrow, liquidation });
  }
  return rows;
}
