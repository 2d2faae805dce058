import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { KeelGovernor } from "../../types/ethers-contracts/index.js";
import { DAY, GOV, KEEL, deployGovernance, proposalIdOf, type Proposal } from "../helpers/governance.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const AGAINST = 0;
const FOR = 1;
const ABSTAIN = 2;
// IGovernor.ProposalState
const State = { Pending: 0n, Active: 1n, Canceled: 2n, Defeated: 3n, Succeeded: 4n, Queued: 5n, Executed: 7n };

describe("KeelGovernor", () => {
  async function deploySystem() {
    const [deployer, alice, bob, carol, dave, guardian, stranger] = await ethers.getSigners();
    const system = await deployGovernance(connection, upgradesApi, guardian.address);
    const { token } = system;
    // Quorum is 4% of 100M = 4M KEEL. Alice alone (3M) is below it; Bob alone (10M) is above it.
    const holdings: [HardhatEthersSigner, bigint][] = [
      [alice, 3_000_000n * KEEL],
      [bob, 10_000_000n * KEEL],
      [carol, 2_000_000n * KEEL],
      [dave, 500_000n * KEEL], // below the 1M proposal threshold
    ];
    for (const [holder, amount] of holdings) {
      await token.connect(deployer).transfer(holder.address, amount);
      await token.connect(holder).delegate(holder.address);
    }
    await time.increase(1);
    return { ...system, deployer, alice, bob, carol, dave, guardian, stranger };
  }

  type System = Awaited<ReturnType<typeof deploySystem>>;

  function paramProposal(s: System, value: bigint, description = `set param to ${String(value)}`): Proposal {
    return {
      targets: [s.target.target as string],
      values: [0n],
      calldatas: [s.target.interface.encodeFunctionData("setParam", [value])],
      description,
    };
  }

  async function propose(governor: KeelGovernor, proposer: HardhatEthersSigner, p: Proposal): Promise<bigint> {
    await governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
    return proposalIdOf(governor, p, ethers.id);
  }

  async function toVoting(governor: KeelGovernor, id: bigint): Promise<void> {
    await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
  }

  async function toVotingEnd(governor: KeelGovernor, id: bigint): Promise<void> {
    await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
  }

  async function queue(governor: KeelGovernor, p: Proposal) {
    return governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description));
  }

  async function execute(governor: KeelGovernor, p: Proposal) {
    return governor.execute(p.targets, p.values, p.calldatas, ethers.id(p.description));
  }

  /** Proposes as Alice, Bob votes for (quorum), waits the end of voting and queues. */
  async function passAndQueue(s: System, p: Proposal): Promise<bigint> {
    const id = await propose(s.governor, s.alice, p);
    await toVoting(s.governor, id);
    await s.governor.connect(s.bob).castVote(id, FOR);
    await toVotingEnd(s.governor, id);
    await queue(s.governor, p);
    return id;
  }

  function timelockOperationId(s: System, p: Proposal): Promise<string> {
    const governorAddress = s.governor.target as string;
    const salt = ethers.toBeHex((BigInt(governorAddress) << 96n) ^ BigInt(ethers.id(p.description)), 32);
    return s.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, salt);
  }

  describe("initialization", () => {
    it("initialize: sets the parameters, the token, the timelock and the clock", async () => {
      const s = await loadFixture(deploySystem);
      expect(await s.governor.name()).to.equal("Keel Governor");
      expect(await s.governor.version()).to.equal("1.0.0");
      expect(await s.governor.votingDelay()).to.equal(GOV.votingDelay);
      expect(await s.governor.votingPeriod()).to.equal(GOV.votingPeriod);
      expect(await s.governor.proposalThreshold()).to.equal(GOV.proposalThreshold);
      expect(await s.governor["quorumNumerator()"]()).to.equal(GOV.quorumNumerator);
      expect(await s.governor.lateQuorumVoteExtension()).to.equal(GOV.lateQuorumExtension);
      expect(await s.governor.token()).to.equal(s.token.target);
      expect(await s.governor.timelock()).to.equal(s.timelock.target);
      expect(await s.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      const now = BigInt(await time.latest());
      expect(await s.governor.quorum(now - 1n)).to.equal(4_000_000n * KEEL);
    });

    it("initialize: cannot run twice, and the implementation itself cannot be initialized", async () => {
      const s = await loadFixture(deploySystem);
      const args = [s.token.target, s.timelock.target, 1n, 1n, 0n, 4n, 1n] as const;
      await expect(s.governor.initialize(...args)).to.be.revertedWithCustomError(s.governor, "InvalidInitialization");
      const implAddress = await upgradesApi.erc1967.getImplementationAddress(s.governor.target as string);
      const impl = await ethers.getContractAt("KeelGovernor", implAddress);
      await expect(impl.initialize(...args)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    });
  });

  describe("lifecycle", () => {
    it("propose → vote for/against/abstain → queue → wait the base delay → execute a parameter call", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 42n);
      const id = await propose(s.governor, s.alice, p);
      expect(await s.governor.state(id)).to.equal(State.Pending);

      await toVoting(s.governor, id);
      expect(await s.governor.state(id)).to.equal(State.Active);
      await expect(s.governor.connect(s.bob).castVote(id, FOR))
        .to.emit(s.governor, "VoteCast")
        .withArgs(s.bob.address, id, FOR, 10_000_000n * KEEL, "");
      await s.governor.connect(s.alice).castVote(id, AGAINST);
      await s.governor.connect(s.carol).castVoteWithReason(id, ABSTAIN, "no opinion");
      await expect(s.governor.connect(s.carol).castVote(id, FOR))
        .to.be.revertedWithCustomError(s.governor, "GovernorAlreadyCastVote")
        .withArgs(s.carol.address);

      const [against, forVotes, abstain] = await s.governor.proposalVotes(id);
      expect([against, forVotes, abstain]).to.deep.equal([3_000_000n * KEEL, 10_000_000n * KEEL, 2_000_000n * KEEL]);
      expect(await s.governor.weightCast(id, s.bob.address)).to.equal(10_000_000n * KEEL);
      expect(await s.governor.weightCast(id, s.alice.address)).to.equal(3_000_000n * KEEL);
      expect(await s.governor.weightCast(id, s.carol.address)).to.equal(2_000_000n * KEEL);
      expect(await s.governor.weightCast(id, s.dave.address)).to.equal(0n);
      expect(await s.governor.proposalWeightCast(id)).to.equal(15_000_000n * KEEL);

      await toVotingEnd(s.governor, id);
      expect(await s.governor.state(id)).to.equal(State.Succeeded);
      await expect(queue(s.governor, p)).to.emit(s.governor, "ProposalQueued");
      const opId = await timelockOperationId(s, p);
      const eta = BigInt(await time.latest()) + GOV.minDelay;
      expect(await s.governor.proposalEta(id)).to.equal(eta);
      expect(await s.timelock.getTimestamp(opId)).to.equal(eta);
      expect(await s.governor.state(id)).to.equal(State.Queued);

      await expect(execute(s.governor, p)).to.be.revertedWithCustomError(
        s.timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increaseTo(eta);
      await expect(execute(s.governor, p)).to.emit(s.target, "SetParam").withArgs(0n, 42n);
      expect(await s.target.param()).to.equal(42n);
      expect(await s.governor.state(id)).to.equal(State.Executed);
    });

    it("state: a proposal below quorum is Defeated and cannot be queued", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 1n);
      const id = await propose(s.governor, s.alice, p);
      await toVoting(s.governor, id);
      await s.governor.connect(s.alice).castVote(id, FOR); // 3M < 4M quorum
      await toVotingEnd(s.governor, id);
      expect(await s.governor.quorum(await s.governor.proposalSnapshot(id))).to.equal(4_000_000n * KEEL);
      expect(await s.governor.state(id)).to.equal(State.Defeated);
      await expect(queue(s.governor, p)).to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState");
    });

    it("state: quorum reached but more against than for is Defeated", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 1n);
      const id = await propose(s.governor, s.alice, p);
      await toVoting(s.governor, id);
      await s.governor.connect(s.alice).castVote(id, FOR);
      await s.governor.connect(s.bob).castVote(id, AGAINST);
      await toVotingEnd(s.governor, id);
      expect(await s.governor.state(id)).to.equal(State.Defeated);
    });

    it("state: abstain votes count toward quorum", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 1n);
      const id = await propose(s.governor, s.alice, p);
      await toVoting(s.governor, id);
      await s.governor.connect(s.alice).castVote(id, FOR); // 3M for
      await s.governor.connect(s.carol).castVote(id, ABSTAIN); // +2M abstain → 5M ≥ 4M quorum
      await toVotingEnd(s.governor, id);
      expect(await s.governor.state(id)).to.equal(State.Succeeded);
    });

    it("late quorum: a vote reaching quorum near the deadline extends voting by lateQuorumExtension", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 1n);
      const id = await propose(s.governor, s.alice, p);
      const originalDeadline = await s.governor.proposalDeadline(id);
      await time.increaseTo(originalDeadline - 3600n);
      const tx = s.governor.connect(s.bob).castVote(id, FOR);
      const voteTime = originalDeadline - 3600n + 1n;
      await expect(tx)
        .to.emit(s.governor, "ProposalExtended")
        .withArgs(id, voteTime + GOV.lateQuorumExtension);
      expect(await s.governor.proposalDeadline(id)).to.equal(voteTime + GOV.lateQuorumExtension);
      await time.increaseTo(originalDeadline + 1n);
      expect(await s.governor.state(id)).to.equal(State.Active);
      await s.governor.connect(s.carol).castVote(id, AGAINST); // opponents still have time to react
      await time.increaseTo(voteTime + GOV.lateQuorumExtension + 1n);
      expect(await s.governor.state(id)).to.equal(State.Succeeded);
    });

    it("propose: refuses an account below the proposal threshold", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 1n);
      await expect(s.governor.connect(s.dave).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorInsufficientProposerVotes")
        .withArgs(s.dave.address, 500_000n * KEEL, GOV.proposalThreshold);
    });
  });

  describe("vote by signature", () => {
    it("castVoteBySig: anyone relays an EIP-712 ballot signed by the voter; it cannot be replayed", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 3n);
      const id = await propose(s.governor, s.alice, p);
      await toVoting(s.governor, id);
      const domain = await s.governor.eip712Domain();
      const nonce = await s.governor.nonces(s.carol.address);
      const signature = await s.carol.signTypedData(
        {
          name: domain.name,
          version: domain.version,
          chainId: domain.chainId,
          verifyingContract: domain.verifyingContract,
        },
        {
          Ballot: [
            { name: "proposalId", type: "uint256" },
            { name: "support", type: "uint8" },
            { name: "voter", type: "address" },
            { name: "nonce", type: "uint256" },
          ],
        },
        { proposalId: id, support: FOR, voter: s.carol.address, nonce },
      );
      await expect(s.governor.connect(s.stranger).castVoteBySig(id, FOR, s.carol.address, signature))
        .to.emit(s.governor, "VoteCast")
        .withArgs(s.carol.address, id, FOR, 2_000_000n * KEEL, "");
      expect(await s.governor.hasVoted(id, s.carol.address)).to.equal(true);
      expect(await s.governor.weightCast(id, s.carol.address)).to.equal(2_000_000n * KEEL);
      await expect(s.governor.connect(s.stranger).castVoteBySig(id, FOR, s.carol.address, signature))
        .to.be.revertedWithCustomError(s.governor, "GovernorInvalidSignature")
        .withArgs(s.carol.address);
    });

    it("castVoteBySig: a ballot signed by someone else than `voter` is rejected", async () => {
      const s = await loadFixture(deploySystem);
      const id = await propose(s.governor, s.alice, paramProposal(s, 3n));
      await toVoting(s.governor, id);
      const domain = await s.governor.eip712Domain();
      const signature = await s.stranger.signTypedData(
        {
          name: domain.name,
          version: domain.version,
          chainId: domain.chainId,
          verifyingContract: domain.verifyingContract,
        },
        {
          Ballot: [
            { name: "proposalId", type: "uint256" },
            { name: "support", type: "uint8" },
            { name: "voter", type: "address" },
            { name: "nonce", type: "uint256" },
          ],
        },
        { proposalId: id, support: FOR, voter: s.bob.address, nonce: 0n },
      );
      await expect(s.governor.castVoteBySig(id, FOR, s.bob.address, signature))
        .to.be.revertedWithCustomError(s.governor, "GovernorInvalidSignature")
        .withArgs(s.bob.address);
    });
  });

  describe("snapshot voting power", () => {
    it("castVote: tokens received after the snapshot (bought or flash-borrowed) carry no weight", async () => {
      const s = await loadFixture(deploySystem);
      const id = await propose(s.governor, s.alice, paramProposal(s, 5n));
      await toVoting(s.governor, id);
      const snapshot = await s.governor.proposalSnapshot(id);
      // A fresh account gets 5M KEEL during voting (what a flash loan or a market buy would give) and delegates.
      await s.token.connect(s.bob).transfer(s.stranger.address, 5_000_000n * KEEL);
      await s.token.connect(s.stranger).delegate(s.stranger.address);
      expect(await s.token.getVotes(s.stranger.address)).to.equal(5_000_000n * KEEL);
      expect(await s.token.getPastVotes(s.stranger.address, snapshot)).to.equal(0n);
      expect(await s.governor.getVotes(s.stranger.address, snapshot)).to.equal(0n);
      await expect(s.governor.connect(s.stranger).castVote(id, FOR))
        .to.emit(s.governor, "VoteCast")
        .withArgs(s.stranger.address, id, FOR, 0n, "");
      expect(await s.governor.weightCast(id, s.stranger.address)).to.equal(0n);
      // The seller keeps its snapshot weight: the same tokens cannot vote twice.
      await s.governor.connect(s.bob).castVote(id, AGAINST);
      expect(await s.governor.weightCast(id, s.bob.address)).to.equal(10_000_000n * KEEL);
      const [against, forVotes] = await s.governor.proposalVotes(id);
      expect([against, forVotes]).to.deep.equal([10_000_000n * KEEL, 0n]);
    });
  });

  describe("two tiers through governance", () => {
    it("a critical-call proposal cannot execute after the base delay, only after the critical delay", async () => {
      const s = await loadFixture(deploySystem);
      const p: Proposal = {
        targets: [s.target.target as string],
        values: [0n],
        calldatas: [s.target.interface.encodeFunctionData("setModule", [ethers.ZeroHash, s.carol.address])],
        description: "replace a module",
      };
      const id = await passAndQueue(s, p);
      const eta = BigInt(await time.latest()) + GOV.criticalDelay;
      expect(await s.governor.proposalEta(id)).to.equal(eta);
      expect(await s.timelock.getTimestamp(await timelockOperationId(s, p))).to.equal(eta);

      await time.increase(GOV.minDelay);
      await expect(execute(s.governor, p)).to.be.revertedWithCustomError(
        s.timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increaseTo(eta);
      await execute(s.governor, p);
      expect(await s.target.module()).to.equal(s.carol.address);
    });

    it("queue: ProposalQueued reports the raised eta of a critical proposal", async () => {
      const s = await loadFixture(deploySystem);
      const p: Proposal = {
        targets: [s.target.target as string],
        values: [0n],
        calldatas: [s.target.interface.encodeFunctionData("setModule", [ethers.ZeroHash, s.carol.address])],
        description: "replace a module, check the event",
      };
      const id = await propose(s.governor, s.alice, p);
      await toVoting(s.governor, id);
      await s.governor.connect(s.bob).castVote(id, FOR);
      await toVotingEnd(s.governor, id);
      const queuedAt = BigInt(await time.latest()) + 1n;
      await expect(queue(s.governor, p))
        .to.emit(s.governor, "ProposalQueued")
        .withArgs(id, queuedAt + GOV.criticalDelay);
    });
  });

  describe("guardian", () => {
    it("cancel: the guardian cancels a queued proposal's operation; the proposal becomes Canceled", async () => {
      const s = await loadFixture(deploySystem);
      const p = paramProposal(s, 13n);
      const id = await passAndQueue(s, p);
      const opId = await timelockOperationId(s, p);
      await expect(s.timelock.connect(s.guardian).cancel(opId)).to.emit(s.timelock, "Cancelled").withArgs(opId);
      expect(await s.governor.state(id)).to.equal(State.Canceled);
      await time.increase(GOV.minDelay);
      await expect(execute(s.governor, p)).to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState");
      expect(await s.target.param()).to.equal(0n);
    });

    it("the guardian can neither schedule nor execute on the timelock", async () => {
      const s = await loadFixture(deploySystem);
      const data = s.target.interface.encodeFunctionData("setParam", [1n]);
      await expect(
        s.timelock
          .connect(s.guardian)
          .schedule(s.target.target, 0, data, ethers.ZeroHash, ethers.ZeroHash, GOV.minDelay),
      )
        .to.be.revertedWithCustomError(s.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.guardian.address, await s.timelock.PROPOSER_ROLE());
      await expect(s.timelock.connect(s.guardian).execute(s.target.target, 0, data, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.guardian.address, await s.timelock.EXECUTOR_ROLE());
    });
  });

  describe("roles after setup", () => {
    it("the deployer holds no timelock role; the Governor proposes/executes/cancels; the guardian only cancels", async () => {
      const s = await loadFixture(deploySystem);
      const roles = {
        DEFAULT_ADMIN: await s.timelock.DEFAULT_ADMIN_ROLE(),
        PROPOSER: await s.timelock.PROPOSER_ROLE(),
        EXECUTOR: await s.timelock.EXECUTOR_ROLE(),
        CANCELLER: await s.timelock.CANCELLER_ROLE(),
      };
      const expected: Record<string, Record<keyof typeof roles, boolean>> = {
        [s.deployer.address]: { DEFAULT_ADMIN: false, PROPOSER: false, EXECUTOR: false, CANCELLER: false },
        [s.timelock.target as string]: { DEFAULT_ADMIN: true, PROPOSER: false, EXECUTOR: false, CANCELLER: false },
        [s.governor.target as string]: { DEFAULT_ADMIN: false, PROPOSER: true, EXECUTOR: true, CANCELLER: true },
        [s.guardian.address]: { DEFAULT_ADMIN: false, PROPOSER: false, EXECUTOR: false, CANCELLER: true },
        [ethers.ZeroAddress]: { DEFAULT_ADMIN: false, PROPOSER: false, EXECUTOR: false, CANCELLER: false },
      };
      for (const [account, has] of Object.entries(expected)) {
        for (const [name, role] of Object.entries(roles) as [keyof typeof roles, string][]) {
          expect(await s.timelock.hasRole(role, account), `${name} of ${account}`).to.equal(has[name]);
        }
      }
    });

    it("the deployer can no longer grant timelock roles", async () => {
      const s = await loadFixture(deploySystem);
      await expect(s.timelock.connect(s.deployer).grantRole(await s.timelock.PROPOSER_ROLE(), s.deployer.address))
        .to.be.revertedWithCustomError(s.timelock, "AccessControlUnauthorizedAccount")
        .withArgs(s.deployer.address, await s.timelock.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("restricted functions", () => {
    it("onlyGovernance setters, relay and updateTimelock refuse a stranger (and a large holder)", async () => {
      const s = await loadFixture(deploySystem);
      const g = s.governor;
      for (const caller of [s.stranger, s.bob]) {
        const c = g.connect(caller);
        const calls = [
          c.setVotingDelay(1n),
          c.setVotingPeriod(1n),
          c.setProposalThreshold(0n),
          c.updateQuorumNumerator(1n),
          c.setLateQuorumVoteExtension(0n),
          c.updateTimelock(caller.address),
          c.relay(s.target.target, 0n, "0x"),
          c.upgradeToAndCall(caller.address, "0x"),
        ];
        for (const call of calls) {
          await expect(call).to.be.revertedWithCustomError(g, "GovernorOnlyExecutor").withArgs(caller.address);
        }
      }
    });
  });

  describe("upgrades", () => {
    it("upgradeToAndCall: a direct call by anyone but the timelock reverts, even with a validated implementation", async () => {
      const s = await loadFixture(deploySystem);
      const V2 = await ethers.getContractFactory("KeelGovernorV2Mock");
      const newImpl = (await upgradesApi.prepareUpgrade(s.governor.target, V2, { kind: "uups" })) as string;
      await expect(s.governor.connect(s.deployer).upgradeToAndCall(newImpl, "0x"))
        .to.be.revertedWithCustomError(s.governor, "GovernorOnlyExecutor")
        .withArgs(s.deployer.address);
    });

    it("upgradeToAndCall: works through a passed proposal after the critical delay", async () => {
      const s = await loadFixture(deploySystem);
      const V2 = await ethers.getContractFactory("KeelGovernorV2Mock");
      const newImpl = (await upgradesApi.prepareUpgrade(s.governor.target, V2, { kind: "uups" })) as string;
      const p: Proposal = {
        targets: [s.governor.target as string],
        values: [0n],
        calldatas: [s.governor.interface.encodeFunctionData("upgradeToAndCall", [newImpl, "0x"])],
        description: "upgrade the Governor to V2",
      };
      const id = await passAndQueue(s, p);
      expect(await s.governor.proposalEta(id)).to.equal(BigInt(await time.latest()) + GOV.criticalDelay);
      await time.increase(GOV.criticalDelay);
      await expect(execute(s.governor, p)).to.emit(s.governor, "Upgraded").withArgs(newImpl);

      const v2 = await ethers.getContractAt("KeelGovernorV2Mock", s.governor.target);
      expect(await v2.version()).to.equal("2.0.0");
      expect(await v2.isV2()).to.equal(true);
      // State survives the upgrade.
      expect(await v2.state(id)).to.equal(State.Executed);
      expect(await v2.weightCast(id, s.bob.address)).to.equal(10_000_000n * KEEL);
      expect(await v2.votingPeriod()).to.equal(GOV.votingPeriod);
    });

    it("governance settings: setVotingPeriod works through a proposal (onlyGovernance via the timelock)", async () => {
      const s = await loadFixture(deploySystem);
      const p: Proposal = {
        targets: [s.governor.target as string],
        values: [0n],
        calldatas: [s.governor.interface.encodeFunctionData("setVotingPeriod", [7n * DAY])],
        description: "longer voting",
      };
      await passAndQueue(s, p);
      // The Governor's rules are critical (finding 2): not executable after the base delay.
      await time.increase(GOV.minDelay);
      await expect(execute(s.governor, p)).to.be.revertedWithCustomError(
        s.timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increase(GOV.criticalDelay - GOV.minDelay);
      await expect(execute(s.governor, p))
        .to.emit(s.governor, "VotingPeriodSet")
        .withArgs(GOV.votingPeriod, 7n * DAY);
    });
  });
});
