import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { linkedFactory } from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  executeNow,
  executeQueued,
  proposeAndQueue,
  timelockSigner,
  type UpgradeFlowSystem,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function prepared(s: UpgradeFlowSystem) {
  const upgradesApi = await upgrades(hre, connection);
  const impl = (await upgradesApi.prepareUpgrade(
    s.keel.address("Governor"),
    await ethers.getContractFactory("KeelGovernorV2"),
    { kind: "uups" },
  )) as string;
  const v2 = await ethers.getContractFactory("KeelGovernorV2");
  const init = v2.interface.encodeFunctionData("initializeV2", [encodeBytes32String("governor v2")]);
  const calldata = s.governor.interface.encodeFunctionData("upgradeToAndCall", [impl, init]);
  return { impl, init, calldata };
}

async function governorState(s: UpgradeFlowSystem) {
  const g = s.governor;
  return {
    digest: await g.stateDigest(),
    name: await g.name(),
    token: await g.token(),
    timelock: await g.timelock(),
    settings: [
      await g.votingDelay(),
      await g.votingPeriod(),
      await g.proposalThreshold(),
      await g["quorumNumerator()"](),
      await g.lateQuorumVoteExtension(),
    ],
  };
}

describe("upgrades: KeelGovernor", () => {
  it("validateUpgrade: accepts KeelGovernorV2 and rejects KeelGovernorV2BrokenMock", async () => {
    const upgradesApi = await upgrades(hre, connection);
    const v1 = await ethers.getContractFactory("KeelGovernor");
    await upgradesApi.validateUpgrade(v1, await ethers.getContractFactory("KeelGovernorV2"), { kind: "uups" });
    let message = "";
    try {
      await upgradesApi.validateUpgrade(v1, await linkedFactory(hre, connection, "KeelGovernorV2BrokenMock"), {
        kind: "uups",
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/New storage layout is incompatible/);
    expect(message).to.match(/weightCast/);
  });

  it("governance: the Governor upgrades itself through a proposal, only after the critical delay, settings and past votes intact", async () => {
    const s = await loadFixture(fixture);
    const { impl, calldata } = await prepared(s);
    const governorAddress = s.keel.address("Governor");
    const q = await proposeAndQueue(s, [governorAddress], [0n], [calldata], "Upgrade the Governor to V2");
    expect(q.eta - q.queuedAt).to.be.gte(s.criticalDelay);
    await networkHelpers.time.increaseTo(q.queuedAt + s.minDelay + 1n);
    await expect(executeNow(s, q)).to.be.revertedWithCustomError(s.timelock, "TimelockUnexpectedOperationState");
    const before = await governorState(s);
    const weight = await s.governor.weightCast(q.proposalId, s.deployer.address);
    await executeQueued(s, q);
    const v2 = await ethers.getContractAt("KeelGovernorV2", governorAddress);
    expect(await v2.version()).to.equal("2.0.0");
    expect(await v2.implementation()).to.equal(impl);
    expect(await governorState(s)).to.deep.equal(before);
    expect(await v2.weightCast(q.proposalId, s.deployer.address))
      .to.equal(weight)
      .and.to.be.greaterThan(0n);
    expect(await v2.upgradeInfo()).to.equal(encodeBytes32String("governor v2"));
    const summary = await v2.proposalSummary(q.proposalId);
    expect(summary.currentState).to.equal(7n); // Executed
    // The upgraded Governor still governs: a new proposal goes through.
    const target = await ethers.deployContract("MockGovernanceTarget", [s.keel.address("Timelock")]);
    const q2 = await proposeAndQueue(
      s,
      [await target.getAddress()],
      [0n],
      [target.interface.encodeFunctionData("setParam", [7n])],
      "V2 still governs",
    );
    await executeQueued(s, q2);
    expect(await target.param()).to.equal(7n);
  });

  it("upgradeToAndCall: refused to the deployer, the guardian, a stranger, and the timelock outside a proposal", async () => {
    const s = await loadFixture(fixture);
    const { impl } = await prepared(s);
    for (const caller of [s.deployer, s.guardian, s.stranger]) {
      await expect(s.governor.connect(caller).upgradeToAndCall(impl, "0x"))
        .to.be.revertedWithCustomError(s.governor, "GovernorOnlyExecutor")
        .withArgs(caller.address);
    }
    // The timelock is the executor, but onlyGovernance also requires the call to be part of an executing proposal.
    await expect(s.governor.connect(await timelockSigner(s)).upgradeToAndCall(impl, "0x")).to.be.revertedWithPanic(
      0x31,
    );
  });

  it("implementation: cannot be initialised or taken over directly; its initializers are locked", async () => {
    const s = await loadFixture(fixture);
    const { impl } = await prepared(s);
    const c = await ethers.getContractAt("KeelGovernorV2", impl);
    await expect(
      c.initialize(s.keel.address("KeelToken"), s.keel.address("Timelock"), 1, 1, 0, 4, 0),
    ).to.be.revertedWithCustomError(c, "InvalidInitialization");
    await expect(c.initializeV2(encodeBytes32String("x"))).to.be.revertedWithCustomError(c, "InvalidInitialization");
    expect(await c.initializedVersion()).to.equal(2n ** 64n - 1n);
  });

  it("stateDigest: unchanged by votes, changed by a settings proposal", async () => {
    const s = await loadFixture(fixture);
    const before = await s.governor.stateDigest();
    const calldata = s.governor.interface.encodeFunctionData("setVotingDelay", [7200]);
    const q = await proposeAndQueue(s, [s.keel.address("Governor")], [0n], [calldata], "Longer voting delay");
    expect(await s.governor.stateDigest()).to.equal(before);
    await executeQueued(s, q);
    expect(await s.governor.stateDigest()).to.not.equal(before);
  });

  it("issue 10 (unprotected initializeV2): after a Governor upgrade with empty init data a stranger cannot run KeelGovernorV2.initializeV2", async () => {
    const s = await loadFixture(fixture);
    const { impl } = await prepared(s);
    const governorAddress = s.keel.address("Governor");
    const calldata = s.governor.interface.encodeFunctionData("upgradeToAndCall", [impl, "0x"]);
    await executeQueued(
      s,
      await proposeAndQueue(s, [governorAddress], [0n], [calldata], "Upgrade the Governor, no init"),
    );
    const v2 = await ethers.getContractAt("KeelGovernorV2", governorAddress);
    expect(await v2.version()).to.equal("2.0.0");
    for (const caller of [s.stranger, s.deployer, s.guardian]) {
      await expect(v2.connect(caller).initializeV2(encodeBytes32String("mine")))
        .to.be.revertedWithCustomError(v2, "GovernorOnlyExecutor")
        .withArgs(caller.address);
    }
    expect(await v2.upgradeInfo()).to.equal(encodeBytes32String(""));
  });
});
