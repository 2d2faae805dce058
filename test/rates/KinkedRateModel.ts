import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { KinkedRateModel } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { deployAccessManager, restrictFunctions } from "../helpers/access.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

/* Independent TypeScript model of the kinked curve (bigint, same rounding as documented in the contract). */
const RAY = 10n ** 27n;
const BPS = 10_000n;
const SECONDS_PER_YEAR = 365n * 24n * 3600n;

interface Params {
  baseRateBps: bigint;
  slope1Bps: bigint;
  slope2Bps: bigint;
  optimalUtilizationBps: bigint;
}
const params = (base: number, slope1: number, slope2: number, optimal: number): Params => ({
  baseRateBps: BigInt(base),
  slope1Bps: BigInt(slope1),
  slope2Bps: BigInt(slope2),
  optimalUtilizationBps: BigInt(optimal),
});
const tuple = (p: Params): bigint[] => [p.baseRateBps, p.slope1Bps, p.slope2Bps, p.optimalUtilizationBps];
const ZERO = params(0, 0, 0, 0);

const bpsToRay = (bps: bigint): bigint => (bps * RAY) / BPS;
const ceilDiv = (a: bigint, b: bigint): bigint => (a === 0n ? 0n : (a - 1n) / b + 1n);

function refUtilization(supplied: bigint, borrowed: bigint): bigint {
  if (supplied === 0n || borrowed === 0n) return 0n;
  if (borrowed >= supplied) return RAY;
  return (borrowed * RAY) / supplied;
}

function refAnnualBorrowRate(p: Params, supplied: bigint, borrowed: bigint): bigint {
  const u = refUtilization(supplied, borrowed);
  const optimal = bpsToRay(p.optimalUtilizationBps);
  const base = bpsToRay(p.baseRateBps);
  const slope1 = bpsToRay(p.slope1Bps);
  const slope2 = bpsToRay(p.slope2Bps);
  if (u <= optimal) return base + ceilDiv(slope1 * u, optimal);
  return base + slope1 + ceilDiv(slope2 * (u - optimal), RAY - optimal);
}

const refPerSecond = (p: Params, s: bigint, b: bigint): bigint =>
  ceilDiv(refAnnualBorrowRate(p, s, b), SECONDS_PER_YEAR);

// Defaults: 0% base, 4% slope1, 75% slope2, kink at 80% (a typical stablecoin curve).
const DEFAULTS = params(0, 400, 7_500, 8_000);
// WETH: 1% base, 3.8% slope1, 80% slope2, kink at 90%.
const WETH_PARAMS = params(100, 380, 8_000, 9_000);

describe("KinkedRateModel", () => {
  async function deployFixture() {
    const [admin, riskAdmin, upgrader, stranger] = await ethers.getSigners();
    const manager = await deployAccessManager(ethers, upgradesApi, admin);
    const factory = await ethers.getContractFactory("KinkedRateModel", admin);
    const model = (await upgradesApi.deployProxy(factory, [await manager.getAddress(), DEFAULTS], {
      kind: "uups",
      initializer: "initialize",
    })) as unknown as KinkedRateModel;
    const modelAddress = await model.getAddress();
    await restrictFunctions(
      manager,
      model,
      ["setRateParams", "clearRateParams", "setDefaultRateParams"],
      Roles.RISK_ADMIN,
    );
    await restrictFunctions(manager, model, ["upgradeToAndCall"], Roles.UPGRADER);
    await manager.grantRole(Roles.RISK_ADMIN, riskAdmin.address, 0);
    await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);
    const weth = ethers.Wallet.createRandom().address;
    const usdc = ethers.Wallet.createRandom().address;
    return { manager, model: model.connect(riskAdmin), modelAddress, admin, riskAdmin, upgrader, stranger, weth, usdc };
  }

  describe("initialize", () => {
    it("initialize: stores the default parameters, authority, version and constants", async () => {
      const { model, manager } = await loadFixture(deployFixture);
      expect(tuple(await model.defaultParams())).to.deep.equal(tuple(DEFAULTS));
      expect(await model.authority()).to.equal(await manager.getAddress());
      expect(await model.version()).to.equal("1.0.0");
      expect(await model.RAY()).to.equal(RAY);
      expect(await model.BPS()).to.equal(BPS);
      expect(await model.SECONDS_PER_YEAR()).to.equal(SECONDS_PER_YEAR);
      expect(await model.MAX_BASE_RATE_BPS()).to.equal(10_000n);
      expect(await model.MAX_SLOPE1_BPS()).to.equal(100_000n);
      expect(await model.MAX_SLOPE2_BPS()).to.equal(100_000n);
      expect(await model.MAX_ANNUAL_RATE_BPS()).to.equal(100_000n);
      expect(await model.MIN_OPTIMAL_BPS()).to.equal(100n);
      expect(await model.MAX_OPTIMAL_BPS()).to.equal(9_900n);
    });

    it("initialize: emits SetDefaultRateParams(0, defaults)", async () => {
      const { modelAddress, manager } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "KinkedRateModel",
        await upgradesApi.erc1967.getImplementationAddress(modelAddress),
      );
      const data = impl.interface.encodeFunctionData("initialize", [await manager.getAddress(), DEFAULTS]);
      const proxy = await ethers.deployContract("ERC1967Proxy", [await impl.getAddress(), data]);
      await expect(proxy.deploymentTransaction())
        .to.emit(impl.attach(await proxy.getAddress()), "SetDefaultRateParams")
        .withArgs(tuple(ZERO), tuple(DEFAULTS));
    });

    it("initialize: rejects default parameters outside the bounds", async () => {
      const { modelAddress, manager } = await loadFixture(deployFixture);
      const implAddress = await upgradesApi.erc1967.getImplementationAddress(modelAddress);
      const impl = await ethers.getContractAt("KinkedRateModel", implAddress);
      const data = impl.interface.encodeFunctionData("initialize", [await manager.getAddress(), ZERO]);
      const proxyFactory = await ethers.getContractFactory("ERC1967Proxy");
      await expect(proxyFactory.deploy(implAddress, data))
        .to.be.revertedWithCustomError(impl, "RateModelInvalidOptimalUtilization")
        .withArgs(0, 100, 9_900);
    });

    it("initialize: reverts when called a second time", async () => {
      const { model, stranger } = await loadFixture(deployFixture);
      await expect(model.initialize(stranger.address, DEFAULTS)).to.be.revertedWithCustomError(
        model,
        "InvalidInitialization",
      );
    });

    it("initialize: the implementation cannot be initialised directly", async () => {
      const { modelAddress, stranger } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "KinkedRateModel",
        await upgradesApi.erc1967.getImplementationAddress(modelAddress),
      );
      await expect(impl.initialize(stranger.address, DEFAULTS)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("utilization", () => {
    it("utilization: is 0 when nothing is supplied or borrowed", async () => {
      const { model } = await loadFixture(deployFixture);
      expect(await model.utilization(0n, 0n)).to.equal(0n);
      expect(await model.utilization(0n, 5n)).to.equal(0n);
      expect(await model.utilization(1000n, 0n)).to.equal(0n);
    });

    it("utilization: is borrowed / supplied in RAY, rounded down", async () => {
      const { model } = await loadFixture(deployFixture);
      expect(await model.utilization(1000n, 500n)).to.equal(RAY / 2n);
      expect(await model.utilization(3n, 1n)).to.equal(RAY / 3n); // 0.333... floored
      expect(await model.utilization(3n, 2n)).to.equal((2n * RAY) / 3n);
    });

    it("utilization: is capped at 100%", async () => {
      const { model } = await loadFixture(deployFixture);
      expect(await model.utilization(1000n, 1000n)).to.equal(RAY);
      expect(await model.utilization(1000n, 1500n)).to.equal(RAY);
    });
  });

  describe("borrow rate maths", () => {
    const SUPPLIED = 1_000_000n * 10n ** 6n; // 1M USDC in asset units
    const utilisationsBps = [0n, 1n, 1_000n, 3_333n, 5_000n, 7_999n, 8_000n, 8_001n, 9_000n, 9_500n, 9_999n, 10_000n];

    it("borrowRatePerSecond/annualBorrowRate: match the TypeScript model at many utilisations (default params)", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      for (const uBps of utilisationsBps) {
        const borrowed = (SUPPLIED * uBps) / BPS;
        expect(await model.annualBorrowRate(usdc, SUPPLIED, borrowed)).to.equal(
          refAnnualBorrowRate(DEFAULTS, SUPPLIED, borrowed),
          `annual at ${String(uBps)} bps`,
        );
        expect(await model.borrowRatePerSecond(usdc, SUPPLIED, borrowed)).to.equal(
          refPerSecond(DEFAULTS, SUPPLIED, borrowed),
          `per second at ${String(uBps)} bps`,
        );
      }
      // Just above the kink by one asset unit, and over-borrowed.
      for (const borrowed of [(SUPPLIED * 8_000n) / BPS + 1n, SUPPLIED * 2n, 7n]) {
        expect(await model.borrowRatePerSecond(usdc, SUPPLIED, borrowed)).to.equal(
          refPerSecond(DEFAULTS, SUPPLIED, borrowed),
        );
      }
    });

    it("annualBorrowRate: matches hand-computed values at 0%, 50%, the kink, 90% and 100%", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      const pct = (n: bigint, d = 1n): bigint => (n * RAY) / (100n * d);
      // 0%: base = 0
      expect(await model.annualBorrowRate(usdc, SUPPLIED, 0n)).to.equal(0n);
      // 50%: 4% * 50/80 = 2.5%
      expect(await model.annualBorrowRate(usdc, SUPPLIED, SUPPLIED / 2n)).to.equal(pct(25n, 10n));
      // 80% (kink): 4%
      expect(await model.annualBorrowRate(usdc, SUPPLIED, (SUPPLIED * 8n) / 10n)).to.equal(pct(4n));
      // 90%: 4% + 75% * 10/20 = 41.5%
      expect(await model.annualBorrowRate(usdc, SUPPLIED, (SUPPLIED * 9n) / 10n)).to.equal(pct(415n, 10n));
      // 100%: 4% + 75% = 79%
      expect(await model.annualBorrowRate(usdc, SUPPLIED, SUPPLIED)).to.equal(pct(79n));
    });

    it("borrowRatePerSecond: is the annual rate / 365 days, rounded up", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      const annual = await model.annualBorrowRate(usdc, SUPPLIED, SUPPLIED / 2n);
      const perSecond = await model.borrowRatePerSecond(usdc, SUPPLIED, SUPPLIED / 2n);
      expect(annual % SECONDS_PER_YEAR).to.not.equal(0n); // the case actually exercises rounding
      expect(perSecond).to.equal(annual / SECONDS_PER_YEAR + 1n);
      // A zero annual rate stays zero.
      expect(await model.borrowRatePerSecond(usdc, SUPPLIED, 0n)).to.equal(0n);
    });

    it("annualBorrowRate: rounds the slope interpolation up", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      // Kink at 30% and utilisation 10%: slope1 * 1/3 is not exact.
      const p = params(0, 100, 100, 3_000);
      await model.setRateParams(weth, p);
      const exactFloor = (bpsToRay(100n) * (RAY / 10n)) / bpsToRay(3_000n);
      expect(await model.annualBorrowRate(weth, 10n, 1n)).to.equal(exactFloor + 1n);
      expect(await model.annualBorrowRate(weth, 10n, 1n)).to.equal(refAnnualBorrowRate(p, 10n, 1n));
    });

    it("borrowRatePerSecond: is non-decreasing in utilisation", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      let previous = -1n;
      for (let uBps = 0n; uBps <= BPS; uBps += 250n) {
        const rate = await model.borrowRatePerSecond(usdc, SUPPLIED, (SUPPLIED * uBps) / BPS);
        expect(rate >= previous, `monotonic at ${String(uBps)}`).to.equal(true);
        previous = rate;
      }
    });

    it("borrowRatePerSecond: uses per-asset parameters and matches the TypeScript model for them", async () => {
      const { model, weth, usdc } = await loadFixture(deployFixture);
      await model.setRateParams(weth, WETH_PARAMS);
      for (const uBps of utilisationsBps) {
        const borrowed = (SUPPLIED * uBps) / BPS;
        expect(await model.borrowRatePerSecond(weth, SUPPLIED, borrowed)).to.equal(
          refPerSecond(WETH_PARAMS, SUPPLIED, borrowed),
        );
        expect(await model.borrowRatePerSecond(usdc, SUPPLIED, borrowed)).to.equal(
          refPerSecond(DEFAULTS, SUPPLIED, borrowed),
        );
      }
    });

    it("borrowRatePerSecond: the extreme parameter set does not overflow at 100% utilisation", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      const extreme = params(10_000, 40_000, 50_000, 100);
      await model.setRateParams(weth, extreme);
      const huge = 2n ** 128n;
      expect(await model.annualBorrowRate(weth, huge, huge)).to.equal(bpsToRay(10_000n + 40_000n + 50_000n));
      expect(await model.borrowRatePerSecond(weth, huge, huge / 2n)).to.equal(refPerSecond(extreme, huge, huge / 2n));
    });
  });

  describe("annualSupplyRate", () => {
    it("annualSupplyRate: is borrow rate x utilisation x (1 - reserve factor), rounded down", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      const s = 1_000_000n;
      const b = 900_000n;
      const borrow = refAnnualBorrowRate(DEFAULTS, s, b);
      const u = refUtilization(s, b);
      const expected = (((borrow * u) / RAY) * (BPS - 1_000n)) / BPS;
      expect(await model.annualSupplyRate(usdc, s, b, 1_000n)).to.equal(expected);
      expect(await model.annualSupplyRate(usdc, s, b, 10_000n)).to.equal(0n);
      expect(await model.annualSupplyRate(usdc, s, 0n, 0n)).to.equal(0n);
    });

    it("annualSupplyRate: reverts with RateModelInvalidReserveFactor above 100%", async () => {
      const { model, usdc } = await loadFixture(deployFixture);
      await expect(model.annualSupplyRate(usdc, 10n, 5n, 10_001n))
        .to.be.revertedWithCustomError(model, "RateModelInvalidReserveFactor")
        .withArgs(10_001n);
    });
  });

  describe("setRateParams / clearRateParams", () => {
    it("setRateParams: stores per-asset parameters and emits SetRateParams(asset, old, new)", async () => {
      const { model, weth, usdc } = await loadFixture(deployFixture);
      expect(await model.hasCustomParams(weth)).to.equal(false);
      expect(tuple(await model.getParams(weth))).to.deep.equal(tuple(DEFAULTS));
      await expect(model.setRateParams(weth, WETH_PARAMS))
        .to.emit(model, "SetRateParams")
        .withArgs(weth, tuple(ZERO), tuple(WETH_PARAMS));
      expect(await model.hasCustomParams(weth)).to.equal(true);
      expect(tuple(await model.getParams(weth))).to.deep.equal(tuple(WETH_PARAMS));
      expect(tuple(await model.getParams(usdc))).to.deep.equal(tuple(DEFAULTS));

      const next = params(50, 500, 9_000, 8_500);
      await expect(model.setRateParams(weth, next))
        .to.emit(model, "SetRateParams")
        .withArgs(weth, tuple(WETH_PARAMS), tuple(next));
    });

    it("setRateParams: accepts every bound itself", async () => {
      const { model, weth, usdc } = await loadFixture(deployFixture);
      await model.setRateParams(weth, params(10_000, 90_000, 0, 9_900));
      await model.setRateParams(usdc, params(0, 0, 0, 100));
      expect(tuple(await model.getParams(weth))).to.deep.equal([10_000n, 90_000n, 0n, 9_900n]);
      expect(tuple(await model.getParams(usdc))).to.deep.equal([0n, 0n, 0n, 100n]);
      await model.setRateParams(usdc, params(0, 0, 100_000, 100));
      await model.setRateParams(usdc, params(0, 100_000, 0, 100));
      expect(tuple(await model.getParams(usdc))).to.deep.equal([0n, 100_000n, 0n, 100n]);
    });

    it("setRateParams: reverts with the bound's custom error for every out-of-bounds field", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      await expect(model.setRateParams(weth, params(10_001, 0, 0, 8_000)))
        .to.be.revertedWithCustomError(model, "RateModelBaseRateTooHigh")
        .withArgs(10_001, 10_000);
      await expect(model.setRateParams(weth, params(0, 100_001, 0, 8_000)))
        .to.be.revertedWithCustomError(model, "RateModelSlope1TooHigh")
        .withArgs(100_001, 100_000);
      await expect(model.setRateParams(weth, params(0, 0, 100_001, 8_000)))
        .to.be.revertedWithCustomError(model, "RateModelSlope2TooHigh")
        .withArgs(100_001, 100_000);
      for (const optimal of [0, 99, 9_901, 10_000]) {
        await expect(model.setRateParams(weth, params(0, 0, 0, optimal)))
          .to.be.revertedWithCustomError(model, "RateModelInvalidOptimalUtilization")
          .withArgs(optimal, 100, 9_900);
      }
    });

    it("finding 12 (rate model above the pool's cap): a curve reaching more than the pool's 1,000%/year is refused, at the cap the model answers what the pool stores", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      // Before: base 100% + slope1 1,000% + slope2 10,000% = 11,100%/year was accepted, the pool clamped it to 1,000%.
      // Now slope2 alone is capped at the pool's 1,000%, and so is the sum.
      await expect(model.setRateParams(weth, params(10_000, 100_000, 1_000_000, 9_900)))
        .to.be.revertedWithCustomError(model, "RateModelSlope2TooHigh")
        .withArgs(1_000_000n, 100_000n);
      for (const [p, max] of [
        [params(10_000, 100_000, 0, 9_900), 110_000n],
        [params(10_000, 90_000, 1, 8_000), 100_001n],
        [params(0, 50_000, 50_001, 8_000), 100_001n],
      ] as const) {
        await expect(model.setRateParams(weth, p))
          .to.be.revertedWithCustomError(model, "RateModelMaxRateAbovePoolCap")
          .withArgs(max, 100_000n);
        await expect(model.setDefaultRateParams(p))
          .to.be.revertedWithCustomError(model, "RateModelMaxRateAbovePoolCap")
          .withArgs(max, 100_000n);
      }
      // At the cap: 100% utilisation gives exactly the pool's per-second ceiling (10 RAY / 365 days, rounded down).
      await model.setRateParams(weth, params(10_000, 40_000, 50_000, 8_000));
      const poolCeiling = (10n * RAY) / SECONDS_PER_YEAR;
      expect(await model.borrowRatePerSecond(weth, 1000n, 1000n)).to.equal(poolCeiling);
      expect(await model.borrowRatePerSecond(weth, 1000n, 999n)).to.be.lessThan(poolCeiling);
    });

    it("setRateParams: reverts with RateModelZeroAddress for the zero asset", async () => {
      const { model } = await loadFixture(deployFixture);
      await expect(model.setRateParams(ethers.ZeroAddress, WETH_PARAMS)).to.be.revertedWithCustomError(
        model,
        "RateModelZeroAddress",
      );
    });

    it("setRateParams: reverts for a stranger", async () => {
      const { model, stranger, weth } = await loadFixture(deployFixture);
      await expect(model.connect(stranger).setRateParams(weth, WETH_PARAMS))
        .to.be.revertedWithCustomError(model, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("clearRateParams: returns the asset to the default parameters and emits SetRateParams(asset, old, 0)", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      await model.setRateParams(weth, WETH_PARAMS);
      await expect(model.clearRateParams(weth))
        .to.emit(model, "SetRateParams")
        .withArgs(weth, tuple(WETH_PARAMS), tuple(ZERO));
      expect(await model.hasCustomParams(weth)).to.equal(false);
      expect(tuple(await model.getParams(weth))).to.deep.equal(tuple(DEFAULTS));
    });

    it("clearRateParams: reverts with RateModelNoCustomParams when the asset has none", async () => {
      const { model, weth } = await loadFixture(deployFixture);
      await expect(model.clearRateParams(weth))
        .to.be.revertedWithCustomError(model, "RateModelNoCustomParams")
        .withArgs(weth);
    });

    it("clearRateParams: reverts for a stranger", async () => {
      const { model, stranger, weth } = await loadFixture(deployFixture);
      await model.setRateParams(weth, WETH_PARAMS);
      await expect(model.connect(stranger).clearRateParams(weth))
        .to.be.revertedWithCustomError(model, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("setDefaultRateParams", () => {
    it("setDefaultRateParams: replaces the defaults, emits old and new, and leaves custom assets alone", async () => {
      const { model, weth, usdc } = await loadFixture(deployFixture);
      await model.setRateParams(weth, WETH_PARAMS);
      const next = params(200, 600, 6_000, 7_000);
      await expect(model.setDefaultRateParams(next))
        .to.emit(model, "SetDefaultRateParams")
        .withArgs(tuple(DEFAULTS), tuple(next));
      expect(tuple(await model.defaultParams())).to.deep.equal(tuple(next));
      expect(tuple(await model.getParams(usdc))).to.deep.equal(tuple(next));
      expect(tuple(await model.getParams(weth))).to.deep.equal(tuple(WETH_PARAMS));
      expect(await model.borrowRatePerSecond(usdc, 100n, 75n)).to.equal(refPerSecond(next, 100n, 75n));
    });

    it("setDefaultRateParams: validates the bounds", async () => {
      const { model } = await loadFixture(deployFixture);
      await expect(model.setDefaultRateParams(params(0, 0, 0, 9_950)))
        .to.be.revertedWithCustomError(model, "RateModelInvalidOptimalUtilization")
        .withArgs(9_950, 100, 9_900);
      await expect(model.setDefaultRateParams(params(20_000, 0, 0, 8_000)))
        .to.be.revertedWithCustomError(model, "RateModelBaseRateTooHigh")
        .withArgs(20_000, 10_000);
    });

    it("setDefaultRateParams: reverts for a stranger", async () => {
      const { model, stranger } = await loadFixture(deployFixture);
      await expect(model.connect(stranger).setDefaultRateParams(DEFAULTS))
        .to.be.revertedWithCustomError(model, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("upgradeToAndCall", () => {
    it("upgradeToAndCall: the upgrader upgrades and the parameters survive", async () => {
      const { model, modelAddress, upgrader, weth } = await loadFixture(deployFixture);
      await model.setRateParams(weth, WETH_PARAMS);
      const v2Factory = await ethers.getContractFactory("KinkedRateModelV2Mock", upgrader);
      const upgraded = await upgradesApi.upgradeProxy(modelAddress, v2Factory, { kind: "uups" });
      expect(await upgraded.getFunction("version")()).to.equal("2.0.0");
      expect(tuple(await model.getParams(weth))).to.deep.equal(tuple(WETH_PARAMS));
      expect(tuple(await model.defaultParams())).to.deep.equal(tuple(DEFAULTS));
    });

    it("upgradeToAndCall: reverts for a stranger and for the risk admin", async () => {
      const { model, modelAddress, riskAdmin, stranger } = await loadFixture(deployFixture);
      const v2Factory = await ethers.getContractFactory("KinkedRateModelV2Mock");
      const impl = (await upgradesApi.prepareUpgrade(modelAddress, v2Factory, { kind: "uups" })) as string;
      for (const caller of [stranger, riskAdmin]) {
        await expect(model.connect(caller).upgradeToAndCall(impl, "0x"))
          .to.be.revertedWithCustomError(model, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });
});
