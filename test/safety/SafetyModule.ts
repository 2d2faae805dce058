// SafetyModule unit tests on the system the one deployer builds: staking into the module's hub position, cooldown and
// window, transfers against cooldown abuse, the cover order of a reported deficit (module -> treasury -> suppliers)
// with the max slash per event, the income share, and every privileged function refused to a stranger.
import { expect } from "chai";
import hre from "hardhat";
import { ZeroAddress, parseUnits } from "ethers";
import { DAY, E6, deploySafetySystem } from "../helpers/safety-fixture.js";
import { ModuleIds } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const fixture = () => deploySafetySystem(connection);
const U10K = parseUnits("10000", 6);

async function stakedFixture() {
  const f = await fixture();
  await f.module.connect(f.bob).stake(f.U, U10K, f.bob.address);
  return f;
}

describe("SafetyModule", () => {
  describe("deployment", () => {
    it("is wired by the deployer: registry id pushed to the hub, hub spoke with an add cap and no draw cap, USDC and WETH insured", async () => {
      const f = await loadFixture(fixture);
      expect(await f.hub.safetyModule()).to.equal(f.moduleAddress);
      expect(await f.module.hub()).to.equal(f.hubAddress);
      const acct = await f.hub.getSpokeAsset(f.moduleAddress, f.U);
      expect(acct.addCap).to.equal(50_000_000n);
      expect(acct.drawCap).to.equal(0n);
      expect(await f.module.stakedAssets()).to.deep.equal([f.U, f.W]);
      expect(await f.module.cooldownPeriod()).to.equal(20 * DAY);
      expect(await f.module.window()).to.equal(2 * DAY);
      expect(await f.module.maxSlashBps(f.U)).to.equal(3000n);
      expect(await f.module.maxSlashBps(f.B)).to.equal(0n); // not insured
      expect(await f.module.version()).to.equal("1.0.0");
    });
  });

  describe("stake", () => {
    it("moves the tokens into the module's hub position and mints stake shares for what the hub credited", async () => {
      const f = await loadFixture(fixture);
      const hubBefore = await f.usdc.balanceOf(f.hubAddress);
      await expect(f.module.connect(f.bob).stake(f.U, U10K, f.carol.address))
        .to.emit(f.module, "Staked")
        .withArgs(f.U, f.bob.address, f.carol.address, U10K, U10K);
      expect(await f.usdc.balanceOf(f.hubAddress)).to.equal(hubBefore + U10K);
      expect(await f.usdc.balanceOf(f.moduleAddress)).to.equal(0n);
      expect(await f.module.balanceOf(f.carol.address, f.id(f.U))).to.equal(U10K);
      expect(await f.module.totalAssets(f.U)).to.equal(U10K);
      expect((await f.module.getStakePool(f.U)).totalShares).to.equal(U10K);
    });

    it("stake shares grow with hub supply interest", async () => {
      const f = await loadFixture(stakedFixture);
      await f.pool.connect(f.carol).supply(f.W, parseUnits("100", 18), f.carol.address, 0);
      await f.pool.connect(f.carol).borrow(f.U, parseUnits("50000", 6), 2, 0, f.carol.address);
      await time.increase(365 * DAY);
      await f.hub.accrue(f.U);
      expect(await f.module.previewUnstake(f.U, U10K)).to.be.gt(U10K);
    });

    it("refuses beyond the module's hub add cap (the hub's error, nothing minted)", async () => {
      const f = await loadFixture(fixture);
      await f.hub.connect(f.deployer).setSpokeCaps(f.moduleAddress, f.U, 5_000, 0);
      await expect(f.module.connect(f.bob).stake(f.U, U10K, f.bob.address))
        .to.be.revertedWithCustomError(f.hub, "HubAddCapExceeded")
        .withArgs(f.moduleAddress, f.U, 5_000n, U10K);
      expect(await f.module.balanceOf(f.bob.address, f.id(f.U))).to.equal(0n);
    });
  });

  describe("cooldown and window", () => {
    it("unstake: refused without a cooldown, before it ends, and after the window; within the window it pays out", async () => {
      const f = await loadFixture(stakedFixture);
      const { module, bob, U } = f;
      await expect(module.connect(bob).unstake(U, 1n, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyCooldownNotStarted")
        .withArgs(bob.address);
      const tx = await module.connect(bob).cooldown(U, U10K);
      const start = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const unlocksAt = start + 20n * 86_400n;
      const expiresAt = unlocksAt + 2n * 86_400n;
      await expect(tx).to.emit(module, "CooldownStarted").withArgs(U, bob.address, U10K, unlocksAt, expiresAt);
      await time.setNextBlockTimestamp(unlocksAt - 1n);
      await expect(module.connect(bob).unstake(U, U10K, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyCooldownActive")
        .withArgs(unlocksAt, unlocksAt - 1n);
      await time.setNextBlockTimestamp(unlocksAt);
      const half = U10K / 2n;
      const before = await f.usdc.balanceOf(bob.address);
      await expect(module.connect(bob).unstake(U, half, bob.address)).to.emit(module, "Unstaked");
      expect(await f.usdc.balanceOf(bob.address)).to.be.closeTo(before + half, 1n);
      expect((await module.getCooldown(U, bob.address)).shares).to.equal(half);
      await time.setNextBlockTimestamp(expiresAt + 1n);
      await expect(module.connect(bob).unstake(U, half, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyWindowExpired")
        .withArgs(expiresAt, expiresAt + 1n);
      // Expired: a new cooldown, a new wait.
      await module.connect(bob).cooldown(U, MaxAll);
      await expect(module.connect(bob).unstake(U, half, bob.address)).to.be.revertedWithCustomError(
        module,
        "SafetyCooldownActive",
      );
    });

    it("unstake never exceeds the cooled shares; cooldown never exceeds the balance", async () => {
      const f = await loadFixture(stakedFixture);
      const { module, bob, U } = f;
      await expect(module.connect(bob).cooldown(U, U10K + 1n))
        .to.be.revertedWithCustomError(module, "SafetyInsufficientShares")
        .withArgs(bob.address, U10K, U10K + 1n);
      await module.connect(bob).cooldown(U, 1000n);
      await time.increase(20 * DAY);
      await expect(module.connect(bob).unstake(U, 1001n, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyExceedsCooldown")
        .withArgs(1000n, 1001n);
    });
  });

  describe("transfers against cooldown abuse", () => {
    it("shares sent to an account with a finished cooldown do not join it; a fresh receiver inherits none; sending out lowers the sender's cooling shares", async () => {
      const f = await loadFixture(stakedFixture);
      const { module, bob, carol, liquidator: fresh, U } = f;
      const id = f.id(U);
      await module.connect(carol).stake(U, U10K, carol.address);
      await module.connect(bob).cooldown(U, U10K);
      await time.increase(20 * DAY); // bob's window is open
      // carol (never cooled) parks her shares with bob: bob still may unstake only what he cooled.
      await module.connect(carol).transfer(bob.address, id, U10K);
      expect(await module.balanceOf(bob.address, id)).to.equal(2n * U10K);
      await expect(module.connect(bob).unstake(U, U10K + 1n, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyExceedsCooldown")
        .withArgs(U10K, U10K + 1n);
      // bob hands cooled shares to a fresh account: it has no cooldown to use.
      await module.connect(bob).transfer(fresh.address, id, 2n * U10K - 4000n);
      await expect(module.connect(fresh).unstake(U, 1n, fresh.address))
        .to.be.revertedWithCustomError(module, "SafetyCooldownNotStarted")
        .withArgs(fresh.address);
      // bob holds 4000 now: his cooling shares fell to what he holds, and getting shares back does not raise them.
      expect((await module.getCooldown(U, bob.address)).shares).to.equal(4000n);
      await module.connect(fresh).transfer(bob.address, id, 6000n);
      expect((await module.getCooldown(U, bob.address)).shares).to.equal(4000n);
      await expect(module.connect(bob).unstake(U, 4001n, bob.address))
        .to.be.revertedWithCustomError(module, "SafetyExceedsCooldown")
        .withArgs(4000n, 4001n);
      await expect(module.connect(bob).unstake(U, 4000n, bob.address)).to.emit(module, "Unstaked");
    });

    it("transferFrom by an approved spender applies the same rule; a zero transfer by a stranger changes nothing", async () => {
      const f = await loadFixture(stakedFixture);
      const { module, bob, carol, stranger, U } = f;
      const id = f.id(U);
      await module.connect(bob).cooldown(U, U10K);
      await module.connect(stranger).transferFrom(bob.address, stranger.address, id, 0n);
      expect((await module.getCooldown(U, bob.address)).shares).to.equal(U10K);
      await module.connect(bob).approve(carol.address, id, 3000n);
      await module.connect(carol).transferFrom(bob.address, carol.address, id, 3000n);
      expect((await module.getCooldown(U, bob.address)).shares).to.equal(U10K - 3000n);
    });
  });

  describe("cover of a reported deficit", () => {
    it("the module pays first, at most its max slash per event; the treasury next; suppliers only beyond both", async () => {
      const f = await loadFixture(stakedFixture);
      const { hub, module, U } = f;
      const treasuryBefore = await hub.treasuryBalance(U);
      const indexBefore = (await hub.getAsset(U)).liquidityIndex;
      // 1,000 USDC: within 30% of 10,000, all from the module.
      // (The debt is what was drawn plus the few seconds of interest until the report.)
      const near = (x: bigint) => (v: bigint) => v >= x && v <= x + 100n;
      const d1 = 1000n * E6;
      const tx = f.badDebt(d1);
      await expect(tx)
        .to.emit(hub, "SafetyModuleCover")
        .withArgs(f.spoke.address, U, f.moduleAddress, near(d1), (v: bigint) => v > 0n);
      await expect(tx)
        .to.emit(module, "CoverPaid")
        .withArgs(U, near(d1), (v: bigint) => v > 0n, near(d1));
      await expect(tx).to.emit(hub, "DeficitReported").withArgs(f.spoke.address, U, near(d1), near(d1), 0n);
      const paid1 = (await module.getStakePool(U)).coverPaid;
      expect(await module.totalAssets(U)).to.be.closeTo(U10K - paid1, 1n);
      expect(await hub.treasuryBalance(U)).to.be.gte(treasuryBefore); // untouched (interest may only add)
      expect((await hub.getAsset(U)).liquidityIndex).to.be.gte(indexBefore);
      // 9,000 USDC: the module gives 30% of its 9,000 (2,700), the treasury all it has, suppliers the rest.
      const staked = await module.totalAssets(U);
      const maxSlash = (staked * 3000n) / 10_000n;
      const d2 = 9000n * E6;
      await f.hubAsSpoke.draw(U, d2, f.spoke.address);
      const { drawnShares } = await hub.getSpokeAsset(f.spoke.address, U);
      const tre = await hub.treasuryBalance(U);
      const [covered, socialised] = await f.hubAsSpoke.reportDeficit.staticCall(U, drawnShares, 0n);
      await f.hubAsSpoke.reportDeficit(U, drawnShares, 0n);
      const paid = (await module.getStakePool(U)).coverPaid - paid1;
      expect(paid).to.be.closeTo(maxSlash, 2n);
      expect(covered).to.be.closeTo(paid + tre, 2n);
      expect(socialised).to.be.closeTo(d2 - covered, 100n); // d2 plus the interest of a block
      expect(socialised).to.be.gt(0n);
      expect(await hub.treasuryBalance(U)).to.be.lte(1n);
      expect((await hub.getAsset(U)).liquidityIndex).to.be.lt(indexBefore);
      // What remains staked is a supply position like any other: it also bears its pro-rata part of the socialised
      // loss (its hub shares over all hub shares).
      const left = await module.totalAssets(U);
      expect(left).to.be.lt(staked - maxSlash);
      expect(left).to.be.gt(((staked - maxSlash) * 90n) / 100n);
    });

    it("a slash lowers the share value for everyone, those cooling down included", async () => {
      const f = await loadFixture(stakedFixture);
      const { module, bob, U } = f;
      await module.connect(bob).cooldown(U, U10K);
      await time.increase(20 * DAY);
      await f.badDebt(2000n * E6);
      const before = await f.usdc.balanceOf(bob.address);
      await module.connect(bob).unstake(U, U10K, bob.address);
      const paid = (await module.getStakePool(U)).coverPaid;
      expect(paid).to.be.gte(2000n * E6);
      expect((await f.usdc.balanceOf(bob.address)) - before).to.be.closeTo(U10K - paid, 2n);
    });

    it("a zero max slash pays nothing: the treasury and suppliers cover as before", async () => {
      const f = await loadFixture(stakedFixture);
      await f.module.connect(f.risk).setPoolParams(f.U, 0, 1000);
      const shares = (await f.hub.getSpokeAsset(f.moduleAddress, f.U)).shares;
      await expect(f.badDebt(100n * E6)).to.not.emit(f.hub, "SafetyModuleCover");
      // Its hub shares are untouched; as a supplier it shares what the treasury could not cover, like every other.
      expect((await f.hub.getSpokeAsset(f.moduleAddress, f.U)).shares).to.equal(shares);
      expect((await f.module.getStakePool(f.U)).coverPaid).to.equal(0n);
    });

    it("a broken safety module never blocks a write-off: reverting maxSlashBps pays nothing, a reverting onCoverPaid is ignored", async () => {
      const f = await loadFixture(fixture);
      const { hub, registry, deployer, U } = f;
      const mock = await ethers.deployContract("MockSafetyModule", [f.hubAddress]);
      const M = await mock.getAddress();
      await hub.connect(deployer).addSpoke(M);
      await hub.connect(deployer).setSpokeCaps(M, U, 1_000_000, 0);
      await f.usdc.connect(f.bob).transfer(M, U10K);
      await mock.supply(U, U10K);
      await registry.connect(deployer).setModule(ModuleIds.SAFETY_MODULE, M);
      expect(await hub.safetyModule()).to.equal(M);
      const shares = (await hub.getSpokeAsset(M, U)).shares;
      await mock.setBroken(true, false);
      await expect(f.badDebt(100n * E6))
        .to.emit(hub, "DeficitReported")
        .and.to.not.emit(hub, "SafetyModuleCover");
      expect((await hub.getSpokeAsset(M, U)).shares).to.equal(shares);
      await mock.setBroken(false, true);
      await expect(f.badDebt(100n * E6)).to.emit(hub, "SafetyModuleCover");
      expect((await hub.getSpokeAsset(M, U)).shares).to.be.lt(shares);
    });

    it("onCoverPaid is the hub's only", async () => {
      const f = await loadFixture(fixture);
      await expect(f.module.connect(f.stranger).onCoverPaid(f.U, 1n, 1n))
        .to.be.revertedWithCustomError(f.module, "SafetyUnauthorized")
        .withArgs(f.stranger.address);
    });
  });

  describe("income share (harvest)", () => {
    it("moves incomeShareBps of the treasury's new hub income to the stakers, once; nothing with a zero share", async () => {
      const f = await loadFixture(stakedFixture);
      const { hub, module, U } = f;
      await f.pool.connect(f.carol).supply(f.W, parseUnits("100", 18), f.carol.address, 0);
      await f.pool.connect(f.carol).borrow(U, parseUnits("50000", 6), 2, 0, f.carol.address);
      await time.increase(365 * DAY);
      await hub.accrue(U);
      const mark = (await module.getStakePool(U)).treasuryMark;
      const income = (await hub.treasuryBalance(U)) - mark;
      expect(income).to.be.gt(0n);
      const assetsBefore = await module.totalAssets(U);
      const tx = module.connect(f.stranger).harvest(U);
      await expect(tx).to.emit(module, "Harvested");
      const pool = await module.getStakePool(U);
      // A block of interest accrues in the harvest itself: the income it saw is at least what we saw.
      expect(pool.harvested).to.be.gte((income * 1000n) / 10_000n);
      expect(pool.harvested).to.be.lte((income * 1001n) / 10_000n);
      expect(await module.totalAssets(U)).to.be.gte(assetsBefore + pool.harvested);
      expect(pool.treasuryMark).to.equal(await hub.treasuryBalance(U));
      // Income already harvested is not harvested again: in the same block there is none left.
      await expect(module.harvest.staticCall(U))
        .to.be.revertedWithCustomError(module, "SafetyNothingToHarvest")
        .withArgs(U);
      await module.connect(f.risk).setPoolParams(U, 3000, 0);
      await time.increase(30 * DAY);
      await expect(module.harvest(U)).to.be.revertedWithCustomError(module, "SafetyNothingToHarvest").withArgs(U);
    });
  });

  describe("governance", () => {
    it("setPoolParams and setCooldown emit old and new values", async () => {
      const f = await loadFixture(fixture);
      await expect(f.module.connect(f.risk).setPoolParams(f.U, 2000, 500))
        .to.emit(f.module, "SetPoolParams")
        .withArgs(f.U, 3000, 2000, 1000, 500);
      await expect(f.module.connect(f.deployer).setCooldown(10 * DAY, 3 * DAY))
        .to.emit(f.module, "SetCooldown")
        .withArgs(20 * DAY, 10 * DAY, 2 * DAY, 3 * DAY);
    });

    it("every privileged function refuses a stranger", async () => {
      const f = await loadFixture(fixture);
      const { module, stranger, U } = f;
      const m = module.connect(stranger);
      const t = await ethers.deployContract("MockERC20", ["T", "T", 18]);
      const calls = [
        m.listAsset(await t.getAddress(), 1000, 1000),
        m.setPoolParams(U, 1000, 1000),
        m.setCooldown(10 * DAY, 2 * DAY),
        m.upgradeToAndCall(ZeroAddress, "0x"),
      ];
      for (const c of calls)
        await expect(c).to.be.revertedWithCustomError(module, "AccessManagedUnauthorized").withArgs(stranger.address);
      expect((await module.getStakePool(U)).maxSlashBps).to.equal(3000n);
    });
  });

  it("share math: the first stake is 1:1 and a later one pays the current share price", async () => {
    const f = await loadFixture(stakedFixture);
    await f.badDebt(1000n * E6); // value per share now 0.9
    const shares = await f.module.previewStake(f.U, 900n * E6);
    expect(shares).to.be.closeTo(1000n * E6, 2n);
  });
});

const MaxAll = 2n ** 256n - 1n;
