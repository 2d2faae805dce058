import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { VotingRewards } from "../../types/ethers-contracts/index.js";
import { DAY, GOV, KEEL, deployGovernance, proposalIdOf, type Proposal } from "../helpers/governance.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const EPOCH = 7n * DAY;
const WINDOW = 14n * DAY;
const AGAINST = 0;
const FOR = 1;
const ABSTAIN = 2;
// An odd budget so that every share has a remainder: checks rounding down to the wei.
const BUDGET = 1_000n * 10n ** 18n + 7n;

describe("VotingRewards", () => {
  async function deployRewards() {
    const [deployer, alice, bob, carol, dave, guardian, stranger] = await ethers.getSigners();
    const system = await deployGovernance(connection, upgradesApi, guardian.address);
    const { token, governor, timelock } = system;
    for (const [holder, amount] of [
      [alice, 3_000_000n * KEEL],
      [bob, 10_000_000n * KEEL],
      [carol, 2_000_000n * KEEL],
      [dave, 500_000n * KEEL],
    ] as [HardhatEthersSigner, bigint][]) {
      await token.transfer(holder.address, amount);
      await token.connect(holder).delegate(holder.address);
    }
    const reward = await ethers.deployContract("MockERC20", ["Reward", "RWD", 18]);
    const Rewards = await ethers.getContractFactory("VotingRewards");
    const rewards = (await upgradesApi.deployProxy(
      Rewards,
      [await governor.getAddress(), await reward.getAddress(), await timelock.getAddress()],
      { kind: "uups" },
    )) as unknown as VotingRewards;

    // The timelock is the funder; tests act as it directly (a full proposal path is tested separately).
    const timelockAddress = await timelock.getAddress();
    await networkHelpers.impersonateAccount(timelockAddress);
    await networkHelpers.setBalance(timelockAddress, 10n ** 18n);
    const timelockSigner = await ethers.getSigner(timelockAddress);
    await reward.mint(timelockAddress, 10n * BUDGET);
    await reward.connect(timelockSigner).approve(await rewards.getAddress(), ethers.MaxUint256);

    // Start at the beginning of a fresh epoch so that both proposals snapshot inside it.
    const epoch = BigInt(await time.latest()) / EPOCH + 1n;
    await time.increaseTo(epoch * EPOCH + 1n);
    return { ...system, reward, rewards, timelockSigner, epoch, deployer, alice, bob, carol, dave, guardian, stranger };
  }

  type Fixture = Awaited<ReturnType<typeof deployRewards>>;

  function proposal(f: Fixture, value: bigint): Proposal {
    return {
      targets: [f.target.target as string],
      values: [0n],
      calldatas: [f.target.interface.encodeFunctionData("setParam", [value])],
      description: `param ${String(value)}`,
    };
  }

  async function propose(f: Fixture, p: Proposal): Promise<bigint> {
    await f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description);
    return proposalIdOf(f.governor, p, ethers.id);
  }

  /**
   * Epoch `epoch`: P1 (alice for 3M, bob for 10M, carol against 2M) and P2 (alice abstain 3M, carol abstain 2M, dave
   * for 0.5M: 5.5M, above the 4M quorum). Funded with BUDGET; both proposals registered after voting, then every voter
   * once: alice 3M, bob 10M, carol 2M, dave 0.5M, total 15.5M.
   */
  async function votedEpoch() {
    const f = await deployRewards();
    const p1 = await propose(f, proposal(f, 1n));
    const p2 = await propose(f, proposal(f, 2n));
    await time.increaseTo((await f.governor.proposalSnapshot(p2)) + 1n);
    await f.governor.connect(f.alice).castVote(p1, FOR);
    await f.governor.connect(f.bob).castVote(p1, FOR);
    await f.governor.connect(f.carol).castVote(p1, AGAINST);
    await f.governor.connect(f.alice).castVote(p2, ABSTAIN);
    await f.governor.connect(f.carol).castVote(p2, ABSTAIN);
    await f.governor.connect(f.dave).castVote(p2, FOR);
    await f.rewards.connect(f.timelockSigner).fundEpoch(f.epoch, BUDGET);
    await time.increaseTo((await f.governor.proposalDeadline(p2)) + 1n);
    await f.rewards.registerProposal(p1);
    await f.rewards.registerProposal(p2);
    await f.rewards.registerVoter(f.epoch, f.alice.address, [p1, p2]);
    await f.rewards.registerVoter(f.epoch, f.bob.address, [p1]);
    await f.rewards.registerVoter(f.epoch, f.carol.address, [p1, p2]);
    await f.rewards.registerVoter(f.epoch, f.dave.address, [p2]);
    return { ...f, p1, p2 };
  }

  async function openClaims(f: Fixture): Promise<void> {
    await openClaimsOf(f.epoch);
  }

  async function openClaimsOf(epoch: bigint): Promise<void> {
    await time.increaseTo((epoch + 1n) * EPOCH + WINDOW);
  }

  describe("initialize", () => {
    it("initialize: stores the governor, the reward token and the timelock", async () => {
      const f = await loadFixture(deployRewards);
      expect(await f.rewards.governor()).to.equal(f.governor.target);
      expect(await f.rewards.rewardToken()).to.equal(f.reward.target);
      expect(await f.rewards.timelock()).to.equal(f.timelock.target);
      expect(await f.rewards.version()).to.equal("1.1.0");
      expect(await f.rewards.EPOCH_DURATION()).to.equal(EPOCH);
      expect(await f.rewards.REGISTRATION_WINDOW()).to.equal(WINDOW);
      expect(await f.rewards.claimStart(3n)).to.equal(4n * EPOCH + WINDOW);
      expect(await f.rewards.epochOf(3n * EPOCH + 5n)).to.equal(3n);
    });

    it("initialize: cannot run twice, and rejects zero addresses", async () => {
      const f = await loadFixture(deployRewards);
      await expect(
        f.rewards.initialize(f.governor.target, f.reward.target, f.timelock.target),
      ).to.be.revertedWithCustomError(f.rewards, "InvalidInitialization");
      const Rewards = await ethers.getContractFactory("VotingRewards");
      await expect(
        upgradesApi.deployProxy(Rewards, [f.governor.target, ethers.ZeroAddress, f.timelock.target], { kind: "uups" }),
      ).to.be.revertedWithCustomError(Rewards, "VotingRewardsZeroAddress");
    });
  });

  describe("fundEpoch", () => {
    it("fundEpoch: refuses a stranger (and a large holder)", async () => {
      const f = await loadFixture(deployRewards);
      for (const caller of [f.stranger, f.bob]) {
        await expect(f.rewards.connect(caller).fundEpoch(f.epoch, 1n))
          .to.be.revertedWithCustomError(f.rewards, "VotingRewardsUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("fundEpoch: the timelock adds to the budget; tokens are pulled from it", async () => {
      const f = await loadFixture(deployRewards);
      await expect(f.rewards.connect(f.timelockSigner).fundEpoch(f.epoch, 100n))
        .to.emit(f.rewards, "EpochFunded")
        .withArgs(f.epoch, 100n, 100n);
      await expect(f.rewards.connect(f.timelockSigner).fundEpoch(f.epoch, 50n)).to.changeTokenBalances(
        ethers,
        f.reward,
        [f.timelockSigner, f.rewards],
        [-50n, 50n],
      );
      expect(await f.rewards.epochBudget(f.epoch)).to.equal(150n);
    });

    it("fundEpoch: rejects zero, and closes when the epoch's claims open", async () => {
      const f = await loadFixture(deployRewards);
      await expect(f.rewards.connect(f.timelockSigner).fundEpoch(f.epoch, 0n)).to.be.revertedWithCustomError(
        f.rewards,
        "VotingRewardsZeroAmount",
      );
      await openClaims(f);
      await expect(f.rewards.connect(f.timelockSigner).fundEpoch(f.epoch, 1n))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsFundingClosed")
        .withArgs(f.epoch);
    });

    it("fundEpoch: works through a governance proposal (approve + fundEpoch batch)", async () => {
      const f = await loadFixture(deployRewards);
      const p: Proposal = {
        targets: [f.reward.target as string, f.rewards.target as string],
        values: [0n, 0n],
        calldatas: [
          f.reward.interface.encodeFunctionData("approve", [f.rewards.target, 500n]),
          f.rewards.interface.encodeFunctionData("fundEpoch", [f.epoch + 2n, 500n]),
        ],
        description: "fund voting rewards",
      };
      const id = await propose(f, p);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.bob).castVote(id, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      await f.governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description));
      await time.increase(GOV.criticalDelay); // a treasury move without hard limits: critical tier
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, ethers.id(p.description)))
        .to.emit(f.rewards, "EpochFunded")
        .withArgs(f.epoch + 2n, 500n, 500n);
    });
  });

  describe("registerProposal", () => {
    it("registerProposal: reverts while the proposal is Pending or Active", async () => {
      const f = await loadFixture(deployRewards);
      const id = await propose(f, proposal(f, 1n));
      await expect(f.rewards.registerProposal(id))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsVotingNotEnded")
        .withArgs(id);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await expect(f.rewards.registerProposal(id))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsVotingNotEnded")
        .withArgs(id);
    });

    it("registerProposal: reverts for an unknown proposal", async () => {
      const f = await loadFixture(deployRewards);
      await expect(f.rewards.registerProposal(123n))
        .to.be.revertedWithCustomError(f.governor, "GovernorNonexistentProposal")
        .withArgs(123n);
    });

    it("registerProposal: records the snapshot's epoch, once; weight comes from voters, not proposals", async () => {
      const f = await loadFixture(votedEpoch);
      expect(await f.rewards.epochTotalWeight(f.epoch)).to.equal(15_500_000n * KEEL);
      expect(await f.rewards.proposalEpoch(f.p1)).to.deep.equal([true, f.epoch]);
      expect(await f.rewards.proposalEpoch(123n)).to.deep.equal([false, 0n]);
      await expect(f.rewards.registerProposal(f.p1))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsAlreadyRegistered")
        .withArgs(f.p1);
    });

    it("registerProposal: emits the cast weight and epoch it registers", async () => {
      const f = await loadFixture(deployRewards);
      const id = await propose(f, proposal(f, 9n));
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.bob).castVote(id, AGAINST);
      await f.governor.connect(f.alice).castVote(id, ABSTAIN);
      await f.governor.connect(f.carol).castVote(id, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      await expect(f.rewards.registerProposal(id))
        .to.emit(f.rewards, "ProposalRegistered")
        .withArgs(id, f.epoch, 15_000_000n * KEEL);
    });

    it("registerProposal: refuses a proposal below quorum (for + abstain), however many voted against", async () => {
      const f = await loadFixture(deployRewards);
      const id = await propose(f, proposal(f, 9n));
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.bob).castVote(id, AGAINST);
      await f.governor.connect(f.carol).castVote(id, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      await expect(f.rewards.registerProposal(id))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsQuorumNotReached")
        .withArgs(id, 2_000_000n * KEEL, 4_000_000n * KEEL);
    });

    it("registerProposal: refuses a cancelled proposal", async () => {
      const f = await loadFixture(deployRewards);
      const p = proposal(f, 9n);
      const id = await propose(f, p);
      await f.governor.connect(f.alice).cancel(p.targets, p.values, p.calldatas, ethers.id(p.description));
      await expect(f.rewards.registerProposal(id))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsProposalCanceled")
        .withArgs(id);
    });

    it("registerProposal: closes when the epoch's claims open", async () => {
      const f = await loadFixture(deployRewards);
      const id = await propose(f, proposal(f, 9n));
      await openClaims(f);
      await expect(f.rewards.registerProposal(id))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsRegistrationClosed")
        .withArgs(id, f.epoch);
    });
  });

  describe("registerVoter", () => {
    it("registerVoter: records the largest weight cast once per epoch, raises it only upwards", async () => {
      const f = await loadFixture(votedEpoch);
      expect(await f.rewards.voterWeight(f.epoch, f.alice.address)).to.equal(3_000_000n * KEEL);
      await expect(f.rewards.registerVoter(f.epoch, f.alice.address, [f.p1]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsWeightNotIncreased")
        .withArgs(f.epoch, f.alice.address, 3_000_000n * KEEL, 3_000_000n * KEEL);
      expect(await f.rewards.epochTotalWeight(f.epoch)).to.equal(15_500_000n * KEEL);
    });

    it("registerVoter: reverts for a proposal not voted on, unregistered, of another epoch, or an empty list", async () => {
      const f = await loadFixture(votedEpoch);
      await expect(f.rewards.registerVoter(f.epoch, f.bob.address, [f.p1, f.p2]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsNoVoteCast")
        .withArgs(f.p2, f.bob.address);
      await expect(f.rewards.registerVoter(f.epoch, f.stranger.address, [f.p1]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsNoVoteCast")
        .withArgs(f.p1, f.stranger.address);
      await expect(f.rewards.registerVoter(f.epoch, f.alice.address, [123n]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsNotRegistered")
        .withArgs(123n);
      await expect(f.rewards.registerVoter(f.epoch + 1n, f.alice.address, [f.p1]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsWrongEpoch")
        .withArgs(f.p1, f.epoch, f.epoch + 1n);
      await expect(f.rewards.registerVoter(f.epoch, f.alice.address, [])).to.be.revertedWithCustomError(
        f.rewards,
        "VotingRewardsEmptyClaim",
      );
    });

    it("registerVoter: weight is capped by the votes held at the epoch's start (tokens bought later count not)", async () => {
      const f = await loadFixture(deployRewards);
      // The stranger gets 1M KEEL after the epoch started, before the snapshot: it votes with 1M, counts 0.
      await f.token.connect(f.bob).transfer(f.stranger.address, 1_000_000n * KEEL);
      await f.token.connect(f.stranger).delegate(f.stranger.address);
      const id = await propose(f, proposal(f, 4n));
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.stranger).castVote(id, FOR);
      await f.governor.connect(f.bob).castVote(id, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      await f.rewards.registerProposal(id);
      await expect(f.rewards.registerVoter(f.epoch, f.stranger.address, [id]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsWeightNotIncreased")
        .withArgs(f.epoch, f.stranger.address, 0n, 0n);
      // Bob voted with 9M (after giving 1M away) and held 10M at the epoch's start: 9M.
      await expect(f.rewards.registerVoter(f.epoch, f.bob.address, [id]))
        .to.emit(f.rewards, "VoterRegistered")
        .withArgs(f.epoch, f.bob.address, 9_000_000n * KEEL, 9_000_000n * KEEL);
    });

    it("registerVoter: closes when the epoch's claims open", async () => {
      const f = await loadFixture(votedEpoch);
      await openClaims(f);
      await expect(f.rewards.registerVoter(f.epoch, f.bob.address, [f.p1]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsVoterRegistrationClosed")
        .withArgs(f.epoch);
    });
  });

  describe("claim", () => {
    it("claim: reverts before the registration window closes", async () => {
      const f = await loadFixture(votedEpoch);
      await expect(f.rewards.connect(f.alice).claim(f.epoch))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsClaimNotOpen")
        .withArgs(f.epoch, (f.epoch + 1n) * EPOCH + WINDOW);
    });

    it("claim: pays budget × voter weight / epoch total weight, rounded down to the wei", async () => {
      const f = await loadFixture(votedEpoch);
      await openClaims(f);
      const total = 15_500_000n * KEEL;
      const cases: [HardhatEthersSigner, bigint][] = [
        [f.alice, 3_000_000n * KEEL],
        [f.bob, 10_000_000n * KEEL],
        [f.carol, 2_000_000n * KEEL],
        [f.dave, 500_000n * KEEL],
      ];
      let paid = 0n;
      for (const [voter, weight] of cases) {
        const expected = (BUDGET * weight) / total;
        expect(await f.rewards.previewClaim(f.epoch, voter.address)).to.deep.equal([weight, expected]);
        await expect(f.rewards.connect(voter).claim(f.epoch))
          .to.emit(f.rewards, "Claimed")
          .withArgs(f.epoch, voter.address, weight, expected);
        expect(await f.reward.balanceOf(voter.address)).to.equal(expected);
        paid += expected;
      }
      // Rounding down leaves dust, never a shortfall.
      expect(paid).to.be.lessThanOrEqual(BUDGET);
      expect(BUDGET - paid).to.be.lessThan(BigInt(cases.length));
      expect(await f.reward.balanceOf(f.rewards.target)).to.equal(BUDGET - paid);
    });

    it("claim: a second claim reverts", async () => {
      const f = await loadFixture(votedEpoch);
      await openClaims(f);
      await f.rewards.connect(f.bob).claim(f.epoch);
      expect(await f.rewards.hasClaimed(f.epoch, f.bob.address)).to.equal(true);
      await expect(f.rewards.connect(f.bob).claim(f.epoch))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsAlreadyClaimed")
        .withArgs(f.epoch, f.bob.address);
    });

    it("claim: reverts for an account that registered no weight", async () => {
      const f = await loadFixture(votedEpoch);
      await openClaims(f);
      await expect(f.rewards.connect(f.stranger).claim(f.epoch))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsNotAVoter")
        .withArgs(f.epoch, f.stranger.address);
    });

    it("claim: an unfunded epoch pays zero but still marks the voter claimed", async () => {
      const f = await loadFixture(votedEpoch);
      await time.increaseTo((f.epoch + 1n) * EPOCH + 1n);
      const p3 = await propose(f, proposal(f, 3n));
      await time.increaseTo((await f.governor.proposalSnapshot(p3)) + 1n);
      await f.governor.connect(f.bob).castVote(p3, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(p3)) + 1n);
      await f.rewards.registerProposal(p3);
      await f.rewards.registerVoter(f.epoch + 1n, f.bob.address, [p3]);
      await time.increaseTo((f.epoch + 2n) * EPOCH + WINDOW);
      await expect(f.rewards.connect(f.bob).claim(f.epoch + 1n))
        .to.emit(f.rewards, "Claimed")
        .withArgs(f.epoch + 1n, f.bob.address, 10_000_000n * KEEL, 0n);
      expect(await f.rewards.hasClaimed(f.epoch + 1n, f.bob.address)).to.equal(true);
    });
  });

  describe("spam proposals", () => {
    it("finding 6 (rewards captured by spam proposals): 1% of the votes with 100 throw-away proposals gets at most its 1% share", async () => {
      const f = await loadFixture(deployRewards);
      // The attacker holds 1% (1M KEEL, the proposal threshold), creates 100 proposals and votes on all of them, and
      // on the real one. The honest voters (alice, bob, carol, dave: 15.5M) vote on the real proposal only. On the old code the attacker's weight was summed over its 100
      // proposals (100M against 15.5M: 86% of the budget, and registering them was permissionless).
      const attacker = f.stranger;
      await f.token.transfer(attacker.address, 1_000_000n * KEEL);
      await f.token.connect(attacker).delegate(attacker.address);
      const epoch = BigInt(await time.latest()) / EPOCH + 1n;
      await time.increaseTo(epoch * EPOCH + 1n);
      await f.rewards.connect(f.timelockSigner).fundEpoch(epoch, BUDGET);

      const real = await propose(f, proposal(f, 1n));
      const spam: bigint[] = [];
      for (let i = 0; i < 100; i++) {
        const p = proposal(f, 1000n + BigInt(i));
        await f.governor.connect(attacker).propose(p.targets, p.values, p.calldatas, p.description);
        spam.push(await proposalIdOf(f.governor, p, ethers.id));
      }
      await time.increaseTo((await f.governor.proposalSnapshot(spam[99])) + 1n);
      for (const voter of [f.alice, f.bob, f.carol, f.dave]) await f.governor.connect(voter).castVote(real, FOR);
      for (const id of spam) await f.governor.connect(attacker).castVote(id, FOR);
      await f.governor.connect(attacker).castVote(real, AGAINST);
      await time.increaseTo((await f.governor.proposalDeadline(spam[99])) + 1n);

      // Throw-away proposals never reach quorum: they cannot be registered.
      for (const id of spam.slice(0, 3)) {
        await expect(f.rewards.registerProposal(id))
          .to.be.revertedWithCustomError(f.rewards, "VotingRewardsQuorumNotReached")
          .withArgs(id, 1_000_000n * KEEL, 4_000_000n * KEEL);
      }
      await f.rewards.registerProposal(real);
      for (const voter of [f.alice, f.bob, f.carol, f.dave, attacker])
        await f.rewards.registerVoter(epoch, voter.address, [real]);
      await expect(f.rewards.registerVoter(epoch, attacker.address, [real])).to.be.revertedWithCustomError(
        f.rewards,
        "VotingRewardsWeightNotIncreased",
      );
      await openClaimsOf(epoch);
      await f.rewards.connect(attacker).claim(epoch);
      const total = 16_500_000n * KEEL;
      expect(await f.rewards.epochTotalWeight(epoch)).to.equal(total);
      const got = await f.reward.balanceOf(attacker.address);
      expect(got).to.equal((BUDGET * 1_000_000n * KEEL) / total); // its share of the counted voting weight
      expect(got * 100n).to.be.lessThan(BUDGET * 7n); // ~6%, not half
    });

    it("finding 6 (rewards captured by spam proposals): tokens moved to a second account between snapshots count once", async () => {
      const f = await loadFixture(deployRewards);
      const [attacker, sybil] = [f.stranger, f.guardian];
      await f.token.transfer(attacker.address, 1_000_000n * KEEL);
      await f.token.connect(attacker).delegate(attacker.address);
      await f.token.connect(sybil).delegate(sybil.address);
      const epoch = BigInt(await time.latest()) / EPOCH + 1n;
      await time.increaseTo(epoch * EPOCH + 1n);
      const p1 = await propose(f, proposal(f, 1n));
      await time.increaseTo((await f.governor.proposalSnapshot(p1)) + 1n);
      await f.governor.connect(attacker).castVote(p1, FOR);
      await f.governor.connect(f.bob).castVote(p1, FOR);
      // The attacker hands its tokens to the sybil, which votes on a second real proposal with a later snapshot.
      await f.token.connect(attacker).transfer(sybil.address, 1_000_000n * KEEL);
      const p2 = await propose(f, proposal(f, 2n));
      await time.increaseTo((await f.governor.proposalSnapshot(p2)) + 1n);
      await f.governor.connect(sybil).castVote(p2, FOR);
      await f.governor.connect(f.bob).castVote(p2, FOR);
      await time.increaseTo((await f.governor.proposalDeadline(p2)) + 1n);
      await f.rewards.registerProposal(p1);
      await f.rewards.registerProposal(p2);
      await f.rewards.registerVoter(epoch, attacker.address, [p1]);
      // The sybil held nothing at the epoch's start: its vote on p2 counts for nothing.
      await expect(f.rewards.registerVoter(epoch, sybil.address, [p2]))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsWeightNotIncreased")
        .withArgs(epoch, sybil.address, 0n, 0n);
      expect(await f.rewards.voterWeight(epoch, attacker.address)).to.equal(1_000_000n * KEEL);
    });
  });

  describe("upgrades", () => {
    it("upgradeToAndCall: refuses a stranger", async () => {
      const f = await loadFixture(deployRewards);
      const impl = await upgradesApi.erc1967.getImplementationAddress(f.rewards.target as string);
      await expect(f.rewards.connect(f.stranger).upgradeToAndCall(impl, "0x"))
        .to.be.revertedWithCustomError(f.rewards, "VotingRewardsUnauthorized")
        .withArgs(f.stranger.address);
    });

    it("upgradeToAndCall: the timelock may upgrade", async () => {
      const f = await loadFixture(deployRewards);
      const Rewards = await ethers.getContractFactory("VotingRewards");
      const newImpl = await Rewards.deploy();
      await expect(f.rewards.connect(f.timelockSigner).upgradeToAndCall(newImpl.target, "0x"))
        .to.emit(f.rewards, "Upgraded")
        .withArgs(newImpl.target);
    });
  });
});
