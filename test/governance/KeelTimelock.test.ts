import { expect } from "chai";
import hre from "hardhat";
import type { BytesLike } from "ethers";
import type { KeelTimelock } from "../../types/ethers-contracts/index.js";
import { DAY, GOV, selectorOf } from "../helpers/governance.js";

const { ethers, networkHelpers } = await hre.network.create();
const { loadFixture, time } = networkHelpers;

const ZERO = ethers.ZeroHash;

describe("KeelTimelock", () => {
  async function deployTimelock() {
    const [deployer, proposer, executor, guardian, stranger] = await ethers.getSigners();
    const timelock = await ethers.deployContract("KeelTimelock", [
      GOV.minDelay,
      GOV.criticalDelay,
      [proposer.address],
      [executor.address],
      deployer.address,
    ]);
    await timelock.grantRole(await timelock.CANCELLER_ROLE(), guardian.address);
    const target = await ethers.deployContract("MockGovernanceTarget", [await timelock.getAddress()]);
    // Bootstrap (the deployer still holds DEFAULT_ADMIN_ROLE): setParam is the one base-tier call; revoking the
    // guardian's CANCELLER_ROLE and the mock's "unpause" (setParam(0) stands in: any argument) are cancel-protected.
    await timelock.setBaseTierCalls(await target.getAddress(), [selectorOf("setParam(uint256)")], true);
    await timelock.setCancelProtectedCall(
      await timelock.getAddress(),
      selectorOf("revokeRole(bytes32,address)"),
      true,
      await timelock.CANCELLER_ROLE(),
      true,
    );
    await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address);
    const factory = await ethers.deployContract("MockCreate2Factory");
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
    it("constructor: sets both tiers; only the allow-listed call is base tier, every other call is critical", async () => {
      const { timelock, target } = await loadFixture(deployTimelock);
      expect(await timelock.getMinDelay()).to.equal(GOV.minDelay);
      expect(await timelock.getCriticalDelay()).to.equal(GOV.criticalDelay);
      const t = await target.getAddress();
      expect(await timelock.isBaseTier(t, selectorOf("setParam(uint256)"))).to.equal(true);
      for (const sig of ["setModule(bytes32,address)", "upgradeToAndCall(address,bytes)", "anythingNew()"]) {
        expect(await timelock.isBaseTier(t, selectorOf(sig)), sig).to.equal(false);
      }
      // The same selector on another contract is not allow-listed: tiers are per (target, selector).
      expect(await timelock.isBaseTier(await timelock.getAddress(), selectorOf("setParam(uint256)"))).to.equal(false);
    });

    it("constructor: reverts when the critical delay is out of bounds", async () => {
      const [deployer] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("KeelTimelock");
      await expect(factory.deploy(GOV.minDelay, 31n * DAY, [], [], deployer.address))
        .to.be.revertedWithCustomError(factory, "TimelockCriticalDelayOutOfBounds")
        .withArgs(31n * DAY, DAY, 30n * DAY);
      await expect(factory.deploy(GOV.minDelay, DAY - 1n, [], [], deployer.address))
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
      // A plain value transfer is not an allow-listed call: critical.
      expect(await timelock.requiredDelay([t], ["0x"])).to.equal(GOV.criticalDelay);
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

    it("setBaseTierCalls / setCancelProtectedCall: refuse a stranger, a proposer and the deployer after it renounced", async () => {
      const { timelock, target, deployer, proposer, stranger } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      for (const caller of [stranger, proposer, deployer]) {
        await expect(timelock.connect(caller).setBaseTierCalls(t, ["0x12345678"], true))
          .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
          .withArgs(caller.address);
        await expect(timelock.connect(caller).setCancelProtectedCall(t, "0x12345678", false, ZERO, true))
          .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
          .withArgs(caller.address);
      }
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

    it("setBaseTierCalls: a critical self-call takes setParam off the allow-list for operations scheduled afterwards", async () => {
      const { timelock, target, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const t = await target.getAddress();
      const selector = selectorOf("setParam(uint256)");
      const data = timelock.interface.encodeFunctionData("setBaseTierCalls", [t, [selector], false]);
      const id = await scheduleOne(timelock, proposer, self, data, GOV.minDelay);
      expect(await timelock.getTimestamp(id)).to.equal(BigInt(await time.latest()) + GOV.criticalDelay); // self-call: critical
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
        .to.emit(timelock, "BaseTierCallSet")
        .withArgs(t, selector, true, false);
      const param = target.interface.encodeFunctionData("setParam", [1n]);
      expect(await timelock.requiredDelay([t], [param])).to.equal(GOV.criticalDelay);
    });

    it("setBaseTierCalls: the timelock's own functions can never be allow-listed", async () => {
      const { timelock, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const data = timelock.interface.encodeFunctionData("setBaseTierCalls", [
        self,
        [selectorOf("updateDelay(uint256)")],
        true,
      ]);
      await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
        .to.be.revertedWithCustomError(timelock, "TimelockInvalidBaseTierTarget")
        .withArgs(self);
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

    it("scheduleBatch: an implementation given to upgradeToAndCall must have code when scheduled (it cannot get code after the vote)", async () => {
      const { timelock, target, factory, proposer } = await loadFixture(deployTimelock);
      const Impl = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Impl.getDeployTransaction(proposer.address)).data;
      const salt = ethers.id("impl");
      const impl = await factory.computeAddress(salt, initCode);
      const iface = new ethers.Interface(["function upgradeToAndCall(address,bytes)"]);
      const t = await target.getAddress();
      const datas = [iface.encodeFunctionData("upgradeToAndCall", [impl, "0x"])];
      await expect(timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay))
        .to.be.revertedWithCustomError(timelock, "TimelockImplementationWithoutCode")
        .withArgs(impl);
      await factory.deploy(salt, initCode); // deployed before proposing (prepareUpgrade): now it can be scheduled
      await timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay);
      const id = await timelock.hashOperationBatch([t], [0], datas, ZERO, ZERO);
      expect(await timelock.codePinOf(id)).to.equal(await timelock.computeCodePin([t], datas));
      expect(await timelock.codePinOf(id)).to.not.equal(await timelock.computeCodePin([t], ["0x"]));
    });

    it("scheduleBatch: the implementation given to KeelUpgrader.upgradeAndVerify / rollbackAndVerify must have code", async () => {
      const { timelock, target, factory, proposer } = await loadFixture(deployTimelock);
      const Impl = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Impl.getDeployTransaction(proposer.address)).data;
      const iface = new ethers.Interface([
        "function upgradeAndVerify(address,address,bytes,(address,bytes)[])",
        "function rollbackAndVerify(address,address,(address,bytes)[])",
      ]);
      const t = await target.getAddress();
      for (const [salt, make] of [
        [
          ethers.id("verified-impl"),
          (impl: string) => iface.encodeFunctionData("upgradeAndVerify", [t, impl, "0x", []]),
        ],
        [ethers.id("rollback-impl"), (impl: string) => iface.encodeFunctionData("rollbackAndVerify", [t, impl, []])],
      ] as const) {
        const impl = await factory.computeAddress(salt, initCode);
        const datas = [make(impl)];
        await expect(timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay))
          .to.be.revertedWithCustomError(timelock, "TimelockImplementationWithoutCode")
          .withArgs(impl);
        await factory.deploy(salt, initCode);
        await timelock.connect(proposer).scheduleBatch([t], [0], datas, ZERO, ZERO, GOV.criticalDelay);
        const id = await timelock.hashOperationBatch([t], [0], datas, ZERO, ZERO);
        // The pin covers the implementation: it differs from a pin of the target alone.
        expect(await timelock.codePinOf(id)).to.equal(await timelock.computeCodePin([t], datas));
        expect(await timelock.codePinOf(id)).to.not.equal(await timelock.computeCodePin([t], ["0x"]));
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
      const id = await scheduleOne(timelock, proposer, empty, "0x", GOV.minDelay); // a value transfer: critical tier
      await stranger.sendTransaction({ to: empty, value: 1n }); // codehash goes from 0 to keccak256("")
      await time.increase(GOV.criticalDelay);
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

  describe("finding 7 (code pinning misses implementations named inside nested calls)", () => {
    const upgradeIface = new ethers.Interface([
      "function upgradeToAndCall(address,bytes)",
      "function upgradeAndVerify(address,address,bytes,(address,bytes)[])",
      "function execute(address,bytes)",
      "function schedule(address,bytes,uint48)",
      "function multicall(bytes[])",
      "function relay(address,uint256,bytes)",
    ]);

    /** Every wrapper the review named, each carrying `upgradeToAndCall(impl, "0x")` on `t`. */
    function wrapped(t: string, impl: string): Record<string, string> {
      const up = upgradeIface.encodeFunctionData("upgradeToAndCall", [impl, "0x"]);
      return {
        direct: up,
        "AccessManager.execute": upgradeIface.encodeFunctionData("execute", [t, up]),
        "AccessManager.schedule": upgradeIface.encodeFunctionData("schedule", [t, up, 0]),
        multicall: upgradeIface.encodeFunctionData("multicall", [[up]]),
        "Governor.relay": upgradeIface.encodeFunctionData("relay", [t, 0, up]),
        "KeelUpgrader init data": upgradeIface.encodeFunctionData("upgradeAndVerify", [t, t, up, []]),
        "two levels": upgradeIface.encodeFunctionData("relay", [
          t,
          0,
          upgradeIface.encodeFunctionData("multicall", [[up]]),
        ]),
      };
    }

    it("schedule: refuses an upgrade whose implementation has no code, directly or inside any wrapper", async () => {
      const { timelock, target, proposer } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const empty = ethers.Wallet.createRandom().address;
      for (const [name, data] of Object.entries(wrapped(t, empty))) {
        await expect(timelock.connect(proposer).schedule(t, 0, data, ZERO, ZERO, GOV.criticalDelay), name)
          .to.be.revertedWithCustomError(timelock, "TimelockImplementationWithoutCode")
          .withArgs(empty);
        await expect(timelock.connect(proposer).scheduleBatch([t], [0], [data], ZERO, ZERO, GOV.criticalDelay), name)
          .to.be.revertedWithCustomError(timelock, "TimelockImplementationWithoutCode")
          .withArgs(empty);
      }
    });

    it("computeCodePin: a nested implementation is part of the pin (its code hash changes the pin)", async () => {
      const { timelock, target, factory } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      const other = await factory.getAddress();
      for (const [name, data] of Object.entries(wrapped(t, t))) {
        const withTarget = await timelock.computeCodePin([t], [data]);
        const withFactory = await timelock.computeCodePin(
          [t],
          [Object.values(wrapped(t, other))[Object.keys(wrapped(t, t)).indexOf(name)]],
        );
        expect(withTarget, name).to.not.equal(withFactory);
      }
    });

    it("schedule: refuses wrappers nested deeper than MAX_NESTING", async () => {
      const { timelock, target, proposer } = await loadFixture(deployTimelock);
      const t = await target.getAddress();
      let data = upgradeIface.encodeFunctionData("upgradeToAndCall", [t, "0x"]);
      for (let i = 0; i < 6; i++) data = upgradeIface.encodeFunctionData("multicall", [[data]]);
      await expect(timelock.connect(proposer).schedule(t, 0, data, ZERO, ZERO, GOV.criticalDelay))
        .to.be.revertedWithCustomError(timelock, "TimelockNestingTooDeep")
        .withArgs(await timelock.MAX_NESTING());
    });
  });

  describe("finding 1 (guardian cancels its own removal) and finding 3 (no role left without a holder)", () => {
    it("cancel: the guardian cannot cancel an operation that only revokes its CANCELLER_ROLE; it is removed on time", async () => {
      const { timelock, proposer, executor, guardian } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const canceller = await timelock.CANCELLER_ROLE();
      const data = timelock.interface.encodeFunctionData("revokeRole", [canceller, guardian.address]);
      const id = await timelock.hashOperation(self, 0, data, ZERO, ZERO);
      await expect(timelock.connect(proposer).schedule(self, 0, data, ZERO, ZERO, GOV.minDelay))
        .to.emit(timelock, "OperationCancelProtected")
        .withArgs(id);
      expect(await timelock.isOperationCancelProtected(id)).to.equal(true);
      // However often it tries, the guardian's cancel is refused, and the operation executes after the critical delay.
      for (let round = 0; round < 5; round++) {
        await expect(timelock.connect(guardian).cancel(id))
          .to.be.revertedWithCustomError(timelock, "TimelockCancelProtected")
          .withArgs(id, guardian.address);
        await time.increase(GOV.criticalDelay / 5n);
      }
      await timelock.connect(executor).execute(self, 0, data, ZERO, ZERO);
      expect(await timelock.hasRole(canceller, guardian.address)).to.equal(false);
      expect(await timelock.isOperationCancelProtected(id)).to.equal(false);
    });

    it("cancel: a proposer (the Governor) may still cancel a protected operation", async () => {
      const { timelock, proposer, guardian } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const data = timelock.interface.encodeFunctionData("revokeRole", [
        await timelock.CANCELLER_ROLE(),
        guardian.address,
      ]);
      const id = await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
      await expect(timelock.connect(proposer).cancel(id)).to.emit(timelock, "Cancelled").withArgs(id);
    });

    it("cancel: protection needs EVERY call to be protected: bundling a removal with anything else stays cancellable", async () => {
      const { timelock, target, proposer, guardian } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const t = await target.getAddress();
      const revoke = timelock.interface.encodeFunctionData("revokeRole", [
        await timelock.CANCELLER_ROLE(),
        guardian.address,
      ]);
      const other = target.interface.encodeFunctionData("setModule", [ZERO, guardian.address]);
      await timelock.connect(proposer).scheduleBatch([self, t], [0, 0], [revoke, other], ZERO, ZERO, GOV.criticalDelay);
      const id = await timelock.hashOperationBatch([self, t], [0, 0], [revoke, other], ZERO, ZERO);
      expect(await timelock.isOperationCancelProtected(id)).to.equal(false);
      await expect(timelock.connect(guardian).cancel(id)).to.emit(timelock, "Cancelled").withArgs(id);
      // Revoking a role other than CANCELLER_ROLE (the pattern fixes the first argument) is not protected either.
      const grab = timelock.interface.encodeFunctionData("revokeRole", [
        await timelock.EXECUTOR_ROLE(),
        guardian.address,
      ]);
      const id2 = await scheduleOne(timelock, proposer, self, grab, GOV.criticalDelay);
      expect(await timelock.isOperationCancelProtected(id2)).to.equal(false);
    });

    it("revokeRole / renounceRole: the last proposer or executor cannot go, nor the timelock's admin role over itself", async () => {
      const { timelock, proposer, executor } = await loadFixture(deployTimelock);
      const self = await timelock.getAddress();
      const proposerRole = await timelock.PROPOSER_ROLE();
      const executorRole = await timelock.EXECUTOR_ROLE();
      const admin = await timelock.DEFAULT_ADMIN_ROLE();
      await expect(timelock.connect(proposer).renounceRole(proposerRole, proposer.address))
        .to.be.revertedWithCustomError(timelock, "TimelockLastRoleHolder")
        .withArgs(proposerRole, proposer.address);
      await expect(timelock.connect(executor).renounceRole(executorRole, executor.address))
        .to.be.revertedWithCustomError(timelock, "TimelockLastRoleHolder")
        .withArgs(executorRole, executor.address);
      for (const [role, account] of [
        [proposerRole, proposer.address],
        [admin, self],
      ] as const) {
        const data = timelock.interface.encodeFunctionData("revokeRole", [role, account]);
        await scheduleOne(timelock, proposer, self, data, GOV.criticalDelay);
        await time.increase(GOV.criticalDelay);
        await expect(timelock.connect(executor).execute(self, 0, data, ZERO, ZERO))
          .to.be.revertedWithCustomError(timelock, "TimelockLastRoleHolder")
          .withArgs(role, account);
      }
      expect(await timelock.hasRole(proposerRole, proposer.address)).to.equal(true);
      expect(await timelock.hasRole(admin, self)).to.equal(true);
    });
  });
});
