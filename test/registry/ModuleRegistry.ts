import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { MockModuleConsumer, ModuleRegistry } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { deployAccessManager, restrictFunctions } from "../helpers/access.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const id = (name: string): string => ethers.encodeBytes32String(name);
const ORACLE = id("ORACLE");
const RATE_MODEL = id("RATE_MODEL");
const TREASURY = id("TREASURY");

describe("ModuleRegistry", () => {
  async function deployFixture() {
    const [admin, upgrader, stranger] = await ethers.getSigners();
    const manager = await deployAccessManager(ethers, upgradesApi, admin);
    const factory = await ethers.getContractFactory("ModuleRegistry", admin);
    const registry = (await upgradesApi.deployProxy(factory, [await manager.getAddress()], {
      kind: "uups",
      initializer: "initialize",
    })) as unknown as ModuleRegistry;
    const registryAddress = await registry.getAddress();
    await restrictFunctions(manager, registry, ["setModule", "setConsumer"], Roles.ADMIN);
    await restrictFunctions(manager, registry, ["upgradeToAndCall"], Roles.UPGRADER);
    await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);

    const consumerA = await ethers.deployContract("MockModuleConsumer");
    const consumerB = await ethers.deployContract("MockModuleConsumer");
    // Any contract will do as a module address.
    const moduleX = await ethers.deployContract("MockModuleConsumer");
    const moduleY = await ethers.deployContract("MockModuleConsumer");
    const moduleZ = await ethers.deployContract("MockModuleConsumer");
    return {
      manager,
      registry,
      registryAddress,
      admin,
      upgrader,
      stranger,
      consumerA,
      consumerB,
      x: await moduleX.getAddress(),
      y: await moduleY.getAddress(),
      z: await moduleZ.getAddress(),
    };
  }

  async function subscribedFixture() {
    const f = await deployFixture();
    await f.registry.setConsumer(await f.consumerA.getAddress(), true);
    await f.registry.setConsumer(await f.consumerB.getAddress(), true);
    return f;
  }

  describe("initialize", () => {
    it("initialize: sets the authority and version 1.0.0", async () => {
      const { registry, manager } = await loadFixture(deployFixture);
      expect(await registry.authority()).to.equal(await manager.getAddress());
      expect(await registry.version()).to.equal("1.0.0");
      expect(await registry.MAX_CONSUMERS()).to.equal(16n);
      expect(await registry.moduleIds()).to.deep.equal([]);
      expect(await registry.consumers()).to.deep.equal([]);
    });

    it("initialize: reverts when called a second time", async () => {
      const { registry, stranger } = await loadFixture(deployFixture);
      await expect(registry.initialize(stranger.address)).to.be.revertedWithCustomError(
        registry,
        "InvalidInitialization",
      );
    });

    it("initialize: the implementation cannot be initialised directly", async () => {
      const { registryAddress, stranger } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "ModuleRegistry",
        await upgradesApi.erc1967.getImplementationAddress(registryAddress),
      );
      await expect(impl.initialize(stranger.address)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    });
  });

  describe("views", () => {
    it("getModule: returns zero for an unknown id", async () => {
      const { registry } = await loadFixture(deployFixture);
      expect(await registry.getModule(ORACLE)).to.equal(ethers.ZeroAddress);
    });

    it("requireModule: reverts with RegistryModuleNotFound for an unknown id", async () => {
      const { registry } = await loadFixture(deployFixture);
      await expect(registry.requireModule(ORACLE))
        .to.be.revertedWithCustomError(registry, "RegistryModuleNotFound")
        .withArgs(ORACLE);
    });

    it("requireModule: returns the address of a registered id", async () => {
      const { registry, x } = await loadFixture(deployFixture);
      await registry.setModule(ORACLE, x);
      expect(await registry.requireModule(ORACLE)).to.equal(x);
    });
  });

  describe("setModule", () => {
    it("setModule: stores a new module, lists its id and emits ModuleSet(id, 0, module)", async () => {
      const { registry, x, y } = await loadFixture(deployFixture);
      await expect(registry.setModule(ORACLE, x))
        .to.emit(registry, "ModuleSet")
        .withArgs(ORACLE, ethers.ZeroAddress, x);
      await registry.setModule(RATE_MODEL, y);
      expect(await registry.getModule(ORACLE)).to.equal(x);
      expect(await registry.getModule(RATE_MODEL)).to.equal(y);
      expect(await registry.moduleIds()).to.deep.equal([ORACLE, RATE_MODEL]);
    });

    it("setModule: replacing emits ModuleSet(id, old, new) and does not duplicate the id", async () => {
      const { registry, x, y } = await loadFixture(deployFixture);
      await registry.setModule(ORACLE, x);
      await expect(registry.setModule(ORACLE, y)).to.emit(registry, "ModuleSet").withArgs(ORACLE, x, y);
      expect(await registry.getModule(ORACLE)).to.equal(y);
      expect(await registry.moduleIds()).to.deep.equal([ORACLE]);
    });

    it("setModule: notifies every subscribed consumer in the same transaction", async () => {
      const { registry, registryAddress, consumerA, consumerB, x } = await loadFixture(subscribedFixture);
      await expect(registry.setModule(ORACLE, x))
        .to.emit(consumerA, "Notified")
        .withArgs(ORACLE, x)
        .and.to.emit(consumerB, "Notified")
        .withArgs(ORACLE, x);
      for (const consumer of [consumerA, consumerB]) {
        expect(await consumer.modules(ORACLE)).to.equal(x);
        expect(await consumer.calls()).to.equal(1n);
        expect(await consumer.lastCaller()).to.equal(registryAddress);
      }
    });

    it("setModule: setting the same address again re-pushes it to consumers", async () => {
      const { registry, consumerA, x } = await loadFixture(subscribedFixture);
      await registry.setModule(ORACLE, x);
      await expect(registry.setModule(ORACLE, x)).to.emit(registry, "ModuleSet").withArgs(ORACLE, x, x);
      expect(await consumerA.calls()).to.equal(2n);
    });

    it("setModule: a zero address removes the module, keeps the order of the other ids and tells consumers", async () => {
      const { registry, consumerA, x, y, z } = await loadFixture(subscribedFixture);
      await registry.setModule(ORACLE, x);
      await registry.setModule(RATE_MODEL, y);
      await registry.setModule(TREASURY, z);
      await expect(registry.setModule(ORACLE, ethers.ZeroAddress))
        .to.emit(registry, "ModuleSet")
        .withArgs(ORACLE, x, ethers.ZeroAddress);
      expect(await registry.getModule(ORACLE)).to.equal(ethers.ZeroAddress);
      expect(await registry.moduleIds()).to.deep.equal([RATE_MODEL, TREASURY]);
      expect(await consumerA.modules(ORACLE)).to.equal(ethers.ZeroAddress);
      // Removing the last id works too.
      await registry.setModule(TREASURY, ethers.ZeroAddress);
      expect(await registry.moduleIds()).to.deep.equal([RATE_MODEL]);
      // And an id can be registered again after removal.
      await registry.setModule(ORACLE, y);
      expect(await registry.moduleIds()).to.deep.equal([RATE_MODEL, ORACLE]);
    });

    it("setModule: removing an unknown id reverts with RegistryModuleNotFound", async () => {
      const { registry } = await loadFixture(deployFixture);
      await expect(registry.setModule(ORACLE, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(registry, "RegistryModuleNotFound")
        .withArgs(ORACLE);
    });

    it("setModule: reverts with RegistryZeroValue for a zero id", async () => {
      const { registry, x } = await loadFixture(deployFixture);
      await expect(registry.setModule(ethers.ZeroHash, x)).to.be.revertedWithCustomError(registry, "RegistryZeroValue");
    });

    it("setModule: reverts with RegistryNotContract for an address without code", async () => {
      const { registry, stranger } = await loadFixture(deployFixture);
      await expect(registry.setModule(ORACLE, stranger.address))
        .to.be.revertedWithCustomError(registry, "RegistryNotContract")
        .withArgs(stranger.address);
    });

    it("setModule: a reverting consumer reverts the whole change", async () => {
      const { registry, consumerA, consumerB, x, y } = await loadFixture(subscribedFixture);
      await registry.setModule(ORACLE, x);
      await consumerB.setShouldRevert(true);
      await expect(registry.setModule(ORACLE, y))
        .to.be.revertedWithCustomError(consumerB, "MockConsumerRefused")
        .withArgs(ORACLE, y);
      expect(await registry.getModule(ORACLE)).to.equal(x);
      expect(await consumerA.modules(ORACLE)).to.equal(x);
    });

    it("setModule: reverts for a stranger", async () => {
      const { registry, stranger, x } = await loadFixture(deployFixture);
      await expect(registry.connect(stranger).setModule(ORACLE, x))
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("setConsumer", () => {
    it("setConsumer: subscribes, emits ConsumerSet(consumer, true) and lists it", async () => {
      const { registry, consumerA } = await loadFixture(deployFixture);
      const a = await consumerA.getAddress();
      await expect(registry.setConsumer(a, true)).to.emit(registry, "ConsumerSet").withArgs(a, true);
      expect(await registry.consumers()).to.deep.equal([a]);
      expect(await registry.isConsumer(a)).to.equal(true);
    });

    it("setConsumer: unsubscribes, emits ConsumerSet(consumer, false) and stops notifying it", async () => {
      const { registry, consumerA, consumerB, x } = await loadFixture(subscribedFixture);
      const a = await consumerA.getAddress();
      const b = await consumerB.getAddress();
      await expect(registry.setConsumer(a, false)).to.emit(registry, "ConsumerSet").withArgs(a, false);
      expect(await registry.consumers()).to.deep.equal([b]);
      expect(await registry.isConsumer(a)).to.equal(false);
      await registry.setModule(ORACLE, x);
      expect(await consumerA.calls()).to.equal(0n);
      expect(await consumerB.calls()).to.equal(1n);
    });

    it("setConsumer: unsubscribing the last consumer leaves the others in place", async () => {
      const { registry, consumerA, consumerB } = await loadFixture(subscribedFixture);
      await registry.setConsumer(await consumerB.getAddress(), false);
      expect(await registry.consumers()).to.deep.equal([await consumerA.getAddress()]);
    });

    it("setConsumer: reverts with RegistryConsumerState when already subscribed", async () => {
      const { registry, consumerA } = await loadFixture(subscribedFixture);
      const a = await consumerA.getAddress();
      await expect(registry.setConsumer(a, true))
        .to.be.revertedWithCustomError(registry, "RegistryConsumerState")
        .withArgs(a, true);
    });

    it("setConsumer: reverts with RegistryConsumerState when unsubscribing an unknown consumer", async () => {
      const { registry, consumerA } = await loadFixture(deployFixture);
      const a = await consumerA.getAddress();
      await expect(registry.setConsumer(a, false))
        .to.be.revertedWithCustomError(registry, "RegistryConsumerState")
        .withArgs(a, false);
    });

    it("setConsumer: reverts with RegistryZeroValue for the zero address", async () => {
      const { registry } = await loadFixture(deployFixture);
      await expect(registry.setConsumer(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        registry,
        "RegistryZeroValue",
      );
    });

    it("setConsumer: reverts with RegistryNotContract for an address without code", async () => {
      const { registry, stranger } = await loadFixture(deployFixture);
      await expect(registry.setConsumer(stranger.address, true))
        .to.be.revertedWithCustomError(registry, "RegistryNotContract")
        .withArgs(stranger.address);
    });

    it("setConsumer: reverts with RegistryTooManyConsumers beyond MAX_CONSUMERS", async () => {
      const { registry } = await loadFixture(deployFixture);
      const list: MockModuleConsumer[] = [];
      for (let i = 0; i < 17; i++) list.push(await ethers.deployContract("MockModuleConsumer"));
      for (const c of list.slice(0, 16)) await registry.setConsumer(await c.getAddress(), true);
      expect((await registry.consumers()).length).to.equal(16);
      await expect(registry.setConsumer(await list[16].getAddress(), true))
        .to.be.revertedWithCustomError(registry, "RegistryTooManyConsumers")
        .withArgs(16n);
    });

    it("setConsumer: reverts for a stranger", async () => {
      const { registry, stranger, consumerA } = await loadFixture(deployFixture);
      await expect(registry.connect(stranger).setConsumer(await consumerA.getAddress(), true))
        .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("upgradeToAndCall", () => {
    it("upgradeToAndCall: the upgrader upgrades and the modules survive", async () => {
      const { registry, registryAddress, upgrader, x } = await loadFixture(deployFixture);
      await registry.setModule(ORACLE, x);
      const v2Factory = await ethers.getContractFactory("ModuleRegistryV2Mock", upgrader);
      const upgraded = await upgradesApi.upgradeProxy(registryAddress, v2Factory, { kind: "uups" });
      expect(await upgraded.getFunction("version")()).to.equal("2.0.0");
      expect(await registry.getModule(ORACLE)).to.equal(x);
    });

    it("upgradeToAndCall: reverts for a stranger (and for the admin without UPGRADER_ROLE)", async () => {
      const { registry, registryAddress, admin, stranger } = await loadFixture(deployFixture);
      const v2Factory = await ethers.getContractFactory("ModuleRegistryV2Mock");
      const impl = (await upgradesApi.prepareUpgrade(registryAddress, v2Factory, { kind: "uups" })) as string;
      for (const caller of [stranger, admin]) {
        await expect(registry.connect(caller).upgradeToAndCall(impl, "0x"))
          .to.be.revertedWithCustomError(registry, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });
});
