import { expect } from "chai";
import hre from "hardhat";
import { Roles } from "../../deploy/roles.js";
import { deployUpgradeFlowSystem, timelockSigner, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("upgrades: KeelAccessManager through KeelUpgrader", () => {
  it("finding 8 (upgradeAndVerify trusts the new implementation): a manager V2 whose reinitializer revokes the upgrader's role is refused with UpgraderProxyUnmanaged", async () => {
    // On the old upgrader nothing asked the manager afterwards: the upgrade would leave no path to a corrective one.
    const s = await loadFixture(fixture);
    const manager = s.keel.address("AccessManager");
    const upgrader = s.keel.address("Upgrader");
    const factory = await ethers.getContractFactory("KeelAccessManagerV2RevokerMock");
    const impl = await (await factory.deploy()).getAddress();
    const data = factory.interface.encodeFunctionData("initializeV2", [Roles.UPGRADER]);
    await expect(s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(manager, impl, data, []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderProxyUnmanaged")
      .withArgs(manager, manager);
    const [isUpgrader] = await s.manager.hasRole(Roles.UPGRADER, upgrader);
    expect(isUpgrader).to.equal(true);
    expect(await s.manager.version()).to.equal("1.0.0");
  });

  it("upgradeAndVerify: a manager V2 that keeps the upgrade path passes the wiring check", async () => {
    const s = await loadFixture(fixture);
    const manager = s.keel.address("AccessManager");
    const impl = await (await ethers.deployContract("KeelAccessManagerV2Mock")).getAddress();
    await expect(s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(manager, impl, "0x", [])).to.emit(
      s.upgrader,
      "ModuleUpgraded",
    );
    expect(await s.manager.version()).to.equal("2.0.0");
  });
});
