import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import {
  AMM_USDC,
  AMM_WETH,
  POOL_USDC,
  SEED,
  ammOut,
  deployKeelMarket,
  premiumOf,
} from "../helpers/periphery-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const RAY = 10n ** 27n;
const WETH_IN = parseUnits("3", 18);
const DEBT = parseUnits("2000", 6);

async function fixture() {
  const m = await deployKeelMarket(connection);
  const cs = m.collateralSwap;
  await m.weth.connect(m.alice).approve(m.pool.target, MaxUint256);
  await m.pool.connect(m.alice).supply(m.weth.target, WETH_IN, m.alice.address, 0);
  await m.pool.connect(m.alice).borrow(m.usdc.target, DEBT, 2, 0, m.alice.address);
  await m.kWeth.connect(m.alice).approve(cs.target, MaxUint256);
  return { ...m, cs };
}

describe("CollateralSwap", () => {
  it("swapCollateral: replaces all WETH collateral by USDC, debt untouched, numbers to the wei", async () => {
    const f = await loadFixture(fixture);
    const quoted = ammOut(WETH_IN, AMM_WETH, AMM_USDC);
    const loan = (quoted * 10000n) / 10005n;
    const premium = premiumOf(loan, 5n);
    const leftover = quoted - loan - premium;
    const usdcBefore = await f.usdc.balanceOf(f.alice.address);

    await expect(f.cs.connect(f.alice).swapCollateral(f.weth.target, MaxUint256, f.usdc.target, loan, f.adapter.target))
      .to.emit(f.cs, "CollateralSwapped")
      .withArgs(f.alice.address, f.weth.target, f.usdc.target, WETH_IN, loan, premium, leftover);

    // Alice's USDC supply is the loan, plus her share of the very premium she paid (she was a supplier when the
    // pool credited it): index += floor((premium - treasury share) * RAY / total scaled supply).
    const toProtocol = (premium * 1000n) / 10000n;
    const index = RAY + ((premium - toProtocol) * RAY) / (SEED + POOL_USDC + loan);
    expect(await f.pool.getReserveNormalizedIncome(f.usdc.target)).to.equal(index);
    expect(await f.pool.supplyBalanceOf(f.usdc.target, f.alice.address)).to.equal((loan * index) / RAY);
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(0n);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(DEBT);
    expect(await f.usdc.balanceOf(f.alice.address)).to.equal(usdcBefore + leftover);
    const data = await f.pool.getUserAccountData(f.alice.address);
    expect(data.totalCollateralBase).to.equal(((loan * index) / RAY) * 100n);
    expect(data.healthFactor).to.equal(
      (((((loan * index) / RAY) * 100n * 8500n) / 10000n) * 10n ** 18n) / (DEBT * 100n),
    );
    for (const t of [f.weth, f.usdc]) expect(await t.balanceOf(f.cs.target)).to.equal(0n);
  });

  it("swapCollateral: a partial swap keeps the rest of the old collateral", async () => {
    const f = await loadFixture(fixture);
    const part = parseUnits("1", 18);
    const loan = (ammOut(part, AMM_WETH, AMM_USDC) * 10000n) / 10005n;
    await f.cs.connect(f.alice).swapCollateral(f.weth.target, part, f.usdc.target, 0n, f.adapter.target);
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(WETH_IN - part);
    expect(await f.pool.supplyBalanceOf(f.usdc.target, f.alice.address)).to.be.greaterThanOrEqual(loan);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(DEBT);
  });

  it("swapCollateral: reverts below the caller's minimum", async () => {
    const f = await loadFixture(fixture);
    const loan = (ammOut(WETH_IN, AMM_WETH, AMM_USDC) * 10000n) / 10005n;
    await expect(
      f.cs.connect(f.alice).swapCollateral(f.weth.target, MaxUint256, f.usdc.target, loan + 1n, f.adapter.target),
    )
      .to.be.revertedWithCustomError(f.cs, "CollateralSwapInsufficientOutput")
      .withArgs(loan, loan + 1n);
  });

  it("swapCollateral: reverts without the kToken approval", async () => {
    const f = await loadFixture(fixture);
    await f.kWeth.connect(f.alice).approve(f.cs.target, 0n);
    await expect(f.cs.connect(f.alice).swapCollateral(f.weth.target, WETH_IN, f.usdc.target, 0n, f.adapter.target))
      .to.be.revertedWithCustomError(f.kWeth, "KTokenInsufficientAllowance")
      .withArgs(f.cs.target, 0n, WETH_IN);
  });

  it("swapCollateral: refuses the same asset, a zero amount and an account with nothing to swap", async () => {
    const f = await loadFixture(fixture);
    await expect(
      f.cs.connect(f.alice).swapCollateral(f.weth.target, WETH_IN, f.weth.target, 0n, f.adapter.target),
    ).to.be.revertedWithCustomError(f.cs, "CollateralSwapInvalidParams");
    await expect(
      f.cs.connect(f.alice).swapCollateral(f.weth.target, 0n, f.usdc.target, 0n, f.adapter.target),
    ).to.be.revertedWithCustomError(f.cs, "CollateralSwapInvalidParams");
    await expect(
      f.cs.connect(f.bob).swapCollateral(f.weth.target, MaxUint256, f.usdc.target, 0n, f.adapter.target),
    ).to.be.revertedWithCustomError(f.cs, "CollateralSwapInvalidParams");
  });

  it("executeOperation: refuses loans started by someone else and calls not from the pool", async () => {
    const f = await loadFixture(fixture);
    await expect(f.pool.connect(f.stranger).flashLoanSimple(f.cs.target, f.usdc.target, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(f.cs, "CollateralSwapUntrustedCallback")
      .withArgs(f.pool.target, f.stranger.address);
    await expect(f.cs.connect(f.stranger).executeOperation(f.usdc.target, 1n, 0n, f.cs.target, "0x"))
      .to.be.revertedWithCustomError(f.cs, "CollateralSwapUntrustedCallback")
      .withArgs(f.stranger.address, f.cs.target);
  });
});
