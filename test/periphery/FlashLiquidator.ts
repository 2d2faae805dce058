import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { ammOut, deployKeelMarket, premiumOf } from "../helpers/periphery-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const COLLATERAL = parseUnits("5", 18);
const DEBT = parseUnits("7500", 6);
const CRASH_PRICE = 1700n * 10n ** 8n; // WETH falls from $2000 to $1700: health factor 0.9633
const AMM2_WETH = parseUnits("1000", 18);
const AMM2_USDC = parseUnits("1700000", 6); // a venue that also moved to $1700

async function fixture() {
  const m = await deployKeelMarket(connection);
  const liquidatorContract = m.flashLiquidator;
  await m.weth.connect(m.bob).approve(m.pool.target, MaxUint256);
  await m.pool.connect(m.bob).supply(m.weth.target, COLLATERAL, m.bob.address, 0);
  await m.pool.connect(m.bob).borrow(m.usdc.target, DEBT, 2, 0, m.bob.address);
  // The market moves: oracle and a fresh AMM both at $1700.
  await m.wethFeed.setAnswer(CRASH_PRICE);
  const amm2 = await ethers.deployContract("MockAmm", [await m.usdc.getAddress(), await m.weth.getAddress()]);
  await m.usdc.approve(amm2.target, MaxUint256);
  await m.weth.approve(amm2.target, MaxUint256);
  await amm2.addLiquidity(AMM2_USDC, AMM2_WETH);
  await m.adapter.setPair(m.usdc.target, m.weth.target, amm2.target);
  return { ...m, amm2, fl: liquidatorContract };
}

/** Collateral the pool pays the liquidator for `debtToCover` USDC at $1700 with the 5% bonus and 10% protocol fee. */
function seizedFor(debtToCover: bigint): bigint {
  const colAmount = (((debtToCover * 10n ** 8n * 10n ** 18n) / (CRASH_PRICE * 10n ** 6n)) * 10500n) / 10000n;
  const base = (colAmount * 10000n + 10500n - 1n) / 10500n;
  const protocolFee = ((colAmount - base) * 1000n) / 10000n;
  return colAmount - protocolFee;
}

describe("FlashLiquidator", () => {
  it("liquidate: capital-free liquidation, profit to the caller to the wei", async () => {
    const f = await loadFixture(fixture);
    const half = DEBT / 2n; // close factor 50%: health factor 0.96 > 0.95 and a large position
    const seized = seizedFor(half);
    const premium = premiumOf(half, 5n);
    const profit = ammOut(seized, AMM2_WETH, AMM2_USDC) - half - premium;
    const tx = f.fl
      .connect(f.liquidator)
      .liquidate(f.weth.target, f.usdc.target, f.bob.address, half, f.adapter.target, profit);
    await expect(tx)
      .to.emit(f.fl, "FlashLiquidation")
      .withArgs(f.liquidator.address, f.bob.address, f.weth.target, f.usdc.target, half, seized, premium, profit);
    await expect(tx).to.changeTokenBalance(ethers, f.usdc, f.liquidator, profit);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.bob.address)).to.equal(DEBT - half);
    expect(profit).to.equal(146_160_162n); // ~146.16 USDC for repaying 3750 USDC with nothing of its own
    for (const t of [f.weth, f.usdc]) expect(await t.balanceOf(f.fl.target)).to.equal(0n);
  });

  /** The pool's FlashLoan amount and LiquidationCall debtToCover of a liquidation transaction. */
  async function loanAndCovered(f: Awaited<ReturnType<typeof fixture>>, tx: Promise<{ wait(): Promise<unknown> }>) {
    const rc = (await (await tx).wait()) as { logs: { topics: string[]; data: string }[] };
    const parsed = rc.logs.map((l) => {
      try {
        return f.pool.interface.parseLog(l);
      } catch {
        return null;
      }
    });
    return {
      loan: parsed.find((p) => p?.name === "FlashLoan")!.args.amount as bigint,
      covered: parsed.find((p) => p?.name === "LiquidationCall")!.args.debtToCover as bigint,
    };
  }

  it("finding 10 (flash liquidation borrows the whole debt): max flash-borrows only what the close factor lets it repay, premium on that", async () => {
    const f = await loadFixture(fixture);
    const half = DEBT / 2n; // HF 0.96 > 0.95 and a large position: the pool repays half
    expect(await f.fl.loanFor(f.weth.target, f.usdc.target, f.bob.address, MaxUint256)).to.equal(half);
    const premium = premiumOf(half, 5n); // before: premiumOf(DEBT), on twice what was repaid
    const profit = ammOut(seizedFor(half), AMM2_WETH, AMM2_USDC) - half - premium;
    const tx = f.fl
      .connect(f.liquidator)
      .liquidate(f.weth.target, f.usdc.target, f.bob.address, MaxUint256, f.adapter.target, 0n);
    await expect(tx)
      .to.emit(f.fl, "FlashLiquidation")
      .withArgs(
        f.liquidator.address,
        f.bob.address,
        f.weth.target,
        f.usdc.target,
        half,
        seizedFor(half),
        premium,
        profit,
      );
    await expect(tx)
      .to.emit(f.pool, "FlashLoan")
      .withArgs(f.fl.target, f.fl.target, f.usdc.target, half, 0, premium, 0);
  });

  it("finding 10: when the reserve's cash is below the repayable debt, the keeper liquidates with the cash instead of failing", async () => {
    const f = await loadFixture(fixture);
    // A whale borrows all but 1,000 USDC of the pool's cash (a bank run: exactly when liquidations matter).
    await f.pool.supply(f.weth.target, parseUnits("2000", 18), f.deployer.address, 0);
    const cash = (await f.pool.getKeelReserveData(f.usdc.target)).cash;
    const left = parseUnits("1000", 6);
    await f.pool.borrow(f.usdc.target, cash - left, 2, 0, f.deployer.address);
    expect(await f.fl.loanFor(f.weth.target, f.usdc.target, f.bob.address, MaxUint256)).to.equal(left);
    // Before: a flash loan of the whole 7,500 USDC debt, reverting PoolInsufficientLiquidity(1000e6, 7500e6).
    const { loan, covered } = await loanAndCovered(
      f,
      f.fl
        .connect(f.liquidator)
        .liquidate(f.weth.target, f.usdc.target, f.bob.address, MaxUint256, f.adapter.target, 1n),
    );
    expect([loan, covered]).to.deep.equal([left, left]);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.bob.address)).to.equal(DEBT - left);
  });

  it("finding 10: deep underwater (HF < 0.95) the loan is what the whole collateral buys, not the whole debt", async () => {
    const f = await loadFixture(fixture);
    await f.wethFeed.setAnswer(1000n * 10n ** 8n); // HF 0.55: close factor 100%, but 5 WETH ($5,000) buy only ~4,762 USDC
    const expected =
      (((COLLATERAL * 1000n * 10n ** 6n + 10n ** 18n - 1n) / 10n ** 18n) * 10000n + 10500n - 1n) / 10500n;
    expect(await f.fl.loanFor(f.weth.target, f.usdc.target, f.bob.address, MaxUint256)).to.equal(expected);
    expect(await f.fl.loanFor(f.weth.target, f.usdc.target, f.bob.address, 5n)).to.equal(5n); // a smaller request stays
    const { loan, covered } = await loanAndCovered(
      f,
      f.fl
        .connect(f.liquidator)
        .liquidate(f.weth.target, f.usdc.target, f.bob.address, MaxUint256, f.adapter.target, 1n),
    );
    expect(loan).to.equal(covered);
    expect(covered).to.equal(expected);
  });

  it("liquidate: reverts below the caller's minimum profit", async () => {
    const f = await loadFixture(fixture);
    const half = DEBT / 2n;
    const profit = ammOut(seizedFor(half), AMM2_WETH, AMM2_USDC) - half - premiumOf(half, 5n);
    await expect(f.fl.liquidate(f.weth.target, f.usdc.target, f.bob.address, half, f.adapter.target, profit + 1n))
      .to.be.revertedWithCustomError(f.fl, "FlashLiquidatorUnprofitable")
      .withArgs(profit, profit + 1n);
  });

  it("liquidate: reverts when selling the collateral does not even repay the loan", async () => {
    const f = await loadFixture(fixture);
    // The only venue pays $1500 per WETH: the 5% bonus does not cover the gap to the oracle's $1700.
    const amm3 = await ethers.deployContract("MockAmm", [await f.usdc.getAddress(), await f.weth.getAddress()]);
    await f.usdc.approve(amm3.target, MaxUint256);
    await f.weth.approve(amm3.target, MaxUint256);
    await amm3.addLiquidity(parseUnits("1500000", 6), parseUnits("1000", 18));
    await f.adapter.setPair(f.usdc.target, f.weth.target, amm3.target);
    await expect(f.fl.liquidate(f.weth.target, f.usdc.target, f.bob.address, DEBT / 2n, f.adapter.target, 0n))
      .to.be.revertedWithCustomError(f.fl, "FlashLiquidatorUnprofitable")
      .withArgs(0n, 0n);
  });

  it("liquidate: reverts for a healthy account", async () => {
    const f = await loadFixture(fixture);
    await f.wethFeed.setAnswer(2000n * 10n ** 8n);
    const hf = (await f.pool.getUserAccountData(f.bob.address)).healthFactor;
    await expect(f.fl.liquidate(f.weth.target, f.usdc.target, f.bob.address, DEBT / 2n, f.adapter.target, 0n))
      .to.be.revertedWithCustomError(f.pool, "PoolHealthFactorNotBelowThreshold")
      .withArgs(hf);
  });

  it("liquidate: refuses same-asset liquidations and a zero amount", async () => {
    const f = await loadFixture(fixture);
    await expect(f.fl.liquidate(f.usdc.target, f.usdc.target, f.bob.address, 1n, f.adapter.target, 0n))
      .to.be.revertedWithCustomError(f.fl, "FlashLiquidatorSameAsset")
      .withArgs(f.usdc.target);
    await expect(
      f.fl.liquidate(f.weth.target, f.usdc.target, f.alice.address, MaxUint256, f.adapter.target, 0n),
    ).to.be.revertedWithCustomError(f.fl, "FlashLiquidatorZeroAmount");
  });

  it("executeOperation: refuses loans started by someone else and calls not from the pool", async () => {
    const f = await loadFixture(fixture);
    await expect(f.pool.connect(f.stranger).flashLoanSimple(f.fl.target, f.usdc.target, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(f.fl, "FlashLiquidatorUntrustedCallback")
      .withArgs(f.pool.target, f.stranger.address);
    await expect(f.fl.connect(f.stranger).executeOperation(f.usdc.target, 1n, 0n, f.fl.target, "0x"))
      .to.be.revertedWithCustomError(f.fl, "FlashLiquidatorUntrustedCallback")
      .withArgs(f.stranger.address, f.fl.target);
  });
});
