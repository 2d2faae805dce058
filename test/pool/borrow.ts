import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags, RATE_10_PCT, SECONDS_PER_YEAR, WAD } from "../helpers/pool-fixture.js";
import { rayDivUp, rayMulUp } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** alice lends 100k USDC and 10 WETH; bob holds 1 WETH (2000 USD) as collateral. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(f.W, parseUnits("10", 18), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("1", 18), f.bob.address, 0);
  return f;
}

describe("Pool: borrow", () => {
  it("borrow: sends the tokens, records scaled debt rounded up and emits Borrow with the annual rate (Aave's unit)", async () => {
    const { hubAddress, pool, usdc, bob, U } = await loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    const tx = pool.connect(bob).borrow(U, amount, 2, 9, bob.address);
    await expect(tx)
      .to.emit(pool, "Borrow")
      .withArgs(U, bob.address, bob.address, amount, 2, RATE_10_PCT * SECONDS_PER_YEAR, 9);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [bob, hubAddress], [amount, -amount]);
    const r = await pool.getKeelReserveData(U);
    expect((await pool.getUserPosition(U, bob.address)).scaledDebt).to.equal(rayDivUp(amount, r.borrowIndex));
    expect(r.borrowRate).to.equal(RATE_10_PCT);
    expect((await pool.getKeelUserConfiguration(bob.address)) & (1n << 1n)).to.equal(2n); // USDC id 0, borrowing bit
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(amount);
  });

  it("borrow: debt grows with the borrow index over time", async () => {
    const { pool, bob, U } = await loadFixture(fixture);
    await pool.connect(bob).borrow(U, parseUnits("1000", 6), 2, 0, bob.address);
    await time.increase(365 * 86400);
    const scaled = (await pool.getUserPosition(U, bob.address)).scaledDebt;
    const bi = await pool.getReserveNormalizedVariableDebt(U);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(rayMulUp(scaled, bi));
    // ~10.5% a year compounded per second.
    const debt = await pool.debtBalanceOf(U, bob.address);
    expect(debt).to.be.greaterThan(parseUnits("1105", 6));
    expect(debt).to.be.lessThan(parseUnits("1106", 6));
  });

  it("borrow: exactly the LTV is allowed, one unit more is refused (PoolInsufficientCollateral)", async () => {
    const { pool, setFlatRate, bob, U } = await loadFixture(fixture);
    await setFlatRate(0);
    await pool.connect(bob).borrow(U, parseUnits("1599", 6), 2, 0, bob.address); // sets the stored rate to 0
    await expect(pool.connect(bob).borrow(U, parseUnits("1", 6) + 1n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCollateral")
      .withArgs(1600n * 10n ** 8n, 1600n * 10n ** 8n + 100n);
    await pool.connect(bob).borrow(U, parseUnits("1", 6), 2, 0, bob.address);
    const d = await pool.getUserAccountData(bob.address);
    expect(d.totalDebtBase).to.equal(1600n * 10n ** 8n);
    expect(d.availableBorrowsBase).to.equal(0n);
    expect(d.healthFactor).to.equal((1700n * WAD) / 1600n);
  });

  it("borrow: without collateral is refused (PoolInsufficientCollateral)", async () => {
    const { pool, carol, U } = await loadFixture(fixture);
    await expect(pool.connect(carol).borrow(U, 1n, 2, 0, carol.address))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCollateral")
      .withArgs(0n, 100n);
  });

  it("borrow: on behalf of a delegator spends the credit delegation", async () => {
    const { pool, usdc, bob, carol, U } = await loadFixture(fixture);
    await expect(pool.connect(bob).approveDelegation(U, carol.address, parseUnits("500", 6)))
      .to.emit(pool, "BorrowAllowanceDelegated")
      .withArgs(bob.address, carol.address, U, parseUnits("500", 6));
    const tx = pool.connect(carol).borrow(U, parseUnits("200", 6), 2, 0, bob.address);
    await expect(tx)
      .to.emit(pool, "Borrow")
      .withArgs(U, carol.address, bob.address, parseUnits("200", 6), 2, RATE_10_PCT * SECONDS_PER_YEAR, 0);
    await expect(tx)
      .to.emit(pool, "BorrowAllowanceDelegated")
      .withArgs(bob.address, carol.address, U, parseUnits("300", 6));
    await expect(tx).to.changeTokenBalances(ethers, usdc, [carol, bob], [parseUnits("200", 6), 0n]);
    expect(await pool.borrowAllowance(bob.address, U, carol.address)).to.equal(parseUnits("300", 6));
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(parseUnits("200", 6));
    expect(await pool.debtBalanceOf(U, carol.address)).to.equal(0n);
  });

  it("borrow: on behalf without enough delegation is refused (PoolInsufficientCreditDelegation)", async () => {
    const { pool, bob, carol, U } = await loadFixture(fixture);
    await expect(pool.connect(carol).borrow(U, 1n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCreditDelegation")
      .withArgs(0n, 1n);
    await pool.connect(bob).approveDelegation(U, carol.address, 10n);
    await expect(pool.connect(carol).borrow(U, 11n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCreditDelegation")
      .withArgs(10n, 11n);
  });

  it("borrow: a max delegation is spent like any other (Aave's debt tokens decrement it too)", async () => {
    const { pool, bob, carol, U } = await loadFixture(fixture);
    await pool.connect(bob).approveDelegation(U, carol.address, MaxUint256);
    await expect(pool.connect(carol).borrow(U, 100n, 2, 0, bob.address))
      .to.emit(pool, "BorrowAllowanceDelegated")
      .withArgs(bob.address, carol.address, U, MaxUint256 - 100n);
    expect(await pool.borrowAllowance(bob.address, U, carol.address)).to.equal(MaxUint256 - 100n);
  });

  it("borrow: refused when borrowing is disabled on the reserve (PoolBorrowingDisabled)", async () => {
    const { pool, risk, bob, U } = await loadFixture(fixture);
    await pool.connect(risk).setReserveConfig(U, reserveConfig({ flags: Flags.COLLATERAL }));
    await expect(pool.connect(bob).borrow(U, 1n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolBorrowingDisabled")
      .withArgs(U);
  });

  it("borrow: refused above the borrow cap (PoolBorrowCapExceeded)", async () => {
    const { pool, risk, bob, U } = await loadFixture(fixture);
    await pool.connect(risk).setReserveConfig(U, reserveConfig({ borrowCap: 100n }));
    await pool.connect(bob).borrow(U, parseUnits("100", 6), 2, 0, bob.address);
    await expect(pool.connect(bob).borrow(U, 1n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolBorrowCapExceeded")
      .withArgs(U, 100n);
  });

  it("borrow: several assets add up in the account data", async () => {
    const { pool, setFlatRate, bob, U, W } = await loadFixture(fixture);
    await setFlatRate(0);
    await pool.connect(bob).borrow(U, parseUnits("500", 6), 2, 0, bob.address);
    await pool.connect(bob).borrow(W, parseUnits("0.25", 18), 2, 0, bob.address);
    const d = await pool.getUserAccountData(bob.address);
    expect(d.totalCollateralBase).to.equal(2000n * 10n ** 8n);
    expect(d.totalDebtBase).to.equal(1000n * 10n ** 8n);
    expect(d.availableBorrowsBase).to.equal(600n * 10n ** 8n);
    expect(d.currentLiquidationThreshold).to.equal(8500n);
    expect(d.ltv).to.equal(8000n);
    expect(d.healthFactor).to.equal((1700n * WAD) / 1000n);
  });
});
