import { expect } from "chai";
import hre from "hardhat";
import { Roles } from "../../deploy/roles.js";
import { deployUpgradeFlowSystem, proposeAndExecute } from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

describe("governance: the guardian", () => {
  const fixture = () => deployUpgradeFlowSystem(connection);

  it("governance replaces the guardian: the old one loses pause and cancel powers, the new one gains them", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const newGuardian = s.stranger;
    const manager = await s.manager.getAddress();
    const timelock = await s.timelock.getAddress();
    const canceller = await s.timelock.CANCELLER_ROLE();
    await proposeAndExecute(
      s,
      [manager, manager, timelock, timelock],
      [0n, 0n, 0n, 0n],
      [
        s.manager.interface.encodeFunctionData("grantRole", [Roles.GUARDIAN, newGuardian.address, 0]),
        s.manager.interface.encodeFunctionData("revokeRole", [Roles.GUARDIAN, s.guardian.address]),
        s.timelock.interface.encodeFunctionData("grantRole", [canceller, newGuardian.address]),
        s.timelock.interface.encodeFunctionData("revokeRole", [canceller, s.guardian.address]),
      ],
      "Replace the guardian",
    );
    expect((await s.manager.hasRole(Roles.GUARDIAN, s.guardian.address))[0]).to.equal(false);
    expect((await s.manager.hasRole(Roles.GUARDIAN, newGuardian.address))[0]).to.equal(true);
    expect(await s.timelock.hasRole(canceller, s.guardian.address)).to.equal(false);
    expect(await s.timelock.hasRole(canceller, newGuardian.address)).to.equal(true);

    await expect(s.pool.connect(s.guardian).pause())
      .to.be.revertedWithCustomError(s.pool, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);
    await s.pool.connect(newGuardian).pause();
    expect(await s.pool.paused()).to.equal(true);
    // The guardian never unpauses: that is the admin's (timelock's) call.
    await expect(s.pool.connect(newGuardian).unpause(0))
      .to.be.revertedWithCustomError(s.pool, "AccessManagedUnauthorized")
      .withArgs(newGuardian.address);
  });

  it("governance removes the guardian altogether", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const manager = await s.manager.getAddress();
    const timelock = await s.timelock.getAddress();
    const canceller = await s.timelock.CANCELLER_ROLE();
    await proposeAndExecute(
      s,
      [manager, timelock],
      [0n, 0n],
      [
        s.manager.interface.encodeFunctionData("revokeRole", [Roles.GUARDIAN, s.guardian.address]),
        s.timelock.interface.encodeFunctionData("revokeRole", [canceller, s.guardian.address]),
      ],
      "Remove the guardian",
    );
    await expect(s.pool.connect(s.guardian).pauseReserve(s.keel.reserves.USDC.asset))
      .to.be.revertedWithCustomError(s.pool, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);
    await expect(s.timelock.connect(s.guardian).cancel(ethers.ZeroHash))
      .to.be.revertedWithCustomError(s.timelock, "AccessControlUnauthorizedAccount")
      .withArgs(s.guardian.address, canceller);
  });

  it("the guardian can neither upgrade, move treasury funds nor change parameters", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const upgrader = s.upgrader;
    await expect(upgrader.connect(s.guardian).upgradeAndVerify(await s.pool.getAddress(), s.stranger.address, "0x", []))
      .to.be.revertedWithCustomError(upgrader, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);
    await expect(s.pool.connect(s.guardian).setFlashPremium(1, 0))
      .to.be.revertedWithCustomError(s.pool, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);
    const treasury = await ethers.getContractAt("KeelTreasury", s.keel.address("Treasury"));
    await expect(treasury.connect(s.guardian).transferToken(s.keel.reserves.USDC.asset, s.guardian.address, 1n))
      .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);
  });
});
