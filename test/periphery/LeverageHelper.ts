import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import {
  AMM_USDC,
  AMM_WETH,
  ammIn,
  ammOut,
  deployKeelMarket,
  premiumOf,
  USER_WETH,
} from "../helpers/periphery-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const ONE_WETH = parseUnits("1", 18);
const BORROW = parseUnits("4000", 6); // 2 WETH worth of USDC: 1 WETH of equity -> ~3x exposure
const WETH_PRICE = 2000n * 10n ** 8n;
const WAD = 10n ** 18n;

async function fixture() {
  const m = await deployKeelMarket(connection);
  const helper = m.leverageHelper;
  const h = await helper.getAddress();
  await m.weth.connect(m.alice).approve(h, MaxUint256);
  await m.pool.connect(m.alice).approveDelegation(await m.usdc.getAddress(), h, BORROW);
  await m.kWeth.connect(m.alice).approve(h, MaxUint256);
  return { ...m, helper };
}

type F = Awaited<ReturnType<typeof fixture>>;

function openParams(
  f: F,
  over: Partial<{ initialCollateral: bigint; borrowAmount: bigint; minCollateralOut: bigint }> = {},
) {
  return {
    collateralAsset: f.weth.target as string,
    debtAsset: f.usdc.target as string,
    initialCollateral: ONE_WETH,
    borrowAmount: BORROW,
    minCollateralOut: 0n,
    adapter: f.adapter.target as string,
    ...over,
  };
}

function closeParams(
  f: F,
  over: Partial<{ debtToRepay: bigint; collateralToWithdraw: bigint; maxCollateralIn: bigint }> = {},
) {
  return {
    collateralAsset: f.weth.target as string,
    debtAsset: f.usdc.target as string,
    debtToRepay: MaxUint256,
    collateralToWithdraw: MaxUint256,
    maxCollateralIn: MaxUint256,
    adapter: f.adapter.target as string,
    ...over,
  };
}

/** Health factor as the pool computes it for WETH collateral and USDC debt (prices $2000 and $1). */
function healthFactor(wethSupplied: bigint, usdcDebt: bigint): bigint {
  const value = (wethSupplied * WETH_PRICE) / WAD;
  const weighted = (value * 8500n) / 10000n;
  const debtBase = usdcDebt * 100n; // 6 -> 8 decimals at $1
  return (weighted * WAD) / debtBase;
}

describe("LeverageHelper", () => {
  it("openLeverage: 3x WETH against USDC in one transaction, numbers to the wei", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    const tx = f.helper.connect(f.alice).openLeverage(openParams(f, { minCollateralOut: bought }));
    await expect(tx)
      .to.emit(f.helper, "LeverageOpened")
      .withArgs(f.alice.address, f.weth.target, f.usdc.target, ONE_WETH, BORROW, bought);
    await expect(tx)
      .to.emit(f.pool, "FlashLoan")
      .withArgs(f.helper.target, f.helper.target, f.usdc.target, BORROW, 2, 0, 0);

    const supplied = ONE_WETH + bought;
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(supplied);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(BORROW);
    expect(await f.weth.balanceOf(f.alice.address)).to.equal(USER_WETH - ONE_WETH);
    expect(await f.pool.borrowAllowance(f.alice.address, f.usdc.target, f.helper.target)).to.equal(0n);
    const data = await f.pool.getUserAccountData(f.alice.address);
    expect(data.totalCollateralBase).to.equal((supplied * WETH_PRICE) / WAD);
    expect(data.totalDebtBase).to.equal(BORROW * 100n);
    expect(data.healthFactor).to.equal(healthFactor(supplied, BORROW));
    // ~2.99x exposure: 2.990 WETH held for 1 WETH of equity (the AMM fee and price impact take the rest).
    expect((supplied * 1000n) / ONE_WETH).to.equal(2990n);
    // The helper keeps nothing.
    for (const t of [f.weth, f.usdc]) expect(await t.balanceOf(f.helper.target)).to.equal(0n);
    expect(await f.amm.getReserves()).to.deep.equal([AMM_USDC + BORROW, AMM_WETH - bought]);
  });

  it("openLeverage: with collateral already in the pool (initialCollateral = 0)", async () => {
    const f = await loadFixture(fixture);
    await f.weth.connect(f.alice).approve(f.pool.target, ONE_WETH);
    await f.pool.connect(f.alice).supply(f.weth.target, ONE_WETH, f.alice.address, 0);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    await f.helper.connect(f.alice).openLeverage(openParams(f, { initialCollateral: 0n }));
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(ONE_WETH + bought);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(BORROW);
  });

  it("openLeverage: reverts without credit delegation to the helper", async () => {
    const f = await loadFixture(fixture);
    await f.weth.connect(f.bob).approve(f.helper.target, MaxUint256);
    await expect(f.helper.connect(f.bob).openLeverage(openParams(f)))
      .to.be.revertedWithCustomError(f.pool, "PoolInsufficientCreditDelegation")
      .withArgs(0n, BORROW);
  });

  it("openLeverage: reverts when the swap gives less than minCollateralOut", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    await expect(f.helper.connect(f.alice).openLeverage(openParams(f, { minCollateralOut: bought + 1n })))
      .to.be.revertedWithCustomError(f.amm, "AmmInsufficientOutputAmount")
      .withArgs(bought, bought + 1n);
  });

  it("openLeverage: reverts when the final position exceeds the borrowing power", async () => {
    const f = await loadFixture(fixture);
    const borrow = parseUnits("9000", 6);
    await f.pool.connect(f.alice).approveDelegation(f.usdc.target, f.helper.target, borrow);
    const value = ((ONE_WETH + ammOut(borrow, AMM_USDC, AMM_WETH)) * WETH_PRICE) / WAD;
    await expect(f.helper.connect(f.alice).openLeverage(openParams(f, { borrowAmount: borrow })))
      .to.be.revertedWithCustomError(f.pool, "PoolInsufficientCollateral")
      .withArgs((value * 8000n) / 10000n, borrow * 100n);
  });

  it("openLeverage: reverts for a zero borrow amount", async () => {
    const f = await loadFixture(fixture);
    await expect(
      f.helper.connect(f.alice).openLeverage(openParams(f, { borrowAmount: 0n })),
    ).to.be.revertedWithCustomError(f.helper, "LeverageHelperZeroAmount");
  });

  it("closeLeverage: repays everything and returns the rest of the collateral, numbers to the wei", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    await f.helper.connect(f.alice).openLeverage(openParams(f));
    const supplied = ONE_WETH + bought;
    const premium = premiumOf(BORROW, await f.pool.FLASHLOAN_PREMIUM_TOTAL());
    expect(premium).to.equal(2_000_000n); // 0.05% of 4000 USDC
    const sold = ammIn(BORROW + premium, AMM_WETH - bought, AMM_USDC + BORROW);
    const returned = supplied - sold;

    const tx = f.helper.connect(f.alice).closeLeverage(closeParams(f, { maxCollateralIn: sold }));
    await expect(tx)
      .to.emit(f.helper, "LeverageClosed")
      .withArgs(f.alice.address, f.weth.target, f.usdc.target, BORROW, supplied, sold, returned);
    await expect(tx)
      .to.emit(f.pool, "FlashLoan")
      .withArgs(f.helper.target, f.helper.target, f.usdc.target, BORROW, 0, premium, 0);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(0n);
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(0n);
    expect(await f.weth.balanceOf(f.alice.address)).to.equal(USER_WETH - ONE_WETH + returned);
    // Round trip cost: two AMM fees, price impact both ways and the flash premium: ~0.013 WETH on 1 WETH of
    // equity (the walk-through in docs/flash-loans.md quotes these numbers).
    expect(returned).to.equal(987002846112213327n);
    for (const t of [f.weth, f.usdc]) expect(await t.balanceOf(f.helper.target)).to.equal(0n);
    const data = await f.pool.getUserAccountData(f.alice.address);
    expect(data.totalDebtBase).to.equal(0n);
    expect(data.healthFactor).to.equal(MaxUint256);
  });

  it("closeLeverage: a partial close keeps the rest of the position healthy", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    await f.helper.connect(f.alice).openLeverage(openParams(f));
    const repay = parseUnits("2000", 6);
    const take = parseUnits("1.5", 18);
    const premium = premiumOf(repay, 5n);
    const sold = ammIn(repay + premium, AMM_WETH - bought, AMM_USDC + BORROW);
    await f.helper.connect(f.alice).closeLeverage(closeParams(f, { debtToRepay: repay, collateralToWithdraw: take }));
    const left = ONE_WETH + bought - take;
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(BORROW - repay);
    expect(await f.pool.supplyBalanceOf(f.weth.target, f.alice.address)).to.equal(left);
    expect(await f.weth.balanceOf(f.alice.address)).to.equal(USER_WETH - ONE_WETH + take - sold);
    expect((await f.pool.getUserAccountData(f.alice.address)).healthFactor).to.equal(
      healthFactor(left, BORROW - repay),
    );
  });

  it("closeLeverage: reverts when selling the collateral would cost more than maxCollateralIn", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(BORROW, AMM_USDC, AMM_WETH);
    await f.helper.connect(f.alice).openLeverage(openParams(f));
    const sold = ammIn(BORROW + 2_000_000n, AMM_WETH - bought, AMM_USDC + BORROW);
    await expect(f.helper.connect(f.alice).closeLeverage(closeParams(f, { maxCollateralIn: sold - 1n })))
      .to.be.revertedWithCustomError(f.adapter, "SwapAdapterExcessiveInput")
      .withArgs(sold, sold - 1n);
  });

  it("closeLeverage: reverts without the kToken approval", async () => {
    const f = await loadFixture(fixture);
    await f.helper.connect(f.alice).openLeverage(openParams(f));
    await f.kWeth.connect(f.alice).approve(f.helper.target, 0n);
    const supplied = await f.pool.supplyBalanceOf(f.weth.target, f.alice.address);
    await expect(f.helper.connect(f.alice).closeLeverage(closeParams(f)))
      .to.be.revertedWithCustomError(f.kWeth, "KTokenInsufficientAllowance")
      .withArgs(f.helper.target, 0n, supplied);
  });

  it("closeLeverage: another account cannot close a position it does not own", async () => {
    const f = await loadFixture(fixture);
    await f.helper.connect(f.alice).openLeverage(openParams(f));
    // The helper only ever acts on msg.sender: bob has no debt, so there is nothing for him to close.
    await expect(f.helper.connect(f.bob).closeLeverage(closeParams(f)))
      .to.be.revertedWithCustomError(f.helper, "LeverageHelperNoDebt")
      .withArgs(f.usdc.target, f.bob.address);
    expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(BORROW);
  });

  it("executeOperation: refuses loans started by someone else and calls not from the pool", async () => {
    const f = await loadFixture(fixture);
    const coder = ethers.AbiCoder.defaultAbiCoder();
    // A stranger starts a loan naming the helper as receiver, trying to use alice's delegation through it.
    const params = coder.encode(
      ["address", "tuple(address,address,uint256,uint256,uint256,address)"],
      [f.alice.address, [f.weth.target, f.usdc.target, 0n, BORROW, 0n, f.adapter.target]],
    );
    await expect(
      f.pool
        .connect(f.stranger)
        .flashLoan(f.helper.target, [f.usdc.target], [BORROW], [0], f.stranger.address, params, 0),
    )
      .to.be.revertedWithCustomError(f.helper, "LeverageHelperUntrustedCallback")
      .withArgs(f.pool.target, f.stranger.address);
    await expect(f.pool.connect(f.stranger).flashLoanSimple(f.helper.target, f.usdc.target, BORROW, "0x", 0))
      .to.be.revertedWithCustomError(f.helper, "LeverageHelperUntrustedCallback")
      .withArgs(f.pool.target, f.stranger.address);
    const asStranger = f.helper.connect(f.stranger);
    await expect(
      asStranger["executeOperation(address,uint256,uint256,address,bytes)"](
        f.usdc.target,
        1n,
        0n,
        f.helper.target,
        "0x",
      ),
    )
      .to.be.revertedWithCustomError(f.helper, "LeverageHelperUntrustedCallback")
      .withArgs(f.stranger.address, f.helper.target);
    expect(await f.helper.version()).to.equal("1.0.0");
    expect(await f.helper.POOL()).to.equal(f.pool.target);
  });
});
