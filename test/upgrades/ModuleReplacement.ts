import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { parseUnits } from "ethers";
import { ModuleIds } from "../../deploy/keel.js";
import {
  deployUpgradeFlowSystem,
  executeNow,
  executeQueued,
  proposeAndQueue,
  type UpgradeFlowSystem,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("upgrades: module replacement through the registry", () => {
  it("setModule(RATE_MODEL): governance swaps in a second KinkedRateModel (critical tier) and the pool uses it from the next call", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    // A steeper default curve: 20% base rate, for every asset (no per-asset parameters in the new model).
    const steep = { baseRateBps: 2000, slope1Bps: 1000, slope2Bps: 50000, optimalUtilizationBps: 8000 };
    const newModel = await upgradesApi.deployProxy(
      await ethers.getContractFactory("KinkedRateModel"),
      [s.keel.address("AccessManager"), steep],
      { kind: "uups" },
    );
    const newModelAddress = await newModel.getAddress();
    const registry = await ethers.getContractAt("ModuleRegistry", s.keel.address("ModuleRegistry"));
    const usdc = s.keel.reserves.USDC.asset;
    const rateBefore = (await s.pool.getKeelReserveData(usdc)).borrowRate;

    const calldata = registry.interface.encodeFunctionData("setModule", [ModuleIds.RATE_MODEL, newModelAddress]);
    const q = await proposeAndQueue(
      s,
      [await registry.getAddress()],
      [0n],
      [calldata],
      "Replace the default rate model",
    );
    expect(q.eta - q.queuedAt).to.be.gte(s.criticalDelay);
    await networkHelpers.time.increaseTo(q.queuedAt + s.minDelay + 1n);
    await expect(executeNow(s, q)).to.be.revertedWithCustomError(s.timelock, "TimelockUnexpectedOperationState");
    // Nobody else may swap it.
    for (const caller of [s.deployer, s.guardian, s.stranger]) {
      await expect(registry.connect(caller).setModule(ModuleIds.RATE_MODEL, newModelAddress))
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    }
    await expect(executeQueued(s, q))
      .to.emit(registry, "ModuleSet")
      .withArgs(ModuleIds.RATE_MODEL, s.keel.address("RateModel"), newModelAddress);

    expect(await registry.getModule(ModuleIds.RATE_MODEL)).to.equal(newModelAddress);
    expect(await s.pool.defaultRateModel()).to.equal(newModelAddress); // pushed to the pool's cache
    // The next interaction reprices the reserve with the new curve.
    await s.pool.connect(s.carol).supply(usdc, parseUnits("1", 6), s.carol.address, 0);
    const rateAfter = (await s.pool.getKeelReserveData(usdc)).borrowRate;
    // The new curve's 20% base rate alone exceeds anything the old USDC curve (0% base, 4% at the kink) charges.
    const baseRatePerSecond = (2000n * 10n ** 27n) / 10_000n / (365n * 86400n);
    expect(rateAfter).to.be.gte(baseRatePerSecond);
    expect(rateBefore).to.be.lessThan(baseRatePerSecond / 4n);
    expect(await newModel.getFunction("defaultParams")()).to.deep.equal(Object.values(steep).map(BigInt));
  });
});
