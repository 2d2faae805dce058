import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, SEED, WAD } from "../helpers/pool-fixture.js";
import { rayDivUp, rayMulDown } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployTestSystem(connection);

describe("Pool: withdraw", () => {
  it("withdraw: sends the tokens, burns the supply and emits Withdraw and Transfer", async () => {
    const { hubAddress, pool, usdc, kUsdc, alice, U } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("1000", 6), alice.address, 0);
    const amount = parseUnits("400", 6);
    expect(await pool.connect(alice).withdraw.staticCall(U, amount, alice.address)).to.equal(amount);
    const tx = pool.connect(alice).withdraw(U, amount, alice.address);
    await expect(tx).to.emit(pool, "Withdraw").withArgs(U, alice.address, alice.address, amount);
    await expect(tx).to.emit(kUsdc, "Transfer").withArgs(alice.address, ethers.ZeroAddress, amount);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, hubAddress], [amount, -amount]);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(parseUnits("600", 6));
    expect((await pool.getKeelReserveData(U)).cash).to.equal(parseUnits("600", 6) + SEED);
  });

  it("withdraw: to another address sends the tokens there", async () => {
    const { pool, usdc, alice, bob, U } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, 1000n, alice.address, 0);
    const tx = pool.connect(alice).withdraw(U, 300n, bob.address);
    await expect(tx).to.emit(pool, "Withdraw").withArgs(U, alice.address, bob.address, 300n);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, bob], [0n, 300n]);
  });

  it("withdraw: max takes everything with interest, clears the position and the collateral bit", async () => {
    const { pool, usdc, alice, bob, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("2000", 6), 2, 0, bob.address);
    await time.increase(90 * 86400);
    await pool.connect(bob).repay(U, MaxUint256, 2, bob.address);
    const before = await usdc.balanceOf(alice.address);
    const tx = pool.connect(alice).withdraw(U, MaxUint256, alice.address);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralDisabled").withArgs(U, alice.address);
    const got = (await usdc.balanceOf(alice.address)) - before;
    expect(got).to.be.greaterThan(parseUnits("10000", 6));
    expect((await pool.getUserPosition(U, alice.address)).scaledSupply).to.equal(0n);
    expect(await pool.getKeelUserConfiguration(alice.address)).to.equal(0n);
  });

  it("withdraw: a partial withdrawal burns scaled supply rounded up", async () => {
    const { pool, alice, bob, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("5000", 6), 2, 0, bob.address);
    await time.increase(200 * 86400);
    const scaledBefore = (await pool.getUserPosition(U, alice.address)).scaledSupply;
    const amount = parseUnits("1234.567891", 6);
    await pool.connect(alice).withdraw(U, amount, alice.address);
    const li = (await pool.getKeelReserveData(U)).liquidityIndex;
    expect((await pool.getUserPosition(U, alice.address)).scaledSupply).to.equal(scaledBefore - rayDivUp(amount, li));
  });

  it("withdraw: refused when the hub lacks cash (HubInsufficientLiquidity)", async () => {
    const { pool, hub, setFlatRate, alice, bob, U, W } = await loadFixture(fixture);
    await setFlatRate(0);
    await pool.connect(alice).supply(U, parseUnits("1000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("900", 6), 2, 0, bob.address);
    const cash = parseUnits("100", 6) + SEED;
    await expect(pool.connect(alice).withdraw(U, parseUnits("1000", 6), alice.address))
      .to.be.revertedWithCustomError(hub, "HubInsufficientLiquidity")
      .withArgs(cash, parseUnits("1000", 6));
    await pool.connect(alice).withdraw(U, cash, alice.address);
    expect((await pool.getKeelReserveData(U)).cash).to.equal(0n);
  });

  it("withdraw: refused when it would drop the health factor below 1 (PoolHealthFactorTooLow)", async () => {
    const { pool, setFlatRate, bob, alice, U, W } = await loadFixture(fixture);
    await setFlatRate(0);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("1000", 6), 2, 0, bob.address);
    // After withdrawing 0.45 WETH: 0.55 * 2000 * 0.85 = 935 < 1000 debt.
    const hf = (935n * 10n ** 8n * WAD) / (1000n * 10n ** 8n);
    await expect(pool.connect(bob).withdraw(W, parseUnits("0.45", 18), bob.address))
      .to.be.revertedWithCustomError(pool, "PoolHealthFactorTooLow")
      .withArgs(hf);
    // 0.4 WETH leaves exactly 0.6 * 2000 * 0.85 = 1020 >= 1000.
    await pool.connect(bob).withdraw(W, parseUnits("0.4", 18), bob.address);
    expect((await pool.getUserAccountData(bob.address))[5]).to.equal((1020n * WAD) / 1000n);
  });

  it("withdraw: a supply that is not collateral can be withdrawn whatever the debt", async () => {
    const { pool, setFlatRate, bob, alice, U, W } = await loadFixture(fixture);
    await setFlatRate(0);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
    await pool.connect(bob).supply(U, parseUnits("500", 6), bob.address, 0);
    await pool.connect(bob).setUserUseReserveAsCollateral(U, false);
    await pool.connect(bob).borrow(U, parseUnits("1600", 6), 2, 0, bob.address);
    await expect(pool.connect(bob).withdraw(U, MaxUint256, bob.address))
      .to.emit(pool, "Withdraw")
      .withArgs(U, bob.address, bob.address, parseUnits("500", 6));
  });

  it("withdraw: the seed stays in the reserve after everyone leaves", async () => {
    const { pool, alice, U, kUsdc } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, 12345n, alice.address, 0);
    await pool.connect(alice).withdraw(U, MaxUint256, alice.address);
    const r = await pool.getKeelReserveData(U);
    expect(r.cash).to.equal(SEED);
    expect(r.totalSupplyScaled).to.equal(SEED);
    expect(await kUsdc.totalSupply()).to.equal(rayMulDown(SEED, r.liquidityIndex));
  });
});
