import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { MaxUint256, parseUnits } from "ethers";
import {
  deployTestSystem,
  flatRate,
  ratePerSecondOf,
  reserveConfig,
  Flags,
  RAY,
  DEAD,
} from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

async function fixture() {
  const f = await deployTestSystem(connection);
  const dai = await ethers.deployContract("MockERC20", ["Dai", "DAI", 18]);
  const D = await dai.getAddress();
  const kDai = await ethers.deployContract("KToken", [f.poolAddress, D, 18, "Keel Dai", "kDAI"]);
  await dai.mint(f.deployer.address, parseUnits("1000", 18));
  await dai.approve(f.poolAddress, MaxUint256);
  await f.listInHub(D); // governance lists the asset in the hub first (same proposal in production)
  return { ...f, dai, D, kDai };
}

describe("Pool: admin", () => {
  it("version: 1.0.0", async () => {
    const { pool } = await loadFixture(fixture);
    expect(await pool.version()).to.equal("1.0.0");
  });

  it("initReserve: lists and seeds atomically; pool-set fields override the given ones", async () => {
    const { hubAddress, pool, deployer, dai, kDai, D, rates } = await loadFixture(fixture);
    const K = await kDai.getAddress();
    const R = await rates.getAddress();
    const given = reserveConfig({
      decimals: 3,
      id: 77,
      flags: Flags.BORROWING | Flags.PAUSED,
      liquidationGraceUntil: 99n,
    });
    const tx = pool.connect(deployer).initReserve(D, K, given, 5000n);
    await expect(tx).to.emit(pool, "ReserveInitialized").withArgs(D, K, 5000n);
    await expect(tx).to.emit(pool, "ReserveConfigSet");
    await expect(tx).to.emit(kDai, "Transfer").withArgs(ethers.ZeroAddress, DEAD, 5000n);
    await expect(tx).to.changeTokenBalances(ethers, dai, [deployer, hubAddress], [-5000n, 5000n]);
    const r = await pool.getKeelReserveData(D);
    expect(r.config.decimals).to.equal(18n);
    expect(r.config.id).to.equal(3n);
    expect(r.config.flags).to.equal(BigInt(Flags.ACTIVE | Flags.BORROWING));
    expect(r.config.liquidationGraceUntil).to.equal(0n);
    expect(r.liquidityIndex).to.equal(RAY);
    expect(r.borrowIndex).to.equal(RAY);
    expect(r.cash).to.equal(5000n);
    expect(r.rateModel).to.equal(ethers.ZeroAddress); // the hub's default model
    expect(await pool.defaultRateModel()).to.equal(R);
    expect(await pool.supplyBalanceOf(D, DEAD)).to.equal(5000n);
    expect(await pool.getReservesList()).to.have.length(4);
  });

  it("issue 15 (initReserve did not check the kToken's decimals): a kToken showing other units than the asset is refused", async () => {
    const { pool, deployer, D } = await loadFixture(fixture);
    const wrong = await ethers.deployContract("KToken", [await pool.getAddress(), D, 6, "Keel Dai", "kDAI"]);
    await expect(pool.connect(deployer).initReserve(D, await wrong.getAddress(), reserveConfig(), 5000n))
      .to.be.revertedWithCustomError(pool, "PoolKTokenDecimalsMismatch")
      .withArgs(await wrong.getAddress(), 6, 18);
  });

  it("initReserve: refuses a seed below MIN_SEED, a listed asset, a foreign kToken and zero addresses", async () => {
    const { pool, deployer, kDai, kUsdc, D, U } = await loadFixture(fixture);
    const K = await kDai.getAddress();
    expect(await pool.MIN_SEED()).to.equal(1000n);
    await expect(pool.connect(deployer).initReserve(D, K, reserveConfig(), 999n))
      .to.be.revertedWithCustomError(pool, "PoolSeedTooSmall")
      .withArgs(1000n, 999n);
    await expect(pool.connect(deployer).initReserve(U, await kUsdc.getAddress(), reserveConfig(), 1000n))
      .to.be.revertedWithCustomError(pool, "PoolReserveAlreadyListed")
      .withArgs(U);
    await expect(pool.connect(deployer).initReserve(D, await kUsdc.getAddress(), reserveConfig(), 1000n))
      .to.be.revertedWithCustomError(pool, "PoolInvalidKToken")
      .withArgs(await kUsdc.getAddress());
    await expect(
      pool.connect(deployer).initReserve(ethers.ZeroAddress, K, reserveConfig(), 1000n),
    ).to.be.revertedWithCustomError(pool, "PoolZeroAddress");
    await expect(
      pool.connect(deployer).initReserve(D, ethers.ZeroAddress, reserveConfig(), 1000n),
    ).to.be.revertedWithCustomError(pool, "PoolZeroAddress");
    await expect(pool.connect(deployer).initReserve(D, K, reserveConfig({ ltv: 9000 }), 1000n))
      .to.be.revertedWithCustomError(pool, "PoolInvalidRiskParams")
      .withArgs(9000, 8500, 10500);
  });

  it("setReserveConfig: enforces the hard bounds (PoolInvalidRiskParams, PoolInvalidBps)", async () => {
    const { pool, risk, U } = await loadFixture(fixture);
    const bad: [Parameters<typeof reserveConfig>[0], number, number, number][] = [
      [{ ltv: 8500 }, 8500, 8500, 10500], // ltv must be below the threshold
      [{ ltv: 9000, liquidationThreshold: 10000 }, 9000, 10000, 10500], // threshold below 100%
      [{ liquidationBonus: 10000 }, 8000, 8500, 10000], // bonus above 100%
      [{ ltv: 9000, liquidationThreshold: 9600, liquidationBonus: 10500 }, 9000, 9600, 10500], // 96% * 105% > 100%
    ];
    for (const [over, ltv, lt, bonus] of bad) {
      await expect(pool.connect(risk).setReserveConfig(U, reserveConfig(over)))
        .to.be.revertedWithCustomError(pool, "PoolInvalidRiskParams")
        .withArgs(ltv, lt, bonus);
    }
    await expect(pool.connect(risk).setReserveConfig(U, reserveConfig({ liquidationProtocolFee: 10001 })))
      .to.be.revertedWithCustomError(pool, "PoolInvalidBps")
      .withArgs(10001n);
    // The edge: threshold * bonus == 100% is allowed.
    await expect(
      pool
        .connect(risk)
        .setReserveConfig(U, reserveConfig({ ltv: 7000, liquidationThreshold: 8000, liquidationBonus: 12500 })),
    ).to.emit(pool, "ReserveConfigSet");
  });

  it("setReserveConfig: keeps decimals, id, ACTIVE, the pause and the grace period", async () => {
    const { pool, risk, guardian, W } = await loadFixture(fixture);
    await pool.connect(guardian).pauseReserve(W);
    const before = await pool.getKeelReserveData(W);
    await pool
      .connect(risk)
      .setReserveConfig(
        W,
        reserveConfig({ decimals: 1, id: 9, flags: Flags.COLLATERAL, ltv: 7000, liquidationGraceUntil: 1n }),
      );
    const r = await pool.getKeelReserveData(W);
    const c = r.config;
    expect(c.decimals).to.equal(18n);
    expect(c.id).to.equal(2n);
    expect(c.flags).to.equal(BigInt(Flags.ACTIVE | Flags.COLLATERAL));
    expect(c.ltv).to.equal(7000n);
    expect(c.liquidationGraceUntil).to.equal(before.config.liquidationGraceUntil);
    expect(r.pausedUntil).to.equal(before.pausedUntil);
    expect(r.pausedUntil).to.be.greaterThan(0n);
  });

  it("setReserveConfig: refused for an unlisted asset (PoolReserveNotListed)", async () => {
    const { pool, risk, D } = await loadFixture(fixture);
    await expect(pool.connect(risk).setReserveConfig(D, reserveConfig()))
      .to.be.revertedWithCustomError(pool, "PoolReserveNotListed")
      .withArgs(D);
  });

  it("hub configureAsset: a new rate model for an asset is used from now on (AssetConfigured)", async () => {
    const { pool, hub, deployer, manager, U } = await loadFixture(fixture);
    const other = await upgradesApi.deployProxy(
      await ethers.getContractFactory("KinkedRateModel"),
      [await manager.getAddress(), flatRate(1234)],
      { kind: "uups", initializer: "initialize" },
    );
    const O = await other.getAddress();
    await expect(hub.connect(deployer).configureAsset(U, O, 1000, 5, true))
      .to.emit(hub, "AssetConfigured")
      .withArgs(U, O, 1000, 5, true);
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(ratePerSecondOf(1234n));
  });

  it("pause/unpause: the guardian pauses, only the admin unpauses with a bounded grace period", async () => {
    const { pool, guardian, deployer, risk, manager } = await loadFixture(fixture);
    await expect(pool.connect(risk).pause())
      .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
      .withArgs(risk.address);
    await expect(pool.connect(guardian).pause()).to.emit(pool, "PauseSet");
    expect(await pool.paused()).to.equal(true);
    await expect(pool.connect(guardian).unpause(0))
      .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
      .withArgs(guardian.address);
    await expect(pool.connect(deployer).unpause(86401))
      .to.be.revertedWithCustomError(pool, "PoolGracePeriodTooLong")
      .withArgs(86401n, 86400n);
    await expect(pool.connect(deployer).unpause(0)).to.emit(pool, "PauseSet");
    expect(await pool.paused()).to.equal(false);
    expect(await manager.getAddress()).to.equal(await pool.authority());
  });

  it("pauseReserve/unpauseReserve: guardian pauses a reserve, admin unpauses with a bounded grace period", async () => {
    const { pool, guardian, deployer, U } = await loadFixture(fixture);
    await expect(pool.connect(guardian).pauseReserve(U)).to.emit(pool, "PauseSet");
    expect((await pool.getKeelReserveData(U)).pausedUntil).to.be.greaterThan(
      BigInt(await networkHelpers.time.latest()),
    );
    await expect(pool.connect(guardian).unpauseReserve(U, 0))
      .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
      .withArgs(guardian.address);
    await expect(pool.connect(deployer).unpauseReserve(U, 86401))
      .to.be.revertedWithCustomError(pool, "PoolGracePeriodTooLong")
      .withArgs(86401n, 86400n);
    const tx = await pool.connect(deployer).unpauseReserve(U, 100);
    const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
    await expect(tx)
      .to.emit(pool, "PauseSet")
      .withArgs(U, at, at + 100n);
    const r = await pool.getKeelReserveData(U);
    expect(r.pausedUntil).to.equal(at);
    expect(r.config.liquidationGraceUntil).to.equal(at + 100n);
  });

  it("finding 12 (a rate-parameter change reached an idle reserve only when it was next touched): the model's push stores the new rate at once; without it, anyone's refreshRate does", async () => {
    const { pool, hub, risk, rates, stranger, deployer, U } = await loadFixture(fixture);
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(ratePerSecondOf(1000n));
    // The DAO raises USDC's curve: the model tells the hub in the same transaction, the idle reserve charges it now.
    await expect(rates.connect(risk).setRateParams(U, flatRate(2000)))
      .to.emit(hub, "RateModelSynced")
      .withArgs(U, await rates.getAddress(), true);
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(ratePerSecondOf(2000n));
    // A model that does not push (hub unset): the old rate stays until anyone's refreshRate.
    await rates.connect(deployer).setHub(ethers.ZeroAddress);
    await rates.connect(risk).setRateParams(U, flatRate(3000));
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(ratePerSecondOf(2000n));
    await hub.connect(stranger).refreshRate(U);
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(ratePerSecondOf(3000n));
  });

  it("hub refreshRate: refused for an unlisted asset (HubAssetNotListed); keeps the rate when nothing changed", async () => {
    const { pool, hub, stranger, U } = await loadFixture(fixture);
    const unlisted = ethers.Wallet.createRandom().address;
    await expect(hub.connect(stranger).refreshRate(unlisted))
      .to.be.revertedWithCustomError(hub, "HubAssetNotListed")
      .withArgs(unlisted);
    const old = (await pool.getKeelReserveData(U)).borrowRate;
    await hub.connect(stranger).refreshRate(U);
    expect((await pool.getKeelReserveData(U)).borrowRate).to.equal(old);
  });

  it("setFlashPremium: capped at 1% and the protocol share at 100%", async () => {
    const { pool, risk } = await loadFixture(fixture);
    await expect(pool.connect(risk).setFlashPremium(101, 0))
      .to.be.revertedWithCustomError(pool, "PoolInvalidPremium")
      .withArgs(101n, 100n);
    await expect(pool.connect(risk).setFlashPremium(100, 10001))
      .to.be.revertedWithCustomError(pool, "PoolInvalidBps")
      .withArgs(10001n);
    await expect(pool.connect(risk).setFlashPremium(100, 10000))
      .to.emit(pool, "FlashPremiumSet")
      .withArgs(5, 100, 1000, 10000);
  });

  it("setFlashBorrower: refuses the zero address", async () => {
    const { pool, deployer } = await loadFixture(fixture);
    await expect(pool.connect(deployer).setFlashBorrower(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
      pool,
      "PoolZeroAddress",
    );
  });

  it("onModuleUpdated: refused for anyone but the registry (PoolOnlyRegistry)", async () => {
    const { pool, stranger } = await loadFixture(fixture);
    await expect(pool.connect(stranger).onModuleUpdated(ethers.ZeroHash, stranger.address))
      .to.be.revertedWithCustomError(pool, "PoolOnlyRegistry")
      .withArgs(stranger.address);
  });

  it("every restricted function is refused for a stranger (AccessManagedUnauthorized)", async () => {
    const { pool, stranger, kDai, D, U } = await loadFixture(fixture);
    const p = pool.connect(stranger);
    const calls: [string, () => Promise<unknown>][] = [
      ["initReserve", () => p.initReserve(D, kDai.getAddress(), reserveConfig(), 1000n)],
      ["setReserveConfig", () => p.setReserveConfig(U, reserveConfig())],
      ["pauseReserve", () => p.pauseReserve(U)],
      ["unpauseReserve", () => p.unpauseReserve(U, 0)],
      ["pause", () => p.pause()],
      ["unpause", () => p.unpause(0)],
      ["pauseFlashLoans", () => p.pauseFlashLoans()],
      ["unpauseFlashLoans", () => p.unpauseFlashLoans()],
      ["setPauseConfig", () => p.setPauseConfig(86_400n, 86_400n)],
      ["extendPause", () => p.extendPause(ethers.ZeroAddress, 2n ** 39n)],
      ["setFlashPremium", () => p.setFlashPremium(1, 1)],
      ["setFlashBorrower", () => p.setFlashBorrower(stranger.address, true)],
      ["upgradeToAndCall", () => p.upgradeToAndCall(stranger.address, "0x")],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name)
        .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    }
  });
});
