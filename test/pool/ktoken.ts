import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, WAD } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** Rate 0: alice supplies 1000 USDC; bob borrows 1000 USDC on 1 WETH. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.setFlatRate(0);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("1000", 6), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("1", 18), f.bob.address, 0);
  await f.pool.connect(f.bob).borrow(f.U, parseUnits("1000", 6), 2, 0, f.bob.address);
  return f;
}

describe("KToken", () => {
  it("metadata: name, symbol, decimals, pool and underlying", async () => {
    const { kUsdc, kWeth, poolAddress, U } = await loadFixture(fixture);
    expect(await kUsdc.name()).to.equal("Keel USD Coin");
    expect(await kUsdc.symbol()).to.equal("kUSDC");
    expect(await kUsdc.decimals()).to.equal(6n);
    expect(await kWeth.decimals()).to.equal(18n);
    expect(await kUsdc.POOL()).to.equal(poolAddress);
    expect(await kUsdc.UNDERLYING_ASSET_ADDRESS()).to.equal(U);
  });

  it("transfer: moves the supply, emits Transfer and SupplyTransferred, enables the receiver's collateral", async () => {
    const { pool, kUsdc, alice, carol, U } = await loadFixture(fixture);
    const tx = kUsdc.connect(alice).transfer(carol.address, 400n);
    await expect(tx).to.emit(kUsdc, "Transfer").withArgs(alice.address, carol.address, 400n);
    await expect(tx).to.emit(pool, "SupplyTransferred").withArgs(U, alice.address, carol.address, 400n);
    await expect(tx).to.emit(pool, "ReserveUsedAsCollateralEnabled").withArgs(U, carol.address);
    expect(await kUsdc.balanceOf(alice.address)).to.equal(parseUnits("1000", 6) - 400n);
    expect(await kUsdc.balanceOf(carol.address)).to.equal(400n);
    expect(await kUsdc.scaledBalanceOf(carol.address)).to.equal(400n);
  });

  it("transfer: the whole balance disables the sender's collateral", async () => {
    const { pool, kUsdc, alice, carol, U } = await loadFixture(fixture);
    await expect(kUsdc.connect(alice).transfer(carol.address, parseUnits("1000", 6)))
      .to.emit(pool, "ReserveUsedAsCollateralDisabled")
      .withArgs(U, alice.address);
    expect(await pool.getKeelUserConfiguration(alice.address)).to.equal(0n);
  });

  it("transfer: refused when it would leave the sender unhealthy (PoolHealthFactorTooLow)", async () => {
    const { pool, kWeth, bob, carol } = await loadFixture(fixture);
    // 0.5 WETH left: 1000 * 0.85 = 850 against 1000 of debt.
    await expect(kWeth.connect(bob).transfer(carol.address, parseUnits("0.5", 18)))
      .to.be.revertedWithCustomError(pool, "PoolHealthFactorTooLow")
      .withArgs((850n * WAD) / 1000n);
    await kWeth.connect(bob).transfer(carol.address, parseUnits("0.4", 18));
    expect(await kWeth.balanceOf(carol.address)).to.equal(parseUnits("0.4", 18));
  });

  it("transfer: more than the balance is refused (PoolInsufficientBalance)", async () => {
    const { pool, kUsdc, alice, carol } = await loadFixture(fixture);
    const bal = await kUsdc.balanceOf(alice.address);
    await expect(kUsdc.connect(alice).transfer(carol.address, bal + 1n))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientBalance")
      .withArgs(bal, bal + 1n);
  });

  it("transfer: to the zero address is refused (PoolZeroAddress)", async () => {
    const { pool, kUsdc, alice } = await loadFixture(fixture);
    await expect(kUsdc.connect(alice).transfer(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
      pool,
      "PoolZeroAddress",
    );
  });

  it("approve/transferFrom: spends the allowance; too little is refused (KTokenInsufficientAllowance)", async () => {
    const { kUsdc, alice, carol, dave } = await loadFixture(fixture);
    await expect(kUsdc.connect(alice).approve(carol.address, 300n))
      .to.emit(kUsdc, "Approval")
      .withArgs(alice.address, carol.address, 300n);
    await expect(kUsdc.connect(carol).transferFrom(alice.address, dave.address, 301n))
      .to.be.revertedWithCustomError(kUsdc, "KTokenInsufficientAllowance")
      .withArgs(carol.address, 300n, 301n);
    await expect(kUsdc.connect(carol).transferFrom(alice.address, dave.address, 200n))
      .to.emit(kUsdc, "Transfer")
      .withArgs(alice.address, dave.address, 200n);
    expect(await kUsdc.allowance(alice.address, carol.address)).to.equal(100n);
    expect(await kUsdc.balanceOf(dave.address)).to.equal(200n);
  });

  it("approve: an unlimited allowance is not spent; the zero spender is refused", async () => {
    const { kUsdc, alice, carol, dave } = await loadFixture(fixture);
    await kUsdc.connect(alice).approve(carol.address, MaxUint256);
    await kUsdc.connect(carol).transferFrom(alice.address, dave.address, 200n);
    expect(await kUsdc.allowance(alice.address, carol.address)).to.equal(MaxUint256);
    await expect(kUsdc.connect(alice).approve(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
      kUsdc,
      "KTokenZeroAddress",
    );
  });

  it("emitTransfer and transferSupply: only the pool and the kToken may call them", async () => {
    const { pool, kUsdc, stranger, alice, U } = await loadFixture(fixture);
    await expect(kUsdc.connect(stranger).emitTransfer(alice.address, stranger.address, 1n))
      .to.be.revertedWithCustomError(kUsdc, "KTokenOnlyPool")
      .withArgs(stranger.address);
    await expect(pool.connect(stranger).transferSupply(U, alice.address, stranger.address, 1n))
      .to.be.revertedWithCustomError(pool, "PoolOnlyKToken")
      .withArgs(stranger.address);
  });

  it("balanceOf: grows with interest; totalSupply matches the reserve totals", async () => {
    const { pool, setFlatRate, kUsdc, alice, bob, U } = await loadFixture(fixture);
    await setFlatRate(1000);
    await pool.connect(bob).repay(U, 1n, 2, bob.address); // stores the new rate
    const before = await kUsdc.balanceOf(alice.address);
    await time.increase(30 * 86400);
    expect(await kUsdc.balanceOf(alice.address)).to.be.greaterThan(before);
    expect(await kUsdc.totalSupply()).to.equal((await pool.getReserveTotals(U))[0]);
  });
});
