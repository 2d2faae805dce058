import { expect } from "chai";
import hre from "hardhat";

const { ethers, networkHelpers } = await hre.network.create();
const { loadFixture } = networkHelpers;

const WAD = 10n ** 18n;

async function deployZoo() {
  const [deployer, alice, bob, carol, sink] = await ethers.getSigners();
  const noReturn = await ethers.deployContract("MockNoReturnToken", ["Tether USD", "USDT", 6]);
  const returnsFalse = await ethers.deployContract("MockReturnsFalseToken", ["Zero Ex", "ZRX", 18]);
  const reverting = await ethers.deployContract("MockRevertingToken", ["Paused", "PSD", 18]);
  const feeToken = await ethers.deployContract("MockFeeOnTransferToken", ["Fee Token", "FEE", 18, 100n]);
  const rebasing = await ethers.deployContract("MockRebasingToken", ["Staked Ether", "stETH", 18]);
  const hookToken = await ethers.deployContract("MockHookToken", ["Hook Token", "HOOK", 18]);
  const attacker = await ethers.deployContract("MockReentrantAttacker");
  const caller = await ethers.deployContract("SafeERC20Caller");
  return {
    deployer,
    alice,
    bob,
    carol,
    sink,
    noReturn,
    returnsFalse,
    reverting,
    feeToken,
    rebasing,
    hookToken,
    attacker,
    caller,
  };
}

describe("token zoo", () => {
  describe("MockNoReturnToken", () => {
    it("transfer: returns no data at all (USDT style)", async () => {
      const { alice, bob, noReturn } = await loadFixture(deployZoo);
      await noReturn.mint(alice.address, 1_000n);
      const data = noReturn.interface.encodeFunctionData("transfer", [bob.address, 10n]);
      const returned = await ethers.provider.call({ to: await noReturn.getAddress(), data, from: alice.address });
      expect(returned).to.equal("0x");
      await noReturn.connect(alice).transfer(bob.address, 10n);
      expect(await noReturn.balanceOf(bob.address)).to.equal(10n);
    });

    it("safeTransfer / safeTransferFrom: SafeERC20 accepts the missing return value", async () => {
      const { alice, bob, noReturn, caller } = await loadFixture(deployZoo);
      const callerAddr = await caller.getAddress();
      await noReturn.mint(callerAddr, 1_000n);
      await caller.safeTransfer(await noReturn.getAddress(), bob.address, 300n);
      expect(await noReturn.balanceOf(bob.address)).to.equal(300n);

      await noReturn.mint(alice.address, 500n);
      await noReturn.connect(alice).approve(callerAddr, 200n);
      await caller.safeTransferFrom(await noReturn.getAddress(), alice.address, bob.address, 200n);
      expect(await noReturn.balanceOf(alice.address)).to.equal(300n);
      expect(await noReturn.balanceOf(bob.address)).to.equal(500n);
      expect(await noReturn.allowance(alice.address, callerAddr)).to.equal(0n);
    });

    it("plainTransfer: a caller decoding a bool reverts on the empty return data", async () => {
      const { bob, noReturn, caller } = await loadFixture(deployZoo);
      await noReturn.mint(await caller.getAddress(), 1_000n);
      await expect(caller.plainTransfer(await noReturn.getAddress(), bob.address, 1n)).to.be.revert(ethers);
      expect(await noReturn.balanceOf(bob.address)).to.equal(0n);
    });

    it("transfer: reverts (does not return false) on insufficient balance", async () => {
      const { alice, bob, noReturn } = await loadFixture(deployZoo);
      await noReturn.mint(alice.address, 5n);
      await expect(noReturn.connect(alice).transfer(bob.address, 6n))
        .to.be.revertedWithCustomError(noReturn, "NoReturnTokenInsufficientBalance")
        .withArgs(alice.address, 5n, 6n);
    });

    it("transferFrom: reverts on insufficient allowance", async () => {
      const { alice, bob, noReturn } = await loadFixture(deployZoo);
      await noReturn.mint(alice.address, 100n);
      await noReturn.connect(alice).approve(bob.address, 5n);
      await expect(noReturn.connect(bob).transferFrom(alice.address, bob.address, 6n))
        .to.be.revertedWithCustomError(noReturn, "NoReturnTokenInsufficientAllowance")
        .withArgs(alice.address, bob.address, 5n, 6n);
    });

    it("approve: with the USDT rule on, a non-zero to non-zero change reverts but forceApprove works", async () => {
      const { bob, noReturn, caller } = await loadFixture(deployZoo);
      const callerAddr = await caller.getAddress();
      const tokenAddr = await noReturn.getAddress();
      await noReturn.setRequireZeroAllowanceFirst(true);
      await caller.forceApprove(tokenAddr, bob.address, 10n);
      await caller.forceApprove(tokenAddr, bob.address, 20n);
      expect(await noReturn.allowance(callerAddr, bob.address)).to.equal(20n);

      const [, alice] = await ethers.getSigners();
      await noReturn.connect(alice).approve(bob.address, 1n);
      await expect(noReturn.connect(alice).approve(bob.address, 2n))
        .to.be.revertedWithCustomError(noReturn, "NoReturnTokenNonZeroAllowance")
        .withArgs(alice.address, bob.address, 1n);
    });
  });

  describe("MockReturnsFalseToken", () => {
    it("transfer: returns false and moves nothing on insufficient balance", async () => {
      const { alice, bob, returnsFalse } = await loadFixture(deployZoo);
      await returnsFalse.mint(alice.address, 10n);
      expect(await returnsFalse.connect(alice).transfer.staticCall(bob.address, 11n)).to.equal(false);
      await returnsFalse.connect(alice).transfer(bob.address, 11n);
      expect(await returnsFalse.balanceOf(alice.address)).to.equal(10n);
      expect(await returnsFalse.balanceOf(bob.address)).to.equal(0n);
    });

    it("transferFrom: returns false on insufficient allowance", async () => {
      const { alice, bob, returnsFalse } = await loadFixture(deployZoo);
      await returnsFalse.mint(alice.address, 10n);
      await returnsFalse.connect(alice).approve(bob.address, 3n);
      expect(await returnsFalse.connect(bob).transferFrom.staticCall(alice.address, bob.address, 4n)).to.equal(false);
      expect(await returnsFalse.connect(bob).transferFrom.staticCall(alice.address, bob.address, 3n)).to.equal(true);
    });

    it("setFailAll: every transfer returns false, even with funds", async () => {
      const { alice, bob, returnsFalse } = await loadFixture(deployZoo);
      await returnsFalse.mint(alice.address, 10n);
      await returnsFalse.connect(alice).approve(bob.address, 10n);
      await returnsFalse.setFailAll(true);
      expect(await returnsFalse.failAll()).to.equal(true);
      expect(await returnsFalse.connect(alice).transfer.staticCall(bob.address, 1n)).to.equal(false);
      expect(await returnsFalse.connect(bob).transferFrom.staticCall(alice.address, bob.address, 1n)).to.equal(false);
      await returnsFalse.setFailAll(false);
      await returnsFalse.connect(alice).transfer(bob.address, 1n);
      expect(await returnsFalse.balanceOf(bob.address)).to.equal(1n);
    });

    it("safeTransfer: SafeERC20 turns the false into SafeERC20FailedOperation; a plain caller sees false", async () => {
      const { bob, returnsFalse, caller } = await loadFixture(deployZoo);
      const tokenAddr = await returnsFalse.getAddress();
      await returnsFalse.mint(await caller.getAddress(), 5n);
      await expect(caller.safeTransfer(tokenAddr, bob.address, 6n))
        .to.be.revertedWithCustomError(caller, "SafeERC20FailedOperation")
        .withArgs(tokenAddr);
      expect(await caller.plainTransfer.staticCall(tokenAddr, bob.address, 6n)).to.equal(false);
    });
  });

  describe("MockRevertingToken", () => {
    it("setReverting: transfers revert with RevertingTokenTransfersDisabled while on, work again when off", async () => {
      const { alice, bob, reverting } = await loadFixture(deployZoo);
      await reverting.mint(alice.address, 100n);
      await reverting.setReverting(true);
      await expect(reverting.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(reverting, "RevertingTokenTransfersDisabled")
        .withArgs(alice.address, bob.address, 1n);
      await reverting.connect(alice).approve(bob.address, 10n);
      await expect(reverting.connect(bob).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(reverting, "RevertingTokenTransfersDisabled")
        .withArgs(alice.address, bob.address, 1n);
      // Minting is never blocked so tests can fund accounts.
      await reverting.mint(bob.address, 7n);
      expect(await reverting.balanceOf(bob.address)).to.equal(7n);

      await reverting.setReverting(false);
      await reverting.connect(alice).transfer(bob.address, 1n);
      expect(await reverting.balanceOf(bob.address)).to.equal(8n);
    });
  });

  describe("MockFeeOnTransferToken", () => {
    it("transfer: the receiver gets amount minus the fee, the fee is burnt by default", async () => {
      const { alice, bob, feeToken } = await loadFixture(deployZoo);
      await feeToken.mint(alice.address, 10_000n);
      await feeToken.connect(alice).transfer(bob.address, 1_000n); // 1% fee
      expect(await feeToken.balanceOf(alice.address)).to.equal(9_000n);
      expect(await feeToken.balanceOf(bob.address)).to.equal(990n);
      expect(await feeToken.totalSupply()).to.equal(9_990n);
    });

    it("transferFrom: the fee goes to the sink once one is set, at the new rate", async () => {
      const { alice, bob, sink, feeToken } = await loadFixture(deployZoo);
      await feeToken.mint(alice.address, 10_000n);
      await expect(feeToken.setFeeSink(sink.address))
        .to.emit(feeToken, "SetFeeSink")
        .withArgs(ethers.ZeroAddress, sink.address);
      await expect(feeToken.setFeeBps(250n)).to.emit(feeToken, "SetFeeBps").withArgs(100n, 250n);
      await feeToken.connect(alice).approve(bob.address, 2_000n);
      await feeToken.connect(bob).transferFrom(alice.address, bob.address, 2_000n);
      expect(await feeToken.balanceOf(bob.address)).to.equal(1_950n);
      expect(await feeToken.balanceOf(sink.address)).to.equal(50n);
      expect(await feeToken.totalSupply()).to.equal(10_000n);
    });

    it("feeOnDown: rounds the fee down (tiny transfers are fee-free)", async () => {
      const { feeToken } = await loadFixture(deployZoo);
      expect(await feeToken.feeOnDown(99n)).to.equal(0n);
      expect(await feeToken.feeOnDown(199n)).to.equal(1n);
    });

    it("setFeeBps: refuses more than 100%", async () => {
      const { feeToken } = await loadFixture(deployZoo);
      await expect(feeToken.setFeeBps(10_001n))
        .to.be.revertedWithCustomError(feeToken, "FeeOnTransferTokenFeeTooHigh")
        .withArgs(10_001n);
    });
  });

  describe("MockRebasingToken", () => {
    it("rebase: scales every balance and the total supply, up and down", async () => {
      const { alice, bob, rebasing } = await loadFixture(deployZoo);
      await rebasing.mint(alice.address, 1_000n);
      await rebasing.mint(bob.address, 3_000n);
      await expect(rebasing.rebase((3n * WAD) / 2n))
        .to.emit(rebasing, "Rebased")
        .withArgs(WAD, (3n * WAD) / 2n);
      expect(await rebasing.balanceOf(alice.address)).to.equal(1_500n);
      expect(await rebasing.balanceOf(bob.address)).to.equal(4_500n);
      expect(await rebasing.totalSupply()).to.equal(6_000n);

      await rebasing.rebase(WAD / 2n);
      expect(await rebasing.balanceOf(alice.address)).to.equal(500n);
      expect(await rebasing.balanceOf(bob.address)).to.equal(1_500n);
      expect(await rebasing.sharesOf(alice.address)).to.equal(1_000n);
    });

    it("transfer: moves token units at the current multiplier", async () => {
      const { alice, bob, rebasing } = await loadFixture(deployZoo);
      await rebasing.mint(alice.address, 1_000n);
      await rebasing.rebase(2n * WAD);
      await rebasing.connect(alice).transfer(bob.address, 600n);
      expect(await rebasing.balanceOf(alice.address)).to.equal(1_400n);
      expect(await rebasing.balanceOf(bob.address)).to.equal(600n);
      expect(await rebasing.sharesOf(bob.address)).to.equal(300n);
      await expect(rebasing.connect(alice).transfer(bob.address, 1_401n))
        .to.be.revertedWithCustomError(rebasing, "RebasingTokenInsufficientBalance")
        .withArgs(alice.address, 1_400n, 1_401n);
    });

    it("transfer: share rounding can deliver less than the amount (stETH quirk)", async () => {
      const { alice, bob, rebasing } = await loadFixture(deployZoo);
      await rebasing.mint(alice.address, 100n);
      await rebasing.rebase(3n * WAD);
      await rebasing.connect(alice).transfer(bob.address, 1n); // 1/3 share rounds down to 0
      expect(await rebasing.balanceOf(bob.address)).to.equal(0n);
      expect(await rebasing.balanceOf(alice.address)).to.equal(300n);
    });

    it("transferFrom: spends the allowance in token units", async () => {
      const { alice, bob, rebasing } = await loadFixture(deployZoo);
      await rebasing.mint(alice.address, 1_000n);
      await rebasing.connect(alice).approve(bob.address, 100n);
      await expect(rebasing.connect(bob).transferFrom(alice.address, bob.address, 101n))
        .to.be.revertedWithCustomError(rebasing, "RebasingTokenInsufficientAllowance")
        .withArgs(alice.address, bob.address, 100n, 101n);
      await rebasing.connect(bob).transferFrom(alice.address, bob.address, 100n);
      expect(await rebasing.allowance(alice.address, bob.address)).to.equal(0n);
      expect(await rebasing.balanceOf(bob.address)).to.equal(100n);
    });

    it("rebase: refuses a zero multiplier", async () => {
      const { rebasing } = await loadFixture(deployZoo);
      await expect(rebasing.rebase(0n)).to.be.revertedWithCustomError(rebasing, "RebasingTokenZeroMultiplier");
    });
  });

  describe("MockHookToken + MockReentrantAttacker", () => {
    it("registerHook: each account sets only its own hook", async () => {
      const { alice, bob, hookToken, attacker } = await loadFixture(deployZoo);
      const attackerAddr = await attacker.getAddress();
      await expect(hookToken.connect(alice).registerHook(attackerAddr))
        .to.emit(hookToken, "HookRegistered")
        .withArgs(alice.address, attackerAddr);
      expect(await hookToken.hookOf(alice.address)).to.equal(attackerAddr);
      expect(await hookToken.hookOf(bob.address)).to.equal(ethers.ZeroAddress);
      await attacker.registerOn(await hookToken.getAddress());
      expect(await hookToken.hookOf(attackerAddr)).to.equal(attackerAddr);
    });

    it("hooks: tokensReceived fires on transfer to a hooked account, not on mint", async () => {
      const { alice, hookToken, attacker } = await loadFixture(deployZoo);
      const attackerAddr = await attacker.getAddress();
      await attacker.registerOn(await hookToken.getAddress());
      await hookToken.mint(attackerAddr, 10n);
      expect(await attacker.receiveHookCalls()).to.equal(0n);
      await hookToken.mint(alice.address, 10n);
      await hookToken.connect(alice).transfer(attackerAddr, 4n);
      expect(await attacker.receiveHookCalls()).to.equal(1n);
      expect(await attacker.sendHookCalls()).to.equal(0n);
      expect(await attacker.reentryCount()).to.equal(0n); // not armed
    });

    it("attack: re-enters mid-transfer and records a successful re-entry with its return data", async () => {
      const { alice, carol, hookToken, attacker } = await loadFixture(deployZoo);
      const tokenAddr = await hookToken.getAddress();
      const attackerAddr = await attacker.getAddress();
      await attacker.registerOn(tokenAddr);
      await hookToken.mint(attackerAddr, 100n);
      await hookToken.mint(alice.address, 50n);
      // From inside tokensReceived, the attacker moves tokens it has just been credited with.
      const data = hookToken.interface.encodeFunctionData("transfer", [carol.address, 120n]);
      await attacker.setAttack(tokenAddr, data);
      await expect(hookToken.connect(alice).transfer(attackerAddr, 50n))
        .to.emit(attacker, "ReentryAttempted")
        .withArgs(tokenAddr, false, ethers.AbiCoder.defaultAbiCoder().encode(["bool"], [true]));
      expect(await attacker.reentryCount()).to.equal(1n);
      expect(await attacker.lastReentryReverted()).to.equal(false);
      expect(await hookToken.balanceOf(carol.address)).to.equal(120n);
      expect(await hookToken.balanceOf(attackerAddr)).to.equal(30n);
      // The nested transfer fired the attacker's send hook, but the guard stopped a second attack.
      expect(await attacker.sendHookCalls()).to.equal(1n);
    });

    it("attack: a nonReentrant target refuses the re-entry and the revert data is recorded", async () => {
      const { deployer, hookToken, attacker } = await loadFixture(deployZoo);
      const tokenAddr = await hookToken.getAddress();
      const attackerAddr = await attacker.getAddress();
      const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
      const amm = await ethers.deployContract("MockAmm", [tokenAddr, await other.getAddress()]);
      const ammAddr = await amm.getAddress();
      await hookToken.mint(deployer.address, 10_000n);
      await other.mint(deployer.address, 10_000n);
      await hookToken.approve(ammAddr, 10_000n);
      await other.approve(ammAddr, 10_000n);
      await amm.addLiquidity(10_000n, 10_000n);

      await attacker.registerOn(tokenAddr);
      await hookToken.mint(attackerAddr, 1_000n);
      await attacker.execute(
        tokenAddr,
        hookToken.interface.encodeFunctionData("approve", [ammAddr, ethers.MaxUint256]),
      );
      await attacker.setAttack(
        ammAddr,
        amm.interface.encodeFunctionData("swapExactIn", [tokenAddr, 1n, 0n, attackerAddr]),
      );
      await attacker.setAttackHooks(true, false);

      // The AMM pulls the attacker's tokens with transferFrom; tokensToSend hands control to the attacker mid-swap.
      const swap = amm.interface.encodeFunctionData("swapExactIn", [tokenAddr, 100n, 0n, attackerAddr]);
      await attacker.execute(ammAddr, swap);
      expect(await attacker.reentryCount()).to.equal(1n);
      expect(await attacker.lastReentryReverted()).to.equal(true);
      expect(await attacker.lastReentryData()).to.equal(
        amm.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []),
      );
      // The outer swap itself went through.
      expect(await other.balanceOf(attackerAddr)).to.be.greaterThan(0n);
    });

    it("execute: bubbles the target's revert", async () => {
      const { hookToken, attacker, bob } = await loadFixture(deployZoo);
      const data = hookToken.interface.encodeFunctionData("transfer", [bob.address, 1n]);
      await expect(attacker.execute(await hookToken.getAddress(), data)).to.be.revertedWithCustomError(
        hookToken,
        "ERC20InsufficientBalance",
      );
    });
  });

  describe("MockERC20 with 24 decimals", () => {
    it("mints, transfers and approves amounts far beyond 18-decimal scale", async () => {
      const [, alice, bob] = await ethers.getSigners();
      const token = await ethers.deployContract("MockERC20", ["Big", "BIG", 24]);
      expect(await token.decimals()).to.equal(24n);
      const oneBillion = ethers.parseUnits("1000000000", 24);
      await token.mint(alice.address, oneBillion);
      await token.connect(alice).approve(bob.address, oneBillion);
      await token.connect(bob).transferFrom(alice.address, bob.address, ethers.parseUnits("0.000000000000000001", 24));
      expect(await token.balanceOf(bob.address)).to.equal(10n ** 6n);
      expect(await token.balanceOf(alice.address)).to.equal(oneBillion - 10n ** 6n);
      expect(ethers.formatUnits(await token.totalSupply(), 24)).to.equal("1000000000.0");
    });
  });
});
