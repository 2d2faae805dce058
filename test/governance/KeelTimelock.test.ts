import { expect } from "chai";
import hre from "hardhat";
import type { BytesLike } from "ethers";
import type { KeelTimelock, MockCreate2Factory, MockGovernanceTarget } from "../../types/ethers-contracts/index.js";
import { CRITICAL_SIGNATURES, DAY, GOV, selectorOf } from "../helpers/governance.js";

const { ethers, networkHelpers } = await hre.network.create();
const { loadFixture, time } = networkHelpers;

const ZERO = ethers.ZeroHash;

describe("KeelTimelock", () => {
  async function deployTimelock() {
    const [deployer, proposer, executor, guardian, stranger] = await ethers.getSigners();
    const critical = CRITICAL_SIGNATURES.map((s) => selectorOf(s, ethers.id));
    const timelock = (await ethers.deployContract("KeelTimelock", [
      GOV.minDelay,
      GOV.criticalDelay,
      [proposer.address],
      [executor.address],
      deployer.address,
      critical,
    ])) as unknown as KeelTimelock;
    await timelock.grantRole(await timelock.CANCELLER_ROLE(), guardian.address);
    await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address);
    const target = (await ethers.deployContract("MockGovernanceTarget", [
      await timelock.getAddress(),
    ])) as unknown as MockGovernanceTarget;
    const factory = (await ethers.deployContract("MockCreate2Factory")) as unknown as MockCreate2Factory;
    return { timelock, target, factory, deployer, proposer, executor, guardian, stranger };
  }

  /** Schedules a single call as `proposer` and returns the operation id. */
  async function scheduleOne(
    timelock: KeelTimelock,
    proposer: Awaited<ReturnType<typeof ethers.getSigners>>[number],
    target: string,
    data: BytesLike,
    delay: bigint,
    salt: string = ZERO,
  ): Promise<string> {
    await timelock.connect(proposer).schedule(target, 0, data, ZERO, salt, delay);
    return timelock.hashOperation(target, 0, data, ZERO, salt);
  }

  describe("deployment", () => {
    it("constructor: sets both tiers and the critical set, including its own setters and role functions", async () => {
      const { timelock } = await loadFixture(deployTimelock);
      expect(await timelock.getMinDelay()).to.equal(GOV.minDelay);
      expect(await timelock.getCriticalDelay()).to.equal(GOV.criticalDelay);
      for (const sig of [
        ...CRITICAL_SIGNATURES,
        "setCriticalDelay(uint256)",
        "setCriticalSelector(bytes4,bool)",
        "updateDelay(uint256)",
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
      ]) {
        expect(await timelock.isCriticalSelector(selectorOf(sig, ethers.id)), sig).to.equal(true);
      }
      expect(await timelock.isCriticalSelector(selectorOf("setParam(uint256)", ethers.id))).to.equal(false);
    });

    it("constructor: reverts when the critical delay is out of bounds", async () => {
      const [deployer] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("KeelTimelock");
      await expect(factory.deploy(GOV.minDelay, 31n * DAY, [], [], deployer.address, []))
        .to.be.revertedWithCustomError(factory, "TimelockCriticalDelayOutOfBounds")
        .withArgs(31n * DAY, DAY, 30n * DAY);
      await expect(factory.deploy(GOV.minDelay, DAY - 1n, [], [], deployer.address, []))
        .to.be.revertedWithCustomError(factory, "TimelockCriticalDelayOutOfBounds")
        .withArgs(DAY - 1n, DAY, 30n * DAY);
    });
  });

  describe("two tiers", () => {
    it("requiredDelay: base for a parameter call, critical when any call of the batch is critical", async () => {
      const { timelock, target } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const param = target.interface.encodeFunctionData("setParam", [7n]);
      const mod = target.interface.encodeFunctionData("setModule", [ZERO, t]);
      expect(await timelock.requiredDelay([t], [param])).to.equal(GOV.minDelay);
      expect(await timelock.requiredDelay([t], [mod])).to.equal(GOV.criticalDelay);
      expect(await timelock.requiredDelay([t, t], [param, mod])).to.equal(GOV.criticalDelay);
      expect(await timelock.requiredDelay([t], ["0x"])).to.equal(GOV.minDelay);
      await expect(timelock.requiredDelay([t, t], [param]))
        .to.be.revertedWithCustomError(timelock, "TimelockLengthMismatch")
        .withArgs(2n, 1n);
    });

    it("schedule: a parameter call is executable after the base delay", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const data = target.interface.encodeFunctionData("setParam", [7n]);
      const id = await scheduleOne(timelock, proposer, await target.getAddress(), data, GOV.minDelay);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + GOV.minDelay);
      await time.increase(GOV.minDelay);
      await timelock.connect(executor).execute(await target.getAddress(), 0, data, ZERO, ZERO);
      expect(await target.param()).to.equal(7n);
    });

    it("schedule: raises a critical call's delay to the critical floor and it cannot run after the base delay", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const data = target.interface.encodeFunctionData("setModule", [ZERO, executor.address]);
      const id = await timelock.hashOperation(t, 0, data, ZERO, ZERO);
      await expect(timelock.connect(proposer).schedule(t, 0, data, ZERO, ZERO, GOV.minDelay))
        .to.emit(timelock, "DelayRaised")
        .withArgs(id, GOV.minDelay, GOV.criticalDelay)
        .and.to.emit(timelock, "CallScheduled")
        .withArgs(id, 0n, t, 0n, data, ZERO, GOV.criticalDelay);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + GOV.criticalDelay);

      await time.increase(GOV.minDelay);
      await expect(timelock.connect(executor).execute(t, 0, data, ZERO, ZERO)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increase(GOV.criticalDelay - GOV.minDelay);
      await timelock.connect(executor).execute(t, 0, data, ZERO, ZERO);
      expect(await target.module()).to.equal(executor.address);
    });

    it("scheduleBatch: one critical call makes the whole batch wait the critical delay", async () => {
      const { timelock, target, proposer } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const datas = [
        target.interface.encodeFunctionData("setParam", [1n]),
        target.interface.encodeFunctionData("setModule", [ZERO, t]),
      ];
      const id = await timelock.hashOperationBatch([t, t], [0, 0], datas, ZERO, ZERO);
      await expect(timelock.connect(proposer).scheduleBatch([t, t], [0, 0], datas, ZERO, ZERO, GOV.minDelay))
        .to.emit(timelock, "DelayRaised")
        .withArgs(id, GOV.minDelay, GOV.criticalDelay);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + GOV.criticalDelay);
    });

    it("schedule: a delay longer than required is kept as is", async () => {
      const { timelock, target, proposer } = await loadFixture(deployTimelock);
      const data = target.interface.encodeFunctionData("setModule", [ZERO, ethers.ZeroAddress]);
      const id = await scheduleOne(timelock, proposer, await target.getAddress(), data, 10n * DAY);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + 10n * DAY);
    });

    it("schedule: reverts below the base delay, like OpenZeppelin, even for a critical call", async () => {
      const { timelock, target, proposer } = await loadFixture(deployTimelock);
      const data = target.interface.encodeFunctionData("setModule", [ZERO, ethers.ZeroAddress]);
      await expect(
        timelock.connect(proposer).schedule(await target.getAddress(), 0, data, ZERO, ZERO, GOV.minDelay - 1n),
      )
        .to.be.revertedWithCustomError(timelock, "TimelockInsufficientDelay")
        .withArgs(GOV.minDelay - 1n, GOV.minDelay);
    });

    it("schedule / scheduleBatch / execute: refuse a stranger", async () => {
      const { timelock, target, proposer, stranger } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const data = target.interface.encodeFunctionData("setParam", [1n]);
      const proposerRole = await timelock.PROPOSER_ROLE();
      await expect(timelock.connect(stranger).schedule(t, 0, data, ZERO, ZERO, GOV.minDelay))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, proposerRole);
      await expect(timelock.connect(stranger).scheduleBatch([t], [0], [data], ZERO, ZERO, GOV.minDelay))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, proposerRole);
      await scheduleOne(timelock, proposer, t, data, GOV.minDelay);
      await time.increase(GOV.minDelay);
      await expect(timelock.connect(stranger).execute(t, 0, data, ZERO, ZERO))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await timelock.EXECUTOR_ROLE());
    });
  });

  describe("self-governed settings", () => {
    it("setCriticalDelay: refuses a stranger and even a proposer calling directly", async () => {
      const { timelock, proposer, stranger } = await loadFixture(deployTimelock);
      for (const caller of [stranger, proposer]) {
        await expect(timelock.connect(caller).setCriticalDelay(7n * DAY))
          .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
          .withArgs(caller.address);
      }
    });

    it("setCriticalSelector: refuses a stranger", async () => {
      const { timelock, stranger } = await loadFixture(deployTimelock);
      await expect(timelock.connect(stranger).setCriticalSelector("0x12345678", true))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(stranger.address);
    });

    it("setCriticalDelay: works through a self-call that itself waits the critical delay, and emits old/new", async () => {
      const { timelock, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const data = timelock.interface.encodeFunctionData("setCriticalDelay", [7n * DAY]);
      const id = await scheduleOne(timelock, proposer, self, data, GOV.minDelay);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
        .to.emit(timelock, "SetCriticalDelay")
        .withArgs(GOV.criticalDelay, 7n * DAY);
      expect(await timelock.getCriticalDelay()).to.equal(7n * DAY);
    });

    it("setCriticalDelay: a self-call out of bounds reverts", async () => {
      const { timelock, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const data = timelock.interface.encodeFunctionData("setCriticalDelay", [31n * DAY]);
      await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
        .to.be.revertedWithCustomError(timelock, "TimelockCriticalDelayOutOfBounds")
        .withArgs(31n * DAY, DAY, 30n * DAY);
    });

    it("setCriticalSelector: a self-call makes setParam critical for operations scheduled afterwards", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const selector = selectorOf("setParam(uint256)", ethers.id);
      const data = timelock.interface.encodeFunctionData("setCriticalSelector", [selector, true]);
      await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
        .to.emit(timelock, "SetCriticalSelector")
        .withArgs(selector, false, true);
      const param = target.interface.encodeFunctionData("setParam", [1n]);
      expect(await timelock.requiredDelay([await target.getAddress()], [param])).to.equal(GOV.criticalDelay);
    });

    it("requiredDelay: the critical floor follows the base delay when the base is raised above it", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const data = timelock.interface.encodeFunctionData("updateDelay", [6n * DAY]);
      await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await timelock.connect(executor).execute(self, 0, data, ZERO, ZERO);
      const mod = target.interface.encodeFunctionData("setModule", [ZERO, self]);
      expect(await timelock.requiredDelay([await target.getAddress()], [mod])).to.equal(6n * DAY);
    });
  });

  describe("code pinning", () => {
    it("execute: reverts with TimelockCodeChanged when an empty target gets code (CREATE2) after scheduling", async () => {
      const { timelock, factory, proposer, executor } = await loadFixture(deployTimelock);
      const Target = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Target.getDeployTransaction(await timelock.getAddress())).data;
      const salt = ethers.id("metamorphic");
      const predicted = await factory.computeAddress(salt, initCode);
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");

      const data = Target.interface.encodeFunctionData("setParam", [42n]);
      const id = await scheduleOne(timelock, proposer, predicted, data, GOV.minDelay);
      expect(await timelock.codePinOf(id)).to.equal(await timelock.computeCodePin([predicted], [data]));

      await factory.deploy(salt, initCode); // code appears at the scheduled target
      await time.increase(GOV.minDelay);
      await expect(timelock.connect(executor).execute(predicted, 0, data, ZERO, ZERO))
        .to.be.revertedWithCustomError(timelock, "TimelockCodeChanged")
        .withArgs(id);
    });

    it("executeBatch: reverts when the implementation given to upgradeToAndCall gets code after scheduling", async () => {
      const { timelock, target, factory, proposer, executor } = await loadFixture(deployTimelock);
      const Impl = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Impl.getDeployTransaction(executor.address)).data;
      const salt = ethers.id("impl");
      const impl = await factory.computeAddress(salt, initCode);
      const iface = new ethers.Interface(["function upgradeToAndCall(address,bytes)"]);
      const t = await target.getAddress();
      const datas = [iface.encodeFunctionData("upgradeToAndCall", [impl, "0x"])];
      await timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay);
      const id = await timelock.hashOperationBatch([t], [0], datas, ZERO, ZERO);

      await factory.deploy(salt, initCode);
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).executeBatch([t], [0], datas, ZERO, ZERO))
        .to.be.revertedWithCustomError(timelock, "TimelockCodeChanged")
        .withArgs(id);
    });

    it("executeBatch: reverts when the implementation given to KeelUpgrader.upgradeAndVerify gets code after scheduling", async () => {
      const { timelock, target, factory, proposer, executor } = await loadFixture(deployTimelock);
      const Impl = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Impl.getDeployTransaction(executor.address)).data;
      const iface = new ethers.Interface([
        "function upgradeAndVerify(address,address,bytes,(address,bytes)[])",
        "function rollbackAndVerify(address,address,(address,bytes)[])",
      ]);
      const t = await target.getAddress();
      for (const [salt, make] of [
        [ethers.id("verified-impl"), (impl: string) => iface.encodeFunctionData("upgradeAndVerify", [t, impl, "0x", []])],
        [ethers.id("rollback-impl"), (impl: string) => iface.encodeFunctionData("rollbackAndVerify", [t, impl, []])],
      ] as const) {
        const impl = await factory.computeAddress(salt, initCode);
        const datas = [make(impl)];
        await timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay);
        const id = await timelock.hashOperationBatch([t], [0], datas, ZERO, ZERO);
        // The pin covers the implementation: it differs from a pin of the target alone.
        expect(await timelock.codePinOf(id)).to.equal(await timelock.computeCodePin([t], datas));
        expect(await timelock.codePinOf(id)).to.not.equal(await timelock.computeCodePin([t], ["0x"]));
        await factory.deploy(salt, initCode);
        await time.increase(GOV.criticalDelay);
        await expect(timelock.connect(executor).executeBatch([t], [0], datas, ZERO, ZERO))
          .to.be.revertedWithCustomError(timelock, "TimelockCodeChanged")
          .withArgs(id);
      }
    });

    it("execute: runs when no code changed, and drops the pin afterwards", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const data = target.interface.encodeFunctionData("setParam", [5n]);
      const id = await scheduleOne(timelock, proposer, t, data, GOV.minDelay);
      expect(await timelock.codePinOf(id)).to.not.equal(ZERO);
      await time.increase(GOV.minDelay);
      await timelock.connect(executor).execute(t, 0, data, ZERO, ZERO);
      expect(await timelock.codePinOf(id)).to.equal(ZERO);
      expect(await target.param()).to.equal(5n);
    });

    it("execute: sending wei to an empty target after scheduling does not block the operation", async () => {
      const { timelock, proposer, executor, stranger } = await loadFixture(deployTimelock);
      const empty = ethers.Wallet.createRandom().address;
      const id = await scheduleOne(timelock, proposer, empty, "0x", GOV.minDelay);
      await stranger.sendTransaction({ to: empty, value: 1n }); // codehash goes from 0 to keccak256("")
      await time.increase(GOV.minDelay);
      await expect(timelock.connect(executor).execute(empty, 0, "0x", ZERO, ZERO))
        .to.emit(timelock, "CallExecuted")
        .withArgs(id, 0n, empty, 0n, "0x");
    });
  });

  describe("cancel", () => {
    it("cancel: the guardian (CANCELLER_ROLE) cancels a pending operation and its pin is dropped", async () => {
      const { timelock, target, proposer, executor, guardian } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const data = target.interface.encodeFunctionData("setParam", [9n]);
      const id = await scheduleOne(timelock, proposer, t, data, GOV.minDelay);
      await expect(timelock.connect(guardian).cancel(id)).to.emit(timelock, "Cancelled").withArgs(id);
      expect(await timelock.codePinOf(id)).to.equal(ZERO);
      await time.increase(GOV.minDelay);
      await expect(timelock.connect(executor).execute(t, 0, data, ZERO, ZERO)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnexpectedOperationState",
      );
    });

    it("cancel: refuses a stranger", async () => {
      const { timelock, target, proposer, stranger } = await loadFixture(deployTimelock);
      const data = target.interface.encodeFunctionData("setParam", [9n]);
      const id = await scheduleOne(timelock, proposer, await target.getAddress(), data, GOV.minDelay);
      await expect(timelock.connect(stranger).cancel(id))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await timelock.CANCELLER_ROLE());
    });
  });
});
