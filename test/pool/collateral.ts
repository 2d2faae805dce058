import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags, WAD } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture() {
  const f = await deployTestSystem(connection);
  await f.setFlatRate(0);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("1", 18), f.bob.address, 0);
  await f.pool.connect(f.bob).supply(f.B, parseUnits("0.01", 8), f.bob.address, 0); // 600 USD
  return f;
}

describe("Pool: collateral switch", () => {
  it("setUserUseReserveAsCollateral: disabling without debt emits and clears the bit", async () => {
    const { pool, bob, W } = await loadFixture(fixture);
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, false))
      .to.emit(pool, "ReserveUsedAsCollateralDisabled")
      .withArgs(W, bob.address);
    // WETH has id 2: bit 4.
    expect((await pool.getKeelUserConfiguration(bob.address)) & (1n << 4n)).to.equal(0n);
    expect((await pool.getUserAccountData(bob.address)).totalCollateralBase).to.equal(600n * 10n ** 8n);
  });

  it("setUserUseReserveAsCollateral: enabling again emits and counts the supply", async () => {
    const { pool, bob, W } = await loadFixture(fixture);
    await pool.connect(bob).setUserUseReserveAsCollateral(W, false);
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, true))
      .to.emit(pool, "ReserveUsedAsCollateralEnabled")
      .withArgs(W, bob.address);
    expect((await pool.getUserAccountData(bob.address)).totalCollateralBase).to.equal(2600n * 10n ** 8n);
  });

  it("setUserUseReserveAsCollateral: setting the current state is a no-op without events", async () => {
    const { pool, bob, W } = await loadFixture(fixture);
    const cfg = await pool.getKeelUserConfiguration(bob.address);
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, true)).not.to.emit(
      pool,
      "ReserveUsedAsCollateralEnabled",
    );
    expect(await pool.getKeelUserConfiguration(bob.address)).to.equal(cfg);
  });

  it("setUserUseReserveAsCollateral: disabling is refused when it would leave the account unhealthy", async () => {
    const { pool, bob, U, W } = await loadFixture(fixture);
    await pool.connect(bob).borrow(U, parseUnits("1000", 6), 2, 0, bob.address);
    // Without WETH: 600 * 0.85 = 510 against 1000 of debt.
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, false))
      .to.be.revertedWithCustomError(pool, "PoolHealthFactorTooLow")
      .withArgs((510n * WAD) / 1000n);
    // Without WBTC: 2000 * 0.85 = 1700 >= 1000: fine.
    await pool.connect(bob).setUserUseReserveAsCollateral(await pool.getReservesList().then((l) => l[1]), false);
    expect((await pool.getUserAccountData(bob.address)).healthFactor).to.equal((1700n * WAD) / 1000n);
  });

  it("setUserUseReserveAsCollateral: refused without a supply (PoolNoSupply)", async () => {
    const { pool, carol, W } = await loadFixture(fixture);
    await expect(pool.connect(carol).setUserUseReserveAsCollateral(W, true))
      .to.be.revertedWithCustomError(pool, "PoolNoSupply")
      .withArgs(W, carol.address);
  });

  it("setUserUseReserveAsCollateral: refused for a reserve that is not collateral (PoolCollateralDisabled)", async () => {
    const { pool, risk, bob, W } = await loadFixture(fixture);
    await pool.connect(bob).setUserUseReserveAsCollateral(W, false);
    await pool.connect(risk).setReserveConfig(W, reserveConfig({ flags: Flags.BORROWING }));
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, true))
      .to.be.revertedWithCustomError(pool, "PoolCollateralDisabled")
      .withArgs(W);
    await pool.connect(risk).setReserveConfig(W, reserveConfig({ ltv: 0 }));
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(W, true))
      .to.be.revertedWithCustomError(pool, "PoolCollateralDisabled")
      .withArgs(W);
  });

  it("setUserUseReserveAsCollateral: refused for an unlisted asset (PoolReserveNotListed)", async () => {
    const { pool, bob, stranger } = await loadFixture(fixture);
    await expect(pool.connect(bob).setUserUseReserveAsCollateral(stranger.address, true))
      .to.be.revertedWithCustomError(pool, "PoolReserveNotListed")
      .withArgs(stranger.address);
  });

  it("setUserUseReserveAsCollateral: a supply that is not collateral gives no borrowing power", async () => {
    const { pool, bob, U, W, B } = await loadFixture(fixture);
    await pool.connect(bob).setUserUseReserveAsCollateral(W, false);
    await pool.connect(bob).setUserUseReserveAsCollateral(B, false);
    await expect(pool.connect(bob).borrow(U, 1n, 2, 0, bob.address))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCollateral")
      .withArgs(0n, 100n);
  });
});
