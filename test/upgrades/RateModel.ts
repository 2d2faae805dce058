import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { KinkedRateModel, KinkedRateModelV2 } from "../../types/ethers-contracts/index.js";
import { devReserves, networkConfig } from "../../deploy/config.js";
import { deployUpgradeFlowSystem, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";
import { reinitializerGuardSuite } from "../helpers/reinitializer.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const RAY = 10n ** 27n;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function modelOf(s: UpgradeFlowSystem): Promise<KinkedRateModel> {
  return await ethers.getContractAt("KinkedRateModel", s.keel.address("RateModel"));
}

describe("upgrades: KinkedRateModel", () => {
  reinitializerGuardSuite(connection, fixture, { module: "RateModel", key: "RateModel", v2: "KinkedRateModelV2" });

  moduleUpgradeSuite(connection, fixture, {
    module: "RateModel",
    key: "RateModel",
    v1: "KinkedRateModel",
    v2: "KinkedRateModelV2",
    broken: "KinkedRateModelV2BrokenMock",
    readState: async (s) => {
      const model = await modelOf(s);
      const perAsset = [];
      for (const r of Object.values(s.keel.reserves)) {
        perAsset.push([
          (await model.getParams(r.asset)).toString(),
          await model.hasCustomParams(r.asset),
          await model.annualBorrowRate(r.asset, 1000n, 850n),
        ]);
      }
      return {
        authority: await model.authority(),
        defaults: (await model.defaultParams()).toString(),
        custom: [...(await model.customParamsAssets())],
        perAsset,
      };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager"), networkConfig("test", 31337n).defaultRates],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as KinkedRateModelV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade RateModel"));
      const usdc = s.keel.reserves.USDC.asset;
      // At the kink (90% for USDC) the rate is base + slope1 = 4%.
      const kink = (BigInt(devReserves[0].rates.optimalUtilizationBps) * RAY) / 10_000n;
      expect(await v2.annualBorrowRateAt(usdc, kink)).to.equal(
        (BigInt(devReserves[0].rates.slope1Bps) * RAY) / 10_000n,
      );
    },
  });

  it("stateDigest: covers per-asset parameters (the list tracks set and clear)", async () => {
    const s = await loadFixture(fixture);
    const model = await modelOf(s);
    // The dev reserves' curves and each synth's flat curve (its fixed rate).
    expect(await model.customParamsAssets()).to.have.length(3 + Object.keys(s.keel.record.synths ?? {}).length);
    const before = await model.stateDigest();
    const timelock = await ethers.getImpersonatedSigner(s.keel.address("Timelock"));
    await s.deployer.sendTransaction({ to: timelock.address, value: 10n ** 18n });
    await model.connect(timelock).clearRateParams(s.keel.reserves.WBTC.asset);
    expect(await model.customParamsAssets()).to.have.length(2 + Object.keys(s.keel.record.synths ?? {}).length);
    expect(await model.stateDigest()).to.not.equal(before);
  });
});
