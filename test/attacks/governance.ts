// Governance attacks: flash-loaned voting power (Beanstalk, April 2022: $182M), a proposal whose target's code is
// swapped after the vote (Tornado Cash, May 2023), taking over an uninitialised implementation (Parity 2017,
// Wormhole 2022) and storage collisions on upgrade (Audius, July 2022). Each is shown against a naive stand-in
// (NaiveGovernor, OpenZeppelin's plain TimelockController, NaiveLayoutV1/V2) and then against Keel.
import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { type ParamType, MaxUint256, parseUnits } from "ethers";
import { deployKeelForAttacks } from "../helpers/attacks.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const E18 = 10n ** 18n;
const FLASH = 60_000_000n * E18; // 60% of KEEL's supply
const DAY = 86400n;
const ZERO32 = ethers.ZeroHash;

async function fixture() {
  const k = await deployKeelForAttacks(hre, connection);
  // A lending vault holding 60M KEEL offers flash loans of it (the Beanstalk attacker used Aave).
  const vault = await ethers.deployContract("NaiveVault", [await k.keel.getAddress(), k.U, k.U]);
  const V = await vault.getAddress();
  await k.keel.approve(V, MaxUint256);
  await vault.deposit(FLASH);
  const attacker = await ethers.deployContract("FlashCallAttacker");
  const A = await attacker.getAddress();
  await k.keel.transfer(A, 100_000n * E18); // pays the 9 bps flash fee (54k KEEL)
  return { ...k, vault, V, attacker, A };
}

/** Arguments of the right types for any `initialize`, to prove it cannot run whatever it is given. */
function dummyArgs(inputs: readonly ParamType[], who: string): unknown[] {
  return inputs.map((p) => {
    if (p.baseType === "tuple") return dummyArgs(p.components ?? [], who);
    if (p.baseType === "address") return who;
    if (p.baseType === "bool") return false;
    if (p.baseType === "string") return "x";
    return 1n;
  });
}

describe("attacks: governance and upgrades", () => {
  describe("flash-loan governance (Beanstalk)", () => {
    it("naive governor: borrow 60% of the votes, propose, vote and execute a treasury drain in one transaction", async () => {
      const f = await loadFixture(fixture);
      const gov = await ethers.deployContract("NaiveGovernor", [await f.keel.getAddress()]);
      const G = await gov.getAddress();
      await f.usdc.mint(G, parseUnits("1000000", 6)); // the DAO treasury
      const drain = f.usdc.interface.encodeFunctionData("transfer", [f.A, parseUnits("1000000", 6)]);
      await f.attacker.setScript([
        { target: G, data: gov.interface.encodeFunctionData("propose", [f.U, drain]), mustSucceed: true },
        { target: G, data: gov.interface.encodeFunctionData("vote", [1n]), mustSucceed: true },
        { target: G, data: gov.interface.encodeFunctionData("emergencyCommit", [1n]), mustSucceed: true },
      ]);
      await f.attacker.startNaive(f.V, FLASH);
      expect(await f.usdc.balanceOf(f.A)).to.equal(parseUnits("1000000", 6));
      expect(await f.usdc.balanceOf(G)).to.equal(0n);
    });

    it("Keel: flash-borrowed KEEL has no votes at the proposal snapshot: propose reverts, votes weigh 0", async () => {
      const f = await loadFixture(fixture);
      // A live proposal by a legitimate holder (the deployer holds and self-delegates the rest of the supply).
      const targets = [f.poolAddress];
      const datas = [f.pool.interface.encodeFunctionData("setFlashPremium", [9, 1000])];
      await f.governor.propose(targets, [0n], datas, "legit");
      const legit = await f.governor.hashProposal(targets, [0n], datas, ethers.id("legit"));
      await time.increase(3601);
      expect(await f.governor.state(legit)).to.equal(1n); // Active

      const drain = [f.usdc.interface.encodeFunctionData("transfer", [f.A, 1n])];
      const threshold = await f.governor.proposalThreshold();
      await f.attacker.setScript([
        {
          target: await f.keel.getAddress(),
          data: f.keel.interface.encodeFunctionData("delegate", [f.A]),
          mustSucceed: true,
        },
        {
          target: await f.governor.getAddress(),
          data: f.governor.interface.encodeFunctionData("propose", [[f.U], [0n], drain, "steal"]),
          mustSucceed: false,
        },
        {
          target: await f.governor.getAddress(),
          data: f.governor.interface.encodeFunctionData("castVote", [legit, 0]),
          mustSucceed: false,
        },
      ]);
      await f.attacker.startNaive(f.V, FLASH);
      // Votes are read one second in the past: the delegation of this very transaction does not count.
      const [okPropose, retPropose] = await f.attacker.result(1);
      expect(okPropose).to.equal(false);
      const err = f.governor.interface.parseError(retPropose);
      expect(err?.name).to.equal("GovernorInsufficientProposerVotes");
      expect(err?.args).to.deep.equal([f.A, 0n, threshold]);
      const [okVote] = await f.attacker.result(2);
      expect(okVote).to.equal(true);
      expect(await f.governor.weightCast(legit, f.A)).to.equal(0n);
      const [against] = await f.governor.proposalVotes(legit);
      expect(against).to.equal(0n);
      expect(await f.keel.balanceOf(f.A)).to.be.lessThan(100_000n * E18); // paid the fee for nothing
    });

    it("Keel: the proposal threshold is read at clock() - 1: votes delegated in the current second do not count yet", async () => {
      const f = await loadFixture(fixture);
      const [, , , , , , , stranger] = await ethers.getSigners();
      await f.keel.transfer(stranger.address, 200_000n * E18);
      await f.keel.connect(stranger).delegate(stranger.address);
      const datas = [f.pool.interface.encodeFunctionData("setFlashPremium", [9, 1000])];
      // The delegation is checkpointed at its own timestamp; clock() - 1 sees it only from the next second on.
      expect(await f.keel.getPastVotes(stranger.address, (await f.keel.clock()) - 1n)).to.equal(0n);
      await time.increase(1);
      await expect(f.governor.connect(stranger).propose([f.poolAddress], [0n], datas, "ok")).to.emit(
        f.governor,
        "ProposalCreated",
      );
    });
  });

  describe("code swapped behind an approved address (Tornado Cash)", () => {
    async function codeSwap(timelockName: "TimelockController" | "KeelTimelock") {
      const [deployer] = await ethers.getSigners();
      const timelock =
        timelockName === "KeelTimelock"
          ? await ethers.deployContract("KeelTimelock", [
              2n * DAY,
              5n * DAY,
              [deployer.address],
              [deployer.address],
              ethers.ZeroAddress,
            ])
          : await ethers.deployContract("TimelockController", [
              2n * DAY,
              [deployer.address],
              [deployer.address],
              ethers.ZeroAddress,
            ]);
      const factory = await ethers.deployContract("MockCreate2Factory");
      const Target = await ethers.getContractFactory("MockGovernanceTarget");
      const initCode = (await Target.getDeployTransaction(await timelock.getAddress())).data;
      const salt = ethers.id("proposal");
      const target = await factory.computeAddress(salt, initCode);
      const data = Target.interface.encodeFunctionData("setParam", [666n]);
      // Voters review and approve a call to `target`, which has no code yet.
      await timelock.schedule(target, 0, data, ZERO32, ZERO32, 2n * DAY);
      // After the vote, code the voters never saw appears at the approved address.
      await factory.deploy(salt, initCode);
      // Keel's timelock fails closed: a call on an address nobody allow-listed waits the critical delay (5 days).
      await time.increase(timelockName === "KeelTimelock" ? 5n * DAY : 2n * DAY);
      return { timelock, target, data, Target };
    }

    it("naive timelock (OpenZeppelin TimelockController): runs whatever code is at the address at execution", async () => {
      const { timelock, target, data, Target } = await codeSwap("TimelockController");
      await timelock.execute(target, 0, data, ZERO32, ZERO32);
      expect(await Target.attach(target).getFunction("param")()).to.equal(666n);
    });

    it("Keel: the timelock pinned the code hash at scheduling; execution reverts TimelockCodeChanged", async () => {
      const { timelock, target, data, Target } = await codeSwap("KeelTimelock");
      const id = await timelock.hashOperation(target, 0, data, ZERO32, ZERO32);
      await expect(timelock.execute(target, 0, data, ZERO32, ZERO32))
        .to.be.revertedWithCustomError(timelock, "TimelockCodeChanged")
        .withArgs(id);
      expect(await Target.attach(target).getFunction("param")()).to.equal(0n);
    });
  });

  describe("uninitialised implementation takeover (Parity, Wormhole)", () => {
    it("naive UUPS implementation: anyone initialises the implementation itself and owns it", async () => {
      const [, , , , , , , stranger] = await ethers.getSigners();
      const impl = await ethers.deployContract("NaiveLayoutV1");
      await impl.connect(stranger).initialize();
      expect(await impl.owner()).to.equal(stranger.address);
    });

    it("Keel: initialize on EVERY implementation reverts InvalidInitialization; upgradeToAndCall on it reverts", async () => {
      const f = await loadFixture(fixture);
      const proxies: Record<string, string> = {
        AccessManager: "KeelAccessManager",
        ModuleRegistry: "ModuleRegistry",
        Oracle: "KeelOracle",
        RateModel: "KinkedRateModel",
        Pool: "Pool",
        Treasury: "KeelTreasury",
        FlashLender: "KeelFlashLender",
        Governor: "KeelGovernor",
        VotingRewards: "VotingRewards",
      };
      let checked = 0;
      for (const [name, contract] of Object.entries(proxies)) {
        const implAddress = f.system.record.contracts[name]?.implementation;
        expect(implAddress, name).to.be.properAddress;
        const impl = await ethers.getContractAt(contract, implAddress as string);
        const init = impl.interface.getFunction("initialize");
        expect(init, name).to.not.equal(null);
        const args = dummyArgs(init?.inputs ?? [], f.stranger.address);
        await expect(impl.connect(f.stranger).getFunction("initialize")(...args), name).to.be.revertedWithCustomError(
          impl,
          "InvalidInitialization",
        );
        await expect(
          impl.connect(f.stranger).getFunction("upgradeToAndCall")(f.stranger.address, "0x"),
          name,
        ).to.be.revertedWithCustomError(impl, "UUPSUnauthorizedCallContext");
        checked++;
      }
      expect(checked).to.equal(9);
    });
  });

  describe("storage collision on upgrade (Audius)", () => {
    it("naive unchecked upgrade to a reordered layout: owner and balance swap slots", async () => {
      const [deployer] = await ethers.getSigners();
      const V1 = await ethers.getContractFactory("NaiveLayoutV1");
      const proxy = await upgradesApi.deployProxy(V1, [], { kind: "uups" });
      const v1 = await ethers.getContractAt("NaiveLayoutV1", await proxy.getAddress());
      await v1.setBalance(12345n);
      const impl2 = await ethers.deployContract("NaiveLayoutV2Reordered");
      await v1.upgradeToAndCall(await impl2.getAddress(), "0x"); // no layout check on chain
      const v2 = await ethers.getContractAt("NaiveLayoutV2Reordered", await proxy.getAddress());
      expect(await v2.owner()).to.equal(ethers.getAddress(ethers.toBeHex(12345n, 20)));
      expect(await v2.balance()).to.equal(BigInt(deployer.address));
    });

    it("Keel's upgrade check: validateUpgrade rejects the reordered layout and accepts Keel's own V2 mocks", async () => {
      const V1 = await ethers.getContractFactory("NaiveLayoutV1");
      const Bad = await ethers.getContractFactory("NaiveLayoutV2Reordered");
      let message = "";
      try {
        await upgradesApi.validateUpgrade(V1, Bad, { kind: "uups" });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).to.match(/storage layout is incompatible/);
      for (const [from, to] of [
        ["KeelOracle", "KeelOracleV2Mock"],
        ["KeelTreasury", "KeelTreasuryV2Mock"],
        ["ModuleRegistry", "ModuleRegistryV2Mock"],
        ["KinkedRateModel", "KinkedRateModelV2Mock"],
      ]) {
        await upgradesApi.validateUpgrade(await ethers.getContractFactory(from), await ethers.getContractFactory(to), {
          kind: "uups",
        });
      }
    });
  });
});
