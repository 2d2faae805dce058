import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, formatUnits, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { DEFAULT_SLIPPAGE_BPS, runKeeper } from "../../scripts/liquidator.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

/** With automine off: waits (up to 5 s) until the keeper's transaction is in the pending block. */
async function keeperTxPending(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const pending = (await connection.provider.request({
      method: "eth_getBlockByNumber",
      params: ["pending", false],
    })) as { transactions: string[] };
    if (pending.transactions.length > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the keeper sent no transaction within 5 s");
}

async function fixture() {
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null });
  const [, , lender, borrower, healthy, keeper] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const feed = await ethers.getContractAt("MockAggregator", system.reserves.WETH.feed);
  for (const [who, t, amount] of [
    [lender, usdc, "1000000"],
    [borrower, weth, "10"],
    [healthy, weth, "10"],
    [keeper, usdc, "100000"],
  ] as const) {
    await t.mint(who.address, parseUnits(amount, await t.decimals()));
    await t.connect(who).approve(await pool.getAddress(), MaxUint256);
  }
  await pool.connect(lender).supply(await usdc.getAddress(), parseUnits("1000000", 6), lender.address, 0);
  for (const who of [borrower, healthy])
    await pool.connect(who).supply(await weth.getAddress(), parseUnits("10", 18), who.address, 0);
  await pool.connect(borrower).borrow(await usdc.getAddress(), parseUnits("15000", 6), 2, 0, borrower.address);
  await pool.connect(healthy).borrow(await usdc.getAddress(), parseUnits("5000", 6), 2, 0, healthy.address);
  await feed.setAnswer(parseUnits("1750", 8)); // borrower: HF ~0.96; healthy: HF ~2.9
  return { system, pool, borrower, healthy, keeper, usdc };
}

describe("scripts/liquidator.ts: runKeeper", () => {
  it("dry run: reports the unhealthy account from the pool's events and changes nothing", async () => {
    const { system, pool, borrower, keeper } = await networkHelpers.loadFixture(fixture);
    const debtBefore = await pool.debtBalanceOf(system.reserves.USDC.asset, borrower.address);
    const lines: string[] = [];
    const actions = await runKeeper(ethers, system.record, { dryRun: true, keeper, log: (l) => lines.push(l) });
    expect(actions.map((a) => a.user)).to.deep.equal([borrower.address]);
    expect(actions[0]).to.include({ collateral: "WETH", debt: "USDC", liquidated: false });
    expect(lines[0]).to.equal(
      `keeper: 2 borrower(s) seen since block ${String(system.record.contracts.Pool.block ?? 0)}`,
    );
    expect(await pool.debtBalanceOf(system.reserves.USDC.asset, borrower.address)).to.equal(debtBefore);
  });

  it("liquidates the unhealthy account with the keeper's capital (50% close factor) and leaves the healthy one", async () => {
    const { system, pool, borrower, healthy, keeper } = await networkHelpers.loadFixture(fixture);
    const healthyDebt = await pool.debtBalanceOf(system.reserves.USDC.asset, healthy.address);
    const debtBefore = await pool.debtBalanceOf(system.reserves.USDC.asset, borrower.address);
    const actions = await runKeeper(ethers, system.record, { keeper });
    expect(actions).to.have.length(1);
    expect(actions[0].liquidated).to.equal(true);
    expect(actions[0].debtCovered).to.be.closeTo(debtBefore / 2n, 10n); // half the debt, plus a block of interest
    const [, , , , , hf] = await pool.getUserAccountData(borrower.address);
    expect(hf).to.be.greaterThan(10n ** 18n);
    expect(await pool.debtBalanceOf(system.reserves.USDC.asset, healthy.address)).to.be.greaterThanOrEqual(healthyDebt);
  });

  it("predicts the liquidation with the SDK before sending it: debt covered and collateral seized equal the chain to the wei", async () => {
    const { system, pool, borrower, keeper } = await networkHelpers.loadFixture(fixture);
    const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
    const wethBefore = await weth.balanceOf(keeper.address);
    // The keeper predicts for the block after the latest; pin that block's timestamp so the prediction made before
    // sending is for the very block the liquidation lands in (no re-run).
    const next = (await networkHelpers.time.latest()) + 1;
    await networkHelpers.time.setNextBlockTimestamp(next);
    const lines: string[] = [];
    const actions = await runKeeper(ethers, system.record, { keeper, log: (l) => lines.push(l) });
    const [a] = actions;
    expect(a.liquidated).to.equal(true);
    const p = a.prediction!;
    expect(p.timestamp).to.equal(BigInt(next));
    expect(p.refusal).to.equal(undefined);
    expect(p.debtCovered).to.be.greaterThan(0n);
    expect(a.debtCovered).to.equal(p.debtCovered);
    expect(a.collateralSeized).to.equal(p.collateralSeized);
    expect((await weth.balanceOf(keeper.address)) - wethBefore).to.equal(p.collateralSeized); // the tokens received
    expect(p.matches).to.equal(true);
    expect(lines.some((l) => l.includes("MISMATCH"))).to.equal(false);
    expect(lines.some((l) => l.includes("re-run"))).to.equal(false);
    expect(lines).to.include(
      `keeper: predicted (SDK): cover ${formatUnits(p.debtCovered, 6)} USDC, seize ${formatUnits(p.collateralSeized, 18)} WETH (treasury fee ${formatUnits(p.protocolFee, 18)} WETH)`,
    );
    // The borrower's account afterwards is what the SDK reads, and it is healthy again.
    const [, , , , , hf] = await pool.getUserAccountData(borrower.address);
    expect(hf).to.be.greaterThan(10n ** 18n);
  });

  it("when the block lands later than predicted, re-runs the prediction for that block and still matches", async () => {
    const { system, keeper } = await networkHelpers.loadFixture(fixture);
    await networkHelpers.time.setNextBlockTimestamp((await networkHelpers.time.latest()) + 3600); // an hour of interest
    const lines: string[] = [];
    const [a] = await runKeeper(ethers, system.record, { keeper, log: (l) => lines.push(l) });
    expect(a.liquidated).to.equal(true);
    expect(a.prediction?.matches).to.equal(true);
    expect(lines.some((l) => /mined at \d+, not \d+: prediction re-run/.test(l))).to.equal(true);
    // An hour of interest on the debt: the chain covered more than the prediction for the next second.
    expect(a.debtCovered).to.be.greaterThan(a.prediction!.debtCovered);
  });

  it("logs a mismatch plainly when the account changes between the prediction and the liquidation", async () => {
    const { system, pool, borrower, keeper, usdc } = await networkHelpers.loadFixture(fixture);
    await usdc.mint(borrower.address, parseUnits("300", 6));
    await usdc.connect(borrower).approve(await pool.getAddress(), MaxUint256);
    const lines: string[] = [];
    // The borrower repays 300 USDC in the same block, ahead of the keeper's liquidation (a higher tip): the close
    // factor then covers less than the keeper predicted from the state before.
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    let actions;
    try {
      const run = runKeeper(ethers, system.record, { keeper, log: (l) => lines.push(l) });
      await keeperTxPending();
      const feeData = await ethers.provider.getFeeData();
      const repayTx = await pool
        .connect(borrower)
        .repay(system.reserves.USDC.asset, parseUnits("300", 6), 2, borrower.address, {
          maxFeePerGas: feeData.maxFeePerGas! * 10n,
          maxPriorityFeePerGas: feeData.maxFeePerGas! * 5n,
          gasLimit: 1_000_000n, // estimated on the pending block (after the liquidation), it would run short when first
        });
      await networkHelpers.mine();
      actions = await run;
      expect((await ethers.provider.getTransactionReceipt(repayTx.hash))?.status).to.equal(1); // mined, ahead
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
    const [a] = actions;
    expect(a.liquidated).to.equal(true);
    expect(a.prediction?.matches).to.equal(false);
    expect(a.debtCovered).to.be.lessThan(a.prediction!.debtCovered); // half of a smaller debt
    const mismatch = lines.find((l) => l.startsWith(`keeper: MISMATCH for ${borrower.address}`));
    expect(mismatch).to.include(`the chain covered ${formatUnits(a.debtCovered!, 6)} USDC`);
  });

  it("dry run: reports the SDK's prediction of the liquidation and sends nothing", async () => {
    const { system, keeper } = await networkHelpers.loadFixture(fixture);
    const [a] = await runKeeper(ethers, system.record, { dryRun: true, keeper });
    expect(a.prediction?.refusal).to.equal(undefined);
    expect(a.prediction?.debtCovered).to.be.greaterThan(0n);
    expect(a.prediction?.matches).to.equal(undefined); // nothing sent
  });

  it("liquidates with no capital through the FlashLiquidator and keeps the profit", async () => {
    const { system, pool, borrower, usdc } = await networkHelpers.loadFixture(fixture);
    const [, , , , , , , poorKeeper] = await ethers.getSigners();
    // The AMM follows the price drop before the keeper sells the seized WETH into it.
    const amm = await ethers.getContractAt("MockAmm", system.address("AMM-USDC-WETH"));
    const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
    const sell = parseUnits("690", 18); // 10,000 WETH / 20M USDC pool: sqrt(k / 1750) - 10,000 WETH brings it to ~$1,750
    await weth.mint(poorKeeper.address, sell);
    await weth.connect(poorKeeper).approve(await amm.getAddress(), sell);
    await amm.connect(poorKeeper).swapExactIn(system.reserves.WETH.asset, sell, 0, poorKeeper.address);
    const usdcBefore = await usdc.balanceOf(poorKeeper.address);
    const actions = await runKeeper(ethers, system.record, { keeper: poorKeeper, useFlashLiquidator: true });
    expect(actions[0].error).to.equal(undefined);
    expect(actions[0].liquidated).to.equal(true);
    expect(await usdc.balanceOf(poorKeeper.address)).to.be.greaterThan(usdcBefore);
    const [, , , , , hf] = await pool.getUserAccountData(borrower.address);
    expect(hf).to.be.greaterThan(10n ** 18n);
    // The minimum passed is the quote less the tolerance, and nothing moved between quote and execution here.
    expect(actions[0].quotedProfit).to.be.greaterThan(0n);
    expect(actions[0].minProfit).to.equal((actions[0].quotedProfit! * (10_000n - DEFAULT_SLIPPAGE_BPS)) / 10_000n);
    expect((await usdc.balanceOf(poorKeeper.address)) - usdcBefore).to.equal(actions[0].quotedProfit);
    // The SDK's prediction holds for the flash liquidation too (the FlashLiquidator repays what the close factor allows).
    expect(actions[0].prediction?.matches).to.equal(true);
    expect(actions[0].collateralSeized).to.be.greaterThan(0n);
  });

  it("finding 10 (keeper passes minProfit 0): a sandwich between the keeper's quote and its transaction makes it revert instead of taking the profit", async () => {
    const { system, pool, borrower, usdc } = await networkHelpers.loadFixture(fixture);
    const [, , , , , , , poorKeeper, sandwicher] = await ethers.getSigners();
    const amm = await ethers.getContractAt("MockAmm", system.address("AMM-USDC-WETH"));
    const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
    const W = system.reserves.WETH.asset;
    const sell = parseUnits("690", 18); // the venue follows the price drop to ~$1,750 (as above)
    const front = parseUnits("150", 18); // the sandwich's front leg: ~1.5% lower WETH price for the keeper's sale
    await weth.mint(poorKeeper.address, sell);
    await weth.connect(poorKeeper).approve(await amm.getAddress(), sell);
    await amm.connect(poorKeeper).swapExactIn(W, sell, 0, poorKeeper.address);
    await weth.mint(sandwicher.address, front);
    await weth.connect(sandwicher).approve(await amm.getAddress(), front);
    const debtBefore = await pool.debtBalanceOf(system.reserves.USDC.asset, borrower.address);
    const usdcBefore = await usdc.balanceOf(poorKeeper.address);
    // The sandwicher sees the keeper's transaction in the mempool and gets its own sale in first.
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    try {
      const run = runKeeper(ethers, system.record, { keeper: poorKeeper, useFlashLiquidator: true });
      await keeperTxPending();
      const feeData = await ethers.provider.getFeeData();
      await amm.connect(sandwicher).swapExactIn(W, front, 0, sandwicher.address, {
        maxFeePerGas: feeData.maxFeePerGas! * 10n,
        maxPriorityFeePerGas: feeData.maxFeePerGas! * 5n,
      });
      await networkHelpers.mine();
      const actions = await run;
      expect(actions[0].quotedProfit).to.be.greaterThan(0n);
      expect(actions[0].minProfit).to.be.greaterThan(0n); // before: 0, and the sandwich kept most of the profit
      expect(actions[0].liquidated).to.equal(false);
      expect(actions[0].error).to.match(/reverted/);
      // What minProfit 0 would have accepted after the front leg: a profit below the keeper's minimum.
      const fl = await ethers.getContractAt(
        "FlashLiquidator",
        system.record.contracts.FlashLiquidator.address,
        poorKeeper,
      );
      const afterSandwich = await fl.liquidate.staticCall(
        W,
        system.reserves.USDC.asset,
        borrower.address,
        MaxUint256,
        system.record.contracts.SwapAdapter.address,
        0n,
      );
      expect(afterSandwich).to.be.greaterThan(0n);
      expect(afterSandwich).to.be.lessThan(actions[0].minProfit!);
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
    expect(await usdc.balanceOf(poorKeeper.address)).to.equal(usdcBefore);
    expect(await pool.debtBalanceOf(system.reserves.USDC.asset, borrower.address)).to.be.greaterThanOrEqual(debtBefore);
  });
});
