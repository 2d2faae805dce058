import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { KeelAccessManager } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { deployAccessManager } from "../helpers/access.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

describe("KeelAccessManager", () => {
  async function deployFixture() {
    const [admin, upgrader, stranger] = await ethers.getSigners();
    const manager = await deployAccessManager(ethers, upgradesApi, admin);
    const managerAddress = await manager.getAddress();
    const v2Factory = await ethers.getContractFactory("KeelAccessManagerV2Mock");
    const v2Impl = (await upgradesApi.prepareUpgrade(managerAddress, v2Factory, { kind: "uups" })) as string;
    const upgradeSelector = manager.interface.getFunction("upgradeToAndCall").selector;
    return { manager, managerAddress, admin, upgrader, stranger, v2Impl, upgradeSelector };
  }

  async function asV2(manager: KeelAccessManager) {
    return ethers.getContractAt("KeelAccessManagerV2Mock", await manager.getAddress());
  }

  describe("initialize", () => {
    it("initialize: grants ADMIN_ROLE to the initial admin without delay", async () => {
      const { manager, admin, stranger } = await loadFixture(deployFixture);
      expect(await manager.hasRole(Roles.ADMIN, admin.address)).to.deep.equal([true, 0n]);
      expect(await manager.hasRole(Roles.ADMIN, stranger.address)).to.deep.equal([false, 0n]);
    });

    it("version: returns 1.0.0", async () => {
      const { manager } = await loadFixture(deployFixture);
      expect(await manager.version()).to.equal("1.0.0");
    });

    it("initialize: reverts when called a second time", async () => {
      const { manager, stranger } = await loadFixture(deployFixture);
      await expect(manager.initialize(stranger.address)).to.be.revertedWithCustomError(
        manager,
        "InvalidInitialization",
      );
    });

    it("initialize: the implementation cannot be initialised directly", async () => {
      const { managerAddress, stranger } = await loadFixture(deployFixture);
      const implAddress = await upgradesApi.erc1967.getImplementationAddress(managerAddress);
      const impl = await ethers.getContractAt("KeelAccessManager", implAddress);
      await expect(impl.connect(stranger).initialize(stranger.address)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });

    it("initialize: reverts for a zero initial admin", async () => {
      const { managerAddress } = await loadFixture(deployFixture);
      const implAddress = await upgradesApi.erc1967.getImplementationAddress(managerAddress);
      const impl = await ethers.getContractAt("KeelAccessManager", implAddress);
      const data = impl.interface.encodeFunctionData("initialize", [ethers.ZeroAddress]);
      const proxyFactory = await ethers.getContractFactory("ERC1967Proxy");
      await expect(proxyFactory.deploy(implAddress, data))
        .to.be.revertedWithCustomError(impl, "AccessManagerInvalidInitialAdmin")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("role management", () => {
    it("grantRole: the admin grants UPGRADER_ROLE and RoleGranted is emitted", async () => {
      const { manager, upgrader } = await loadFixture(deployFixture);
      await expect(manager.grantRole(Roles.UPGRADER, upgrader.address, 0))
        .to.emit(manager, "RoleGranted")
        .withArgs(Roles.UPGRADER, upgrader.address, 0, (await time.latest()) + 1, true);
      expect((await manager.hasRole(Roles.UPGRADER, upgrader.address))[0]).to.equal(true);
    });

    it("grantRole: reverts for a stranger", async () => {
      const { manager, stranger } = await loadFixture(deployFixture);
      await expect(manager.connect(stranger).grantRole(Roles.UPGRADER, stranger.address, 0))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(stranger.address, Roles.ADMIN);
    });
  });

  describe("upgradeToAndCall", () => {
    it("upgradeToAndCall: the admin may upgrade while the selector is unmapped (ADMIN_ROLE by default)", async () => {
      const { manager, managerAddress, v2Impl } = await loadFixture(deployFixture);
      await expect(manager.upgradeToAndCall(v2Impl, "0x")).to.emit(manager, "Upgraded").withArgs(v2Impl);
      expect(await upgradesApi.erc1967.getImplementationAddress(managerAddress)).to.equal(v2Impl);
      expect(await (await asV2(manager)).version()).to.equal("2.0.0");
    });

    it("upgradeToAndCall: reverts for a stranger", async () => {
      const { manager, stranger, v2Impl } = await loadFixture(deployFixture);
      await expect(manager.connect(stranger).upgradeToAndCall(v2Impl, "0x"))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(stranger.address, Roles.ADMIN);
    });

    it("upgradeToAndCall: once mapped to UPGRADER_ROLE, the upgrader may upgrade and the admin alone may not", async () => {
      const { manager, managerAddress, admin, upgrader, v2Impl, upgradeSelector } = await loadFixture(deployFixture);
      await manager.setTargetFunctionRole(managerAddress, [upgradeSelector], Roles.UPGRADER);
      await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);

      await expect(manager.connect(admin).upgradeToAndCall(v2Impl, "0x"))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(admin.address, Roles.UPGRADER);
      await expect(manager.connect(upgrader).upgradeToAndCall(v2Impl, "0x")).to.emit(manager, "Upgraded");
      // State survives the upgrade.
      const v2 = await asV2(manager);
      expect(await v2.version()).to.equal("2.0.0");
      expect((await v2.hasRole(Roles.ADMIN, admin.address))[0]).to.equal(true);
      expect(await v2.getTargetFunctionRole(managerAddress, upgradeSelector)).to.equal(Roles.UPGRADER);
    });

    it("upgradeToAndCall: hardhat-upgrades upgradeProxy works for the upgrader", async () => {
      const { manager, managerAddress, upgrader, upgradeSelector } = await loadFixture(deployFixture);
      await manager.setTargetFunctionRole(managerAddress, [upgradeSelector], Roles.UPGRADER);
      await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);
      const v2Factory = await ethers.getContractFactory("KeelAccessManagerV2Mock", upgrader);
      const upgraded = await upgradesApi.upgradeProxy(managerAddress, v2Factory, { kind: "uups" });
      expect(await upgraded.getFunction("version")()).to.equal("2.0.0");
    });

    it("upgradeToAndCall: an upgrader with an execution delay must schedule, then the call consumes the schedule", async () => {
      const { manager, managerAddress, upgrader, v2Impl, upgradeSelector } = await loadFixture(deployFixture);
      const delay = 3600;
      await manager.setTargetFunctionRole(managerAddress, [upgradeSelector], Roles.UPGRADER);
      await manager.grantRole(Roles.UPGRADER, upgrader.address, delay);
      const data = manager.interface.encodeFunctionData("upgradeToAndCall", [v2Impl, "0x"]);
      const operationId = await manager.hashOperation(upgrader.address, managerAddress, data);

      await expect(manager.connect(upgrader).upgradeToAndCall(v2Impl, "0x"))
        .to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled")
        .withArgs(operationId);

      await manager.connect(upgrader).schedule(managerAddress, data, 0);
      await expect(manager.connect(upgrader).upgradeToAndCall(v2Impl, "0x")).to.be.revertedWithCustomError(
        manager,
        "AccessManagerNotReady",
      );
      await time.increase(delay);
      await expect(manager.connect(upgrader).upgradeToAndCall(v2Impl, "0x"))
        .to.emit(manager, "OperationExecuted")
        .and.to.emit(manager, "Upgraded");
      expect(await upgradesApi.erc1967.getImplementationAddress(managerAddress)).to.equal(v2Impl);
    });

    it("upgradeToAndCall: works when relayed through the manager's own execute", async () => {
      const { manager, managerAddress, upgrader, v2Impl, upgradeSelector } = await loadFixture(deployFixture);
      await manager.setTargetFunctionRole(managerAddress, [upgradeSelector], Roles.UPGRADER);
      await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);
      const data = manager.interface.encodeFunctionData("upgradeToAndCall", [v2Impl, "0x"]);
      await expect(manager.connect(upgrader).execute(managerAddress, data)).to.emit(manager, "Upgraded");
      expect(await upgradesApi.erc1967.getImplementationAddress(managerAddress)).to.equal(v2Impl);
    });

    it("upgradeToAndCall: execute by a stranger is refused", async () => {
      const { manager, managerAddress, stranger, v2Impl } = await loadFixture(deployFixture);
      const data = manager.interface.encodeFunctionData("upgradeToAndCall", [v2Impl, "0x"]);
      await expect(manager.connect(stranger).execute(managerAddress, data))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedCall")
        .withArgs(stranger.address, managerAddress, upgradeSelectorOf(manager));
    });

    it("upgradeToAndCall: blocked while the manager is closed as a target, allowed again once reopened", async () => {
      const { manager, managerAddress, admin, v2Impl } = await loadFixture(deployFixture);
      await manager.setTargetClosed(managerAddress, true);
      await expect(manager.upgradeToAndCall(v2Impl, "0x"))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(admin.address, Roles.ADMIN);
      await manager.setTargetClosed(managerAddress, false);
      await expect(manager.upgradeToAndCall(v2Impl, "0x")).to.emit(manager, "Upgraded");
    });
  });

  describe("upgrade checks (IUpgradeCheckable)", () => {
    it("configHash / stateDigest: every permission change moves them (grant, revoke, admin, guardian, delays, targets)", async () => {
      const { manager, admin, stranger } = await loadFixture(deployFixture);
      const target = ethers.Wallet.createRandom().address;
      const seen = new Set<string>([await manager.stateDigest()]);
      const [, nonce0] = await manager.configHash();
      const changes = [
        () => manager.connect(admin).grantRole(Roles.GUARDIAN, stranger.address, 0),
        () => manager.connect(admin).revokeRole(Roles.GUARDIAN, stranger.address),
        () => manager.connect(admin).setRoleAdmin(Roles.GUARDIAN, Roles.RISK_ADMIN),
        () => manager.connect(admin).setRoleGuardian(Roles.GUARDIAN, Roles.RISK_ADMIN),
        () => manager.connect(admin).setGrantDelay(Roles.GUARDIAN, 60),
        () => manager.connect(admin).setTargetFunctionRole(target, ["0x12345678"], Roles.GUARDIAN),
        () => manager.connect(admin).setTargetAdminDelay(target, 3600),
        () => manager.connect(admin).setTargetClosed(target, true),
      ];
      for (const change of changes) {
        await change();
        const digest = await manager.stateDigest();
        expect(seen.has(digest)).to.equal(false);
        seen.add(digest);
      }
      const [, nonce] = await manager.configHash();
      expect(nonce).to.be.greaterThanOrEqual(nonce0 + BigInt(changes.length));
    });

    it("implementation / initializedVersion: the proxy reports its ERC-1967 implementation, which is locked", async () => {
      const { manager, managerAddress, stranger } = await loadFixture(deployFixture);
      const impl = await manager.implementation();
      expect(impl).to.equal(await upgradesApi.erc1967.getImplementationAddress(managerAddress));
      expect(await manager.initializedVersion()).to.equal(1n);
      const implementation = await ethers.getContractAt("KeelAccessManager", impl);
      expect(await implementation.initializedVersion()).to.equal(2n ** 64n - 1n);
      await expect(implementation.initialize(stranger.address)).to.be.revertedWithCustomError(
        implementation,
        "InvalidInitialization",
      );
    });
  });

  describe("finding 3 (renounceRole of ADMIN leaves nobody holding ADMIN)", () => {
    it("renounceRole / revokeRole: the last ADMIN_ROLE holder can neither renounce nor be revoked", async () => {
      const { manager, admin } = await loadFixture(deployFixture);
      expect(await manager.adminCount()).to.equal(1n);
      await expect(manager.connect(admin).renounceRole(Roles.ADMIN, admin.address))
        .to.be.revertedWithCustomError(manager, "KeelAccessManagerLastAdmin")
        .withArgs(admin.address);
      await expect(manager.connect(admin).revokeRole(Roles.ADMIN, admin.address))
        .to.be.revertedWithCustomError(manager, "KeelAccessManagerLastAdmin")
        .withArgs(admin.address);
      expect(await manager.hasRole(Roles.ADMIN, admin.address)).to.deep.equal([true, 0n]);
    });

    it("renounceRole: with a second ADMIN_ROLE holder the first may leave; the count follows grants and revocations", async () => {
      const { manager, admin, upgrader } = await loadFixture(deployFixture);
      await manager.connect(admin).grantRole(Roles.ADMIN, upgrader.address, 0);
      await manager.connect(admin).grantRole(Roles.ADMIN, upgrader.address, 0); // re-grant: not a new member
      expect(await manager.adminCount()).to.equal(2n);
      await manager.connect(admin).renounceRole(Roles.ADMIN, admin.address);
      expect(await manager.adminCount()).to.equal(1n);
      await expect(manager.connect(upgrader).renounceRole(Roles.ADMIN, upgrader.address))
        .to.be.revertedWithCustomError(manager, "KeelAccessManagerLastAdmin")
        .withArgs(upgrader.address);
      // Other roles are unaffected: their last holder may leave.
      await manager.connect(upgrader).grantRole(Roles.GUARDIAN, admin.address, 0);
      await manager.connect(admin).renounceRole(Roles.GUARDIAN, admin.address);
      expect((await manager.hasRole(Roles.GUARDIAN, admin.address))[0]).to.equal(false);
    });
  });
});

function upgradeSelectorOf(manager: KeelAccessManager): string {
  return manager.interface.getFunction("upgradeToAndCall").selector;
}
