import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, RAY, WAD } from "../helpers/pool-fixture.js";
import { bpsMulDown, mulDivDown, mulDivUp, rayDivDown, rayMulDown } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const USD = 10n ** 8n;
const WETH_UNIT = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;
const BONUS = 10500n;
const FEE = 1000n;

/** Collateral seized for `debt` USDC at `wethPrice` (8 decimals), with bonus, and the treasury's fee in it. */
function seized(debt: bigint, wethPrice: bigint) {
  const col = bpsMulDown(mulDivDown(debt, USD * WETH_UNIT, wethPrice * USDC_UNIT), BONUS);
  const fee = bpsMulDown(col - mulDivUp(col, 10_000n, BONUS), FEE);
  return { col, fee };
}

/** No interest (rate 0): alice lends 100k USDC; bob borrows 16k USDC on 10 WETH; carol 1.6k USDC on 1 WETH. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.setFlatRate(0);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("10", 18), f.bob.address, 0);
  await f.pool.connect(f.bob).borrow(f.U, parseUnits("16000", 6), 2, 0, f.bob.address);
  await f.pool.connect(f.carol).supply(f.W, parseUnits("1", 18), f.carol.address, 0);
  await f.pool.connect(f.carol).borrow(f.U, parseUnits("1600", 6), 2, 0, f.carol.address);
  return f;
}

describe("Pool: liquidation", () => {
  it("liquidationCall: refused while the health factor is at least 1 (PoolHealthFactorNotBelowThreshold)", async () => {
    const { pool, liquidator, bob, U, W } = await loadFixture(fixture);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolHealthFactorNotBelowThreshold")
      .withArgs((20_000n * 8500n * WAD) / 10_000n / 16_000n);
  });

  it("liquidationCall: close factor 50% above HF 0.95; bonus and protocol fee to the wei", async () => {
    const { hubAddress, pool, wethFeed, weth, usdc, liquidator, bob, treasuryAddress, U, W } =
      await loadFixture(fixture);
    const price = 1850n * USD;
    await wethFeed.setAnswer(price); // HF = 18500 * 0.85 / 16000 = 0.98
    const hf = (await pool.getUserAccountData(bob.address)).healthFactor;
    expect(hf).to.be.lessThan(WAD);
    expect(hf).to.be.greaterThan((95n * WAD) / 100n);
    const debt = parseUnits("8000", 6);
    const { col, fee } = seized(debt, price);
    const tx = pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false);
    await expect(tx)
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, bob.address, debt, col - fee, liquidator.address, false);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [liquidator, hubAddress], [-debt, debt]);
    await expect(tx).to.changeTokenBalances(ethers, weth, [liquidator, hubAddress], [col - fee, -(col - fee)]);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(parseUnits("8000", 6));
    expect(await pool.supplyBalanceOf(W, bob.address)).to.equal(parseUnits("10", 18) - col);
    // WETH has no borrows: index 1, so the fee is credited exactly.
    expect((await pool.getKeelReserveData(W)).liquidityIndex).to.equal(RAY);
    expect(await pool.supplyBalanceOf(W, treasuryAddress)).to.equal(fee);
    expect(fee).to.be.greaterThan(0n);
  });

  it("liquidationCall: a smaller debtToCover is honoured as given", async () => {
    const { pool, wethFeed, liquidator, bob, U, W } = await loadFixture(fixture);
    await wethFeed.setAnswer(1850n * USD);
    const debt = parseUnits("3000", 6);
    const { col, fee } = seized(debt, 1850n * USD);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, debt, false))
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, bob.address, debt, col - fee, liquidator.address, false);
  });

  it("liquidationCall: close factor 100% below HF 0.95", async () => {
    const { pool, wethFeed, liquidator, bob, treasuryAddress, U, W } = await loadFixture(fixture);
    const price = 1700n * USD; // HF 0.903
    await wethFeed.setAnswer(price);
    const debt = parseUnits("16000", 6);
    const { col, fee } = seized(debt, price);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, bob.address, debt, col - fee, liquidator.address, false);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
    expect((await pool.getKeelUserConfiguration(bob.address)) & 2n).to.equal(0n);
    expect(await pool.supplyBalanceOf(W, bob.address)).to.equal(parseUnits("10", 18) - col);
    expect(await pool.supplyBalanceOf(W, treasuryAddress)).to.equal(fee);
  });

  it("liquidationCall: close factor 100% for a small position (debt below 2000 USD)", async () => {
    const { pool, wethFeed, liquidator, carol, U, W } = await loadFixture(fixture);
    const price = 1850n * USD; // carol HF 0.98 but 1600 USD of debt
    await wethFeed.setAnswer(price);
    const debt = parseUnits("1600", 6);
    const { col, fee } = seized(debt, price);
    await expect(pool.connect(liquidator).liquidationCall(W, U, carol.address, MaxUint256, false))
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, carol.address, debt, col - fee, liquidator.address, false);
    expect(await pool.debtBalanceOf(U, carol.address)).to.equal(0n);
  });

  it("liquidationCall: refused when it would leave dust debt (PoolMustNotLeaveDust)", async () => {
    const { pool, wethFeed, liquidator, bob, U, W } = await loadFixture(fixture);
    await wethFeed.setAnswer(1700n * USD);
    // 15500 of 16000 leaves 500 USD of debt, below the 1000 USD minimum.
    await expect(
      pool.connect(liquidator).liquidationCall(W, U, bob.address, parseUnits("15500", 6), false),
    ).to.be.revertedWithCustomError(pool, "PoolMustNotLeaveDust");
    await pool.connect(liquidator).liquidationCall(W, U, bob.address, parseUnits("15000", 6), false);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(parseUnits("1000", 6));
  });

  it("liquidationCall: receiveAToken = true credits the liquidator's supply position and keeps the cash", async () => {
    const { hubAddress, pool, wethFeed, weth, kWeth, liquidator, bob, treasuryAddress, U, W } =
      await loadFixture(fixture);
    const price = 1850n * USD;
    await wethFeed.setAnswer(price);
    const { col, fee } = seized(parseUnits("8000", 6), price);
    const cashBefore = (await pool.getKeelReserveData(W)).cash;
    const tx = pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, true);
    await expect(tx)
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, bob.address, parseUnits("8000", 6), col - fee, liquidator.address, true);
    await expect(tx)
      .to.emit(kWeth, "Transfer")
      .withArgs(bob.address, liquidator.address, col - fee);
    await expect(tx).to.emit(kWeth, "Transfer").withArgs(bob.address, treasuryAddress, fee);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralEnabled").withArgs(W, liquidator.address);
    await expect(tx).to.changeTokenBalances(ethers, weth, [liquidator, hubAddress], [0n, 0n]);
    expect((await pool.getKeelReserveData(W)).cash).to.equal(cashBefore);
    expect(await pool.supplyBalanceOf(W, liquidator.address)).to.equal(col - fee);
  });

  it("liquidationCall: the whole collateral gone writes the rest off as bad debt, socialised (liquidity index drops)", async () => {
    const { pool, wethFeed, liquidator, carol, treasuryAddress, U, W } = await loadFixture(fixture);
    const price = 1000n * USD; // 1 WETH = 1000 USD against 1600 USDC of debt
    await wethFeed.setAnswer(price);
    const col = WETH_UNIT;
    const repaid = mulDivUp(mulDivUp(col, price * USDC_UNIT, USD * WETH_UNIT), 10_000n, BONUS);
    const fee = bpsMulDown(col - mulDivUp(col, 10_000n, BONUS), FEE);
    const bad = parseUnits("1600", 6) - repaid;
    const before = await pool.getKeelReserveData(U);
    const tx = pool.connect(liquidator).liquidationCall(W, U, carol.address, MaxUint256, false);
    await expect(tx)
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, carol.address, repaid, col - fee, liquidator.address, false);
    await expect(tx).to.emit(pool, "BadDebtWrittenOff").withArgs(U, carol.address, 0n, bad);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralDisabled").withArgs(W, carol.address);
    const after = await pool.getKeelReserveData(U);
    const assets = rayMulDown(before.totalSupplyScaled, before.liquidityIndex);
    expect(after.liquidityIndex).to.equal(rayDivDown(assets - bad, before.totalSupplyScaled));
    expect(after.liquidityIndex).to.be.lessThan(before.liquidityIndex);
    expect(await pool.getKeelUserConfiguration(carol.address)).to.equal(0n);
    expect(await pool.debtBalanceOf(U, carol.address)).to.equal(0n);
    expect(await pool.supplyBalanceOf(W, treasuryAddress)).to.equal(fee);
    // Reserve still solvent: cash + debt covers every claim.
    const [supplied, borrowed] = await pool.getReserveTotals(U);
    expect(after.cash + borrowed >= supplied).to.equal(true);
  });

  it("liquidationCall: bad debt is covered by the treasury's supply first", async () => {
    const { pool, wethFeed, liquidator, carol, treasuryAddress, U, W } = await loadFixture(fixture);
    // Someone funds the treasury's supply (the insurance fund) on its behalf.
    await pool.connect(liquidator).supply(U, parseUnits("500", 6), treasuryAddress, 0);
    const price = 1000n * USD;
    await wethFeed.setAnswer(price);
    const repaid = mulDivUp(mulDivUp(WETH_UNIT, price * USDC_UNIT, USD * WETH_UNIT), 10_000n, BONUS);
    const bad = parseUnits("1600", 6) - repaid;
    const indexBefore = (await pool.getKeelReserveData(U)).liquidityIndex;
    const tx = pool.connect(liquidator).liquidationCall(W, U, carol.address, MaxUint256, false);
    await expect(tx)
      .to.emit(pool, "BadDebtWrittenOff")
      .withArgs(U, carol.address, parseUnits("500", 6), bad - parseUnits("500", 6));
    expect(await pool.supplyBalanceOf(U, treasuryAddress)).to.equal(0n);
    expect((await pool.getKeelReserveData(U)).liquidityIndex).to.be.lessThan(indexBefore);
  });

  it("liquidationCall: bad debt fully covered by the treasury leaves the liquidity index unchanged", async () => {
    const { pool, wethFeed, liquidator, carol, treasuryAddress, U, W } = await loadFixture(fixture);
    // Someone funds the treasury's supply (the insurance fund) on its behalf.
    await pool.connect(liquidator).supply(U, parseUnits("5000", 6), treasuryAddress, 0);
    const price = 1000n * USD;
    await wethFeed.setAnswer(price);
    const repaid = mulDivUp(mulDivUp(WETH_UNIT, price * USDC_UNIT, USD * WETH_UNIT), 10_000n, BONUS);
    const bad = parseUnits("1600", 6) - repaid;
    const indexBefore = (await pool.getKeelReserveData(U)).liquidityIndex;
    await expect(pool.connect(liquidator).liquidationCall(W, U, carol.address, MaxUint256, false))
      .to.emit(pool, "BadDebtWrittenOff")
      .withArgs(U, carol.address, bad, 0n);
    expect(await pool.supplyBalanceOf(U, treasuryAddress)).to.equal(parseUnits("5000", 6) - bad);
    expect((await pool.getKeelReserveData(U)).liquidityIndex).to.equal(indexBefore);
  });

  it("liquidationCall: refused during the grace period after the pool is unpaused, allowed after", async () => {
    const { pool, wethFeed, guardian, deployer, liquidator, bob, U, W } = await loadFixture(fixture);
    await expect(pool.connect(guardian).pause()).to.emit(pool, "PauseSet");
    await wethFeed.setAnswer(1850n * USD);
    await expect(
      pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false),
    ).to.be.revertedWithCustomError(pool, "PoolIsPaused");
    const tx = await pool.connect(deployer).unpause(3600);
    const until = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp) + 3600n;
    await expect(tx)
      .to.emit(pool, "PauseSet")
      .withArgs(ethers.ZeroAddress, until - 3600n, until);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolLiquidationGracePeriod")
      .withArgs(until);
    await time.increaseTo(until);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false)).to.emit(
      pool,
      "LiquidationCall",
    );
  });

  it("liquidationCall: after a guardian pause expires by itself, refused until pausedUntil + 6 h (borrowers' grace), allowed after", async () => {
    const { pool, wethFeed, usdcFeed, guardian, liquidator, bob, U, W } = await loadFixture(fixture);
    const tx = await pool.connect(guardian).pause();
    const start = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
    const until = start + 7n * 86_400n;
    const grace = until + 6n * 3600n;
    await expect(tx).to.emit(pool, "PauseSet").withArgs(ethers.ZeroAddress, until, grace);
    await time.increaseTo(until);
    await wethFeed.setAnswer(1850n * USD);
    await usdcFeed.setAnswer(USD);
    expect(await pool.paused()).to.equal(false);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolLiquidationGracePeriod")
      .withArgs(grace);
    await time.increaseTo(grace);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false)).to.emit(
      pool,
      "LiquidationCall",
    );
  });

  it("liquidationCall: a reserve's own grace period after unpauseReserve applies too", async () => {
    const { pool, wethFeed, guardian, deployer, liquidator, bob, U, W } = await loadFixture(fixture);
    await pool.connect(guardian).pauseReserve(W);
    await wethFeed.setAnswer(1850n * USD);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolReservePaused")
      .withArgs(W);
    const tx = await pool.connect(deployer).unpauseReserve(W, 600);
    const until = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp) + 600n;
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolLiquidationGracePeriod")
      .withArgs(until);
    await time.increaseTo(until);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false)).to.emit(
      pool,
      "LiquidationCall",
    );
  });

  it("liquidationCall: refused on a collateral the user did not enable (PoolCollateralNotEnabled)", async () => {
    const { pool, wethFeed, liquidator, bob, U, B } = await loadFixture(fixture);
    await wethFeed.setAnswer(1700n * USD);
    await expect(pool.connect(liquidator).liquidationCall(B, U, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolCollateralNotEnabled")
      .withArgs(B, bob.address);
  });

  it("liquidationCall: refused on a debt asset the user does not owe (PoolNoDebt)", async () => {
    const { pool, wethFeed, liquidator, bob, W, B } = await loadFixture(fixture);
    await wethFeed.setAnswer(1700n * USD);
    await expect(pool.connect(liquidator).liquidationCall(W, B, bob.address, MaxUint256, false))
      .to.be.revertedWithCustomError(pool, "PoolNoDebt")
      .withArgs(B, bob.address);
  });
});
