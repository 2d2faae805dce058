// The checks every AccessManaged module's upgrade must pass, shared by test/upgrades/<module>.ts. Each module file
// calls `moduleUpgradeSuite` inside its describe and adds its own cases.
import { expect } from "chai";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { BaseContract } from "ethers";
import { abiFingerprint } from "../../packages/sdk/src/fingerprint.js";
import {
  beforeAndAfterAtSameTime,
  defaultInitData,
  linkedFactory,
  readPoolState,
  upgradeOptionsFor,
  type UpgradeModule,
} from "../../tasks/lib/upgrade.js";
import {
  type UpgradeFlowSystem,
  executeNow,
  executeQueued,
  probesOf,
  proposeAndExecute,
  proposeAndQueue,
  rollbackCalldata,
  timelockSigner,
  travelTo,
  upgradeCalldata,
} from "./upgrade-flow.js";

export interface ModuleUpgradeSpec {
  module: UpgradeModule;
  /** Record key of the proxy. */
  key: string;
  v1: string;
  v2: string;
  broken: string;
  /** Module-specific state, read before and after (deep-equal). */
  readState: (s: UpgradeFlowSystem) => Promise<unknown>;
  /** Arguments of V1's `initialize`, for the "implementation cannot be initialised" case. */
  initializeArgs: (s: UpgradeFlowSystem) => unknown[];
  /** Exercises the V2-only function on the upgraded proxy. */
  checkV2: (s: UpgradeFlowSystem, proxy: BaseContract) => Promise<void>;
}

export function moduleUpgradeSuite(
  connection: NetworkConnection,
  fixture: () => Promise<UpgradeFlowSystem>,
  spec: ModuleUpgradeSpec,
): void {
  const { ethers, networkHelpers } = connection;
  const { loadFixture } = networkHelpers;

  async function prepared(s: UpgradeFlowSystem) {
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address(spec.key);
    const factory = await linkedFactory(hre, connection, spec.v2, { deployLibraries: true });
    const impl = (await upgradesApi.prepareUpgrade(
      proxy,
      factory,
      await upgradeOptionsFor(hre, spec.v1, spec.v2),
    )) as string;
    const initData = await defaultInitData(hre, spec.v2, `upgrade ${spec.module}`);
    return { proxy, impl, initData, probes: await probesOf(s, spec.module) };
  }

  async function readAll(s: UpgradeFlowSystem) {
    const checkable = await ethers.getContractAt("IUpgradeCheckable", s.keel.address(spec.key));
    return {
      module: await spec.readState(s),
      digest: await checkable.stateDigest(),
      pool: await readPoolState(connection, s.keel.record, s.users),
    };
  }

  it(`validateUpgrade: accepts ${spec.v2} and rejects ${spec.broken}`, async () => {
    const upgradesApi = await upgrades(hre, connection);
    const v1 = await linkedFactory(hre, connection, spec.v1);
    await upgradesApi.validateUpgrade(
      v1,
      await linkedFactory(hre, connection, spec.v2),
      await upgradeOptionsFor(hre, spec.v1, spec.v2),
    );
    let message = "";
    try {
      await upgradesApi.validateUpgrade(
        v1,
        await linkedFactory(hre, connection, spec.broken),
        await upgradeOptionsFor(hre, spec.v1, spec.broken),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/New storage layout is incompatible/);
  });

  it(`governance: upgrades ${spec.module} to ${spec.v2} through KeelUpgrader, only after the critical delay`, async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl, initData, probes } = await prepared(s);
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, initData, probes)],
      `Upgrade ${spec.module} to ${spec.v2}`,
    );
    expect(q.eta - q.queuedAt).to.be.gte(s.criticalDelay);
    await networkHelpers.time.increaseTo(q.queuedAt + s.minDelay + 1n);
    await expect(executeNow(s, q)).to.be.revertedWithCustomError(s.timelock, "TimelockUnexpectedOperationState");
    const oldImpl = await (await ethers.getContractAt("IUpgradeCheckable", proxy)).implementation();
    // The event carries the versions and the ABI identifiers before and after: each the fingerprint of its
    // contract's artifact ABI (issue 14), so an indexer can pick the ABI without asking the chain again.
    const v1Id = abiFingerprint((await hre.artifacts.readArtifact(spec.v1)).abi);
    const v2Id = abiFingerprint((await hre.artifacts.readArtifact(spec.v2)).abi);
    expect(v2Id).to.not.equal(v1Id);
    await expect(executeQueued(s, q))
      .to.emit(s.upgrader, "ModuleUpgraded")
      .withArgs(proxy, oldImpl, impl, "1.0.0", "2.0.0", v1Id, v2Id);
    const module = await ethers.getContractAt("IUpgradeCheckable", proxy);
    expect(await module.abiId()).to.equal(v2Id);
    expect(await module.version()).to.equal("2.0.0");
    expect(await module.implementation()).to.equal(impl);
    expect(await s.upgrader.history(proxy)).to.have.length(2);
    await spec.checkV2(s, await ethers.getContractAt(spec.v2, proxy));
  });

  it("upgradeToAndCall: refused to the deployer, the guardian, a stranger and the timelock itself (only KeelUpgrader holds UPGRADER)", async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl } = await prepared(s);
    const target = await ethers.getContractAt(spec.v1, proxy);
    const timelock = await timelockSigner(s);
    for (const caller of [s.deployer, s.guardian, s.stranger, timelock]) {
      await expect(
        (
          target.connect(caller) as unknown as { upgradeToAndCall(a: string, d: string): Promise<unknown> }
        ).upgradeToAndCall(impl, "0x"),
      )
        .to.be.revertedWithCustomError(target, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    }
    for (const caller of [s.deployer, s.guardian, s.stranger]) {
      await expect(s.upgrader.connect(caller).upgradeAndVerify(proxy, impl, "0x", []))
        .to.be.revertedWithCustomError(s.upgrader, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    }
  });

  it("state: every module value, the digest and the pool's users are the same after the upgrade", async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl, initData, probes } = await prepared(s);
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, initData, probes)],
      `Upgrade ${spec.module}`,
    );
    await travelTo(s, q.eta);
    const { before, after } = await beforeAndAfterAtSameTime(
      connection,
      () => readAll(s),
      async () => (await executeNow(s, q)).wait(),
    );
    expect(after).to.deep.equal(before);
    expect(await (await ethers.getContractAt("IUpgradeCheckable", proxy)).version()).to.equal("2.0.0");
  });

  it("implementation: cannot be initialised or taken over directly", async () => {
    const s = await loadFixture(fixture);
    const { impl } = await prepared(s);
    const v1Impl = s.keel.record.contracts[spec.key].implementation!;
    for (const address of [impl, v1Impl]) {
      const c = await ethers.getContractAt(spec.v1, address);
      const data = c.interface.encodeFunctionData("initialize", spec.initializeArgs(s));
      await expect(s.stranger.sendTransaction({ to: address, data })).to.be.revertedWithCustomError(
        c,
        "InvalidInitialization",
      );
      expect(await (await ethers.getContractAt("IUpgradeCheckable", address)).initializedVersion()).to.equal(
        2n ** 64n - 1n,
      );
    }
  });

  it("upgradeAndVerify: a bad initializer call reverts the whole upgrade (implementation unchanged)", async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl, probes } = await prepared(s);
    const module = await ethers.getContractAt("IUpgradeCheckable", proxy);
    const before = await module.implementation();
    const v1 = await ethers.getContractAt(spec.v1, proxy);
    const badInit = v1.interface.encodeFunctionData("initialize", spec.initializeArgs(s)); // already initialised
    const timelock = await timelockSigner(s);
    await expect(
      s.upgrader.connect(timelock).upgradeAndVerify(proxy, impl, badInit, probes),
    ).to.be.revertedWithCustomError(v1, "InvalidInitialization");
    expect(await module.implementation()).to.equal(before);
    expect(await module.version()).to.equal("1.0.0");
    // Also through the DAO: the proposal's execution reverts and can be retried only as a new proposal.
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, badInit, probes)],
      `Bad upgrade of ${spec.module}`,
    );
    await expect(executeQueued(s, q)).to.be.revertedWithCustomError(v1, "InvalidInitialization");
    expect(await module.implementation()).to.equal(before);
  });

  it("upgradeAndVerify: refuses a same-version implementation and a failing probe", async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl, initData } = await prepared(s);
    const timelock = await timelockSigner(s);
    const v1Factory = await linkedFactory(hre, connection, spec.v1, { deployLibraries: true });
    const sameVersion = await (await v1Factory.deploy()).getAddress();
    await expect(s.upgrader.connect(timelock).upgradeAndVerify(proxy, sameVersion, "0x", []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderVersionNotIncreased")
      .withArgs("1.0.0", "1.0.0");
    const badProbe = { target: proxy, data: "0xdeadbeef" };
    await expect(s.upgrader.connect(timelock).upgradeAndVerify(proxy, impl, initData, [badProbe]))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderProbeFailed")
      .withArgs(proxy, "0xdeadbeef");
  });

  it(`rollbackAndVerify: governance goes back to ${spec.v1} with state intact`, async () => {
    const s = await loadFixture(fixture);
    const { proxy, impl, initData, probes } = await prepared(s);
    const v1Impl = s.keel.record.contracts[spec.key].implementation!;
    await proposeAndExecute(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, initData, probes)],
      `Upgrade ${spec.module}`,
    );
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [rollbackCalldata(s, proxy, v1Impl, probes)],
      `Roll ${spec.module} back`,
    );
    await travelTo(s, q.eta);
    const { before, after } = await beforeAndAfterAtSameTime(
      connection,
      () => readAll(s),
      async () => (await executeNow(s, q)).wait(),
    );
    expect(after).to.deep.equal(before);
    const module = await ethers.getContractAt("IUpgradeCheckable", proxy);
    expect(await module.version()).to.equal("1.0.0");
    expect(await module.implementation()).to.equal(v1Impl);
    // An address that never ran behind the proxy is not a rollback target.
    const timelock = await timelockSigner(s);
    await expect(s.upgrader.connect(timelock).rollbackAndVerify(proxy, s.stranger.address, []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderUnknownRollbackTarget")
      .withArgs(proxy, s.stranger.address);
  });
}
