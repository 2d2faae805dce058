import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags, RAY, SEED, DEAD } from "../helpers/pool-fixture.js";
import { rayDivDown, rayMulDown } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployTestSystem(connection);

describe("Pool: supply", () => {
  it("supply: credits the position at index 1, pulls the tokens and emits Supply, Transfer and collateral events", async () => {
    const { hubAddress, pool, usdc, kUsdc, alice, U } = await loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    const tx = pool.connect(alice).supply(U, amount, alice.address, 7);
    await expect(tx).to.emit(pool, "Supply").withArgs(U, alice.address, alice.address, amount, 7);
    await expect(tx).to.emit(kUsdc, "Transfer").withArgs(ethers.ZeroAddress, alice.address, amount);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralEnabled").withArgs(U, alice.address);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, hubAddress], [-amount, amount]);
    expect((await pool.getUserPosition(U, alice.address)).scaledSupply).to.equal(amount);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(amount);
    expect(await kUsdc.balanceOf(alice.address)).to.equal(amount);
    const r = await pool.getKeelReserveData(U);
    expect(r.cash).to.equal(amount + SEED);
    expect(r.totalSupplyScaled).to.equal(amount + SEED);
    expect(await kUsdc.totalSupply()).to.equal(amount + SEED);
    expect((await pool.getKeelUserConfiguration(alice.address)) & 1n).to.equal(1n);
  });

  it("supply: the listing seed is DEAD's supply", async () => {
    const { pool, U, W, B } = await loadFixture(fixture);
    for (const a of [U, W, B]) expect(await pool.supplyBalanceOf(a, DEAD)).to.equal(SEED);
  });

  it("supply: on behalf of another account credits it and pulls from the caller", async () => {
    const { pool, usdc, alice, bob, U } = await loadFixture(fixture);
    const amount = parseUnits("50", 6);
    const tx = pool.connect(alice).supply(U, amount, bob.address, 0);
    await expect(tx).to.emit(pool, "Supply").withArgs(U, alice.address, bob.address, amount, 0);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralEnabled").withArgs(U, bob.address);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, bob], [-amount, 0n]);
    expect(await pool.supplyBalanceOf(U, bob.address)).to.equal(amount);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(0n);
  });

  it("supply: a second supply does not enable collateral again", async () => {
    const { pool, alice, U } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, 1000n, alice.address, 0);
    await expect(pool.connect(alice).supply(U, 1000n, alice.address, 0)).not.to.emit(
      pool,
      "ReserveUsedAsCollateralEnabled",
    );
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(2000n);
  });

  it("supply: a reserve that is not collateral is not enabled as collateral", async () => {
    const { pool, risk, alice, W } = await loadFixture(fixture);
    await pool.connect(risk).setReserveConfig(W, reserveConfig({ flags: Flags.BORROWING }));
    await expect(pool.connect(alice).supply(W, 10n ** 18n, alice.address, 0)).not.to.emit(
      pool,
      "ReserveUsedAsCollateralEnabled",
    );
    expect(await pool.getKeelUserConfiguration(alice.address)).to.equal(0n);
  });

  it("supply: after interest accrued, credits scaled supply rounded down at the new index", async () => {
    const { pool, alice, bob, carol, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("5000", 6), 2, 0, bob.address);
    await time.increase(365 * 86400);
    const amount = parseUnits("333.333333", 6);
    await pool.connect(carol).supply(U, amount, carol.address, 0);
    const li = (await pool.getKeelReserveData(U)).liquidityIndex;
    expect(li).to.be.greaterThan(RAY);
    const scaled = rayDivDown(amount, li);
    expect((await pool.getUserPosition(U, carol.address)).scaledSupply).to.equal(scaled);
    // Rounded down: never credited more than brought, and at most one unit less.
    const bal = await pool.supplyBalanceOf(U, carol.address);
    expect(bal).to.equal(rayMulDown(scaled, li));
    expect(bal <= amount && amount - bal <= 1n).to.equal(true);
  });

  it("supply: up to the supply cap exactly is allowed, one unit more is refused", async () => {
    const { pool, risk, alice, U } = await loadFixture(fixture);
    await pool.connect(risk).setReserveConfig(U, reserveConfig({ supplyCap: 1000n }));
    const room = parseUnits("1000", 6) - SEED;
    await expect(pool.connect(alice).supply(U, room + 1n, alice.address, 0))
      .to.be.revertedWithCustomError(pool, "PoolSupplyCapExceeded")
      .withArgs(U, 1000n);
    await pool.connect(alice).supply(U, room, alice.address, 0);
    expect((await pool.getReserveTotals(U))[0]).to.equal(parseUnits("1000", 6));
  });

  it("supply: works for 8- and 18-decimal assets", async () => {
    const { pool, alice, B, W, kWbtc, kWeth } = await loadFixture(fixture);
    await pool.connect(alice).supply(B, parseUnits("1.5", 8), alice.address, 0);
    await pool.connect(alice).supply(W, parseUnits("2.25", 18), alice.address, 0);
    expect(await kWbtc.balanceOf(alice.address)).to.equal(parseUnits("1.5", 8));
    expect(await kWeth.balanceOf(alice.address)).to.equal(parseUnits("2.25", 18));
    expect(await kWbtc.decimals()).to.equal(8n);
    const [col] = await pool.getUserAccountData(alice.address);
    expect(col).to.equal(90_000n * 10n ** 8n + 4_500n * 10n ** 8n);
  });
});
