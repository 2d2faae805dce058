import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags } from "../helpers/pool-fixture.js";
import { rayDivDown, rayMulUp } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** bob borrowed 1000 USDC against 1 WETH, then 30 days passed. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("1", 18), f.bob.address, 0);
  await f.pool.connect(f.bob).borrow(f.U, parseUnits("1000", 6), 2, 0, f.bob.address);
  await time.increase(30 * 86400);
  await f.refreshFeeds(); // 30 days is past the feeds' heartbeat: fresh rounds at the same prices
  return f;
}

describe("Pool: repay", () => {
  it("repay: a partial repayment burns scaled debt rounded down and emits Repay", async () => {
    const { hubAddress, pool, usdc, bob, U } = await loadFixture(fixture);
    const scaledBefore = (await pool.getUserPosition(U, bob.address)).scaledDebt;
    const amount = parseUnits("123.456789", 6);
    const tx = pool.connect(bob).repay(U, amount, 2, bob.address);
    await expect(tx).to.emit(pool, "Repay").withArgs(U, bob.address, bob.address, amount, false);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [bob, hubAddress], [-amount, amount]);
    const bi = (await pool.getKeelReserveData(U)).borrowIndex;
    expect((await pool.getUserPosition(U, bob.address)).scaledDebt).to.equal(scaledBefore - rayDivDown(amount, bi));
  });

  it("repay: max repays the whole debt with interest and clears the borrowing bit", async () => {
    const { pool, usdc, bob, U } = await loadFixture(fixture);
    const scaled = (await pool.getUserPosition(U, bob.address)).scaledDebt;
    const before = await usdc.balanceOf(bob.address);
    await pool.connect(bob).repay(U, MaxUint256, 2, bob.address);
    const bi = (await pool.getKeelReserveData(U)).borrowIndex;
    const paid = before - (await usdc.balanceOf(bob.address));
    expect(paid).to.equal(rayMulUp(scaled, bi));
    expect(paid).to.be.greaterThan(parseUnits("1000", 6));
    expect((await pool.getUserPosition(U, bob.address)).scaledDebt).to.equal(0n);
    expect((await pool.getKeelUserConfiguration(bob.address)) & 2n).to.equal(0n);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
  });

  it("repay: returns the amount repaid, capped at the debt", async () => {
    const { pool, bob, U } = await loadFixture(fixture);
    const paid = await pool.connect(bob).repay.staticCall(U, parseUnits("5000", 6), 2, bob.address);
    await pool.connect(bob).repay(U, parseUnits("5000", 6), 2, bob.address);
    const bi = (await pool.getKeelReserveData(U)).borrowIndex;
    expect(paid).to.be.greaterThan(parseUnits("1000", 6));
    expect(paid).to.be.lessThan(parseUnits("1010", 6));
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
    expect(bi).to.be.greaterThan(0n);
  });

  it("repay: a third party may repay an explicit amount on behalf of the borrower", async () => {
    const { pool, usdc, bob, carol, U } = await loadFixture(fixture);
    const tx = pool.connect(carol).repay(U, parseUnits("100", 6), 2, bob.address);
    await expect(tx).to.emit(pool, "Repay").withArgs(U, bob.address, carol.address, parseUnits("100", 6), false);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [carol, bob], [-parseUnits("100", 6), 0n]);
  });

  it("repay: max on behalf of someone else is refused (PoolNoExplicitAmountToRepayOnBehalf)", async () => {
    const { pool, bob, carol, U } = await loadFixture(fixture);
    await expect(pool.connect(carol).repay(U, MaxUint256, 2, bob.address)).to.be.revertedWithCustomError(
      pool,
      "PoolNoExplicitAmountToRepayOnBehalf",
    );
  });

  it("repay: without debt is refused (PoolNoDebt)", async () => {
    const { pool, carol, U, W } = await loadFixture(fixture);
    await expect(pool.connect(carol).repay(U, 1n, 2, carol.address))
      .to.be.revertedWithCustomError(pool, "PoolNoDebt")
      .withArgs(U, carol.address);
    await expect(pool.connect(carol).repay(W, MaxUint256, 2, carol.address))
      .to.be.revertedWithCustomError(pool, "PoolNoDebt")
      .withArgs(W, carol.address);
  });

  it("repay: still allowed on a frozen reserve", async () => {
    const { pool, risk, bob, U } = await loadFixture(fixture);
    await pool
      .connect(risk)
      .setReserveConfig(U, reserveConfig({ flags: Flags.BORROWING | Flags.COLLATERAL | Flags.FROZEN }));
    await expect(pool.connect(bob).repay(U, MaxUint256, 2, bob.address)).to.emit(pool, "Repay");
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
  });

  it("repay: restores borrowing power", async () => {
    const { pool, bob, U } = await loadFixture(fixture);
    const before = (await pool.getUserAccountData(bob.address)).availableBorrowsBase;
    await pool.connect(bob).repay(U, parseUnits("500", 6), 2, bob.address);
    const after = (await pool.getUserAccountData(bob.address)).availableBorrowsBase;
    expect(after - before).to.be.within(500n * 10n ** 8n - 10_000n, 500n * 10n ** 8n + 10_000n);
  });
});
