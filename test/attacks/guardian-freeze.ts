// Issue 10, finding 1 (pool side): a hostile guardian must not be able to freeze users' funds for ever. Guardian
// pauses expire by themselves after `pauseDuration`, cannot be chained (a cooldown after each one, shared between the
// pool and every reserve), and never block repay. The DAO (admin) ends a pause early or keeps a real emergency paused
// with `extendPause`, in bounded steps.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits, type ContractTransactionResponse } from "ethers";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const HOUR = 3600n;
const DAY = 86_400n;
const DURATION = 7n * DAY; // defaults
const COOLDOWN = 7n * DAY;
const EXPIRY_GRACE = 6n * HOUR;
const ZERO = "0x0000000000000000000000000000000000000000";

async function fixture() {
  const f = await deployTestSystem(connection);
  const { pool, alice, bob, U, W } = f;
  await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
  await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
  await pool.connect(bob).borrow(U, parseUnits("1000", 6), 2, 0, bob.address);
  return f;
}

/** Name of the custom error a call reverted with, decoded with the pool's ABI. */
function errorName(pool: { interface: { parseError(data: string): { name: string } | null } }, e: unknown): string {
  const data = (e as { data?: string }).data;
  return data ? (pool.interface.parseError(data)?.name ?? data) : String(e);
}

async function timestampOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  return BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
}

describe("attacks: a hostile guardian cannot freeze funds (issue 10, finding 1, pool side)", () => {
  it("finding 1 (hostile guardian freezes funds for ever): re-pausing pool and reserves as often as it likes for 8 rounds never blocks withdrawals longer than pauseDuration at a time, nor more than pauseDuration of any pauseDuration + pauseCooldown", async () => {
    const { pool, guardian, alice, U, W, refreshFeeds } = await loadFixture(fixture);
    // The attack: every 12 hours the guardian tries to pause the pool, then USDC, then WETH (whatever is allowed),
    // to keep alice's USDC frozen. We sample whether her withdrawal would go through after each attempt.
    const STEP = 12n * HOUR;
    const ROUNDS = 8n; // 8 pause cycles of DURATION + COOLDOWN = 112 days
    const steps = Number((ROUNDS * (DURATION + COOLDOWN)) / STEP);
    const blockedAt: boolean[] = [];
    let pauses = 0;
    for (let i = 0; i < steps; ++i) {
      for (const attempt of [
        () => pool.connect(guardian).pause(),
        () => pool.connect(guardian).pauseReserve(U),
        () => pool.connect(guardian).pauseReserve(W),
      ]) {
        try {
          await attempt();
          pauses += 1;
        } catch (e) {
          expect(errorName(pool, e)).to.equal("PoolPauseCooldown");
        }
      }
      let blocked = false;
      try {
        await pool.connect(alice).withdraw.staticCall(U, 1n, alice.address);
      } catch (e) {
        expect(errorName(pool, e)).to.be.oneOf(["PoolIsPaused", "PoolReservePaused"]);
        blocked = true;
      }
      blockedAt.push(blocked);
      await time.increase(STEP);
      if (i % 2 === 1) await refreshFeeds();
    }
    // Not vacuous: the guardian did pause, again and again, and withdrawals were blocked at times.
    expect(pauses).to.be.gte(Number(ROUNDS));
    expect(blockedAt.filter((b) => b).length).to.be.greaterThan(0);
    // Longest blocked stretch, in seconds (sampled every STEP, the pause started at a sample).
    let run = 0;
    let longest = 0;
    for (const b of blockedAt) {
      run = b ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    expect(BigInt(longest) * STEP).to.be.lte(DURATION);
    // In every window of DURATION + COOLDOWN, at most DURATION blocked.
    const window = Number((DURATION + COOLDOWN) / STEP);
    for (let start = 0; start + window <= blockedAt.length; ++start) {
      const blocked = blockedAt.slice(start, start + window).filter((b) => b).length;
      expect(BigInt(blocked) * STEP, `window starting at step ${String(start)}`).to.be.lte(DURATION);
    }
  });

  it("finding 1: withdraw works again once the pause expires, with nobody calling the pool", async () => {
    const { pool, guardian, alice, U, refreshFeeds } = await loadFixture(fixture);
    const tx = await pool.connect(guardian).pause();
    const start = await timestampOf(tx);
    await expect(tx)
      .to.emit(pool, "PauseSet")
      .withArgs(ZERO, start + DURATION, start + DURATION + EXPIRY_GRACE);
    expect(await pool.paused()).to.equal(true);
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "PoolIsPaused",
    );
    await time.setNextBlockTimestamp(start + DURATION - 1n);
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "PoolIsPaused",
    );
    await time.increaseTo(start + DURATION);
    expect(await pool.paused()).to.equal(false);
    await refreshFeeds();
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address)).to.emit(pool, "Withdraw");
  });

  it("finding 1: a reserve pause expires by itself too (getKeelReserveData().pausedUntil)", async () => {
    const { pool, guardian, alice, U, refreshFeeds } = await loadFixture(fixture);
    const start = await timestampOf(await pool.connect(guardian).pauseReserve(U));
    const r = await pool.getKeelReserveData(U);
    expect(r.pausedUntil).to.equal(start + DURATION);
    expect(r.lastPauseStart).to.equal(start);
    expect(r.config.liquidationGraceUntil).to.equal(start + DURATION + EXPIRY_GRACE);
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address))
      .to.be.revertedWithCustomError(pool, "PoolReservePaused")
      .withArgs(U);
    await time.increaseTo(start + DURATION);
    await refreshFeeds();
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address)).to.emit(pool, "Withdraw");
  });

  it("finding 1: repay works while the pool is paused and while the reserve is paused (borrow stays refused)", async () => {
    const { pool, guardian, bob, U } = await loadFixture(fixture);
    await pool.connect(guardian).pause();
    await expect(pool.connect(bob).borrow(U, 1n, 2, 0, bob.address)).to.be.revertedWithCustomError(
      pool,
      "PoolIsPaused",
    );
    await expect(pool.connect(bob).repay(U, parseUnits("100", 6), 2, bob.address)).to.emit(pool, "Repay");
    await time.increase(DURATION + COOLDOWN);
    await pool.connect(guardian).pauseReserve(U);
    await expect(pool.connect(bob).repay(U, parseUnits("100", 6), 2, bob.address)).to.emit(pool, "Repay");
    await expect(pool.connect(bob).repay(U, ethers.MaxUint256, 2, bob.address)).to.emit(pool, "Repay");
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
  });

  it("cooldown: a second guardian pause is refused with PoolPauseCooldown(asset, allowedAt) until duration + cooldown; an early DAO unpause does not reset it", async () => {
    const { pool, guardian, deployer, U } = await loadFixture(fixture);
    const start = await timestampOf(await pool.connect(guardian).pause());
    await pool.connect(deployer).unpause(0);
    expect(await pool.paused()).to.equal(false);
    const allowedAt = start + DURATION + COOLDOWN;
    await expect(pool.connect(guardian).pause())
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(ZERO, allowedAt);
    // The pool pause counts for every reserve: no chaining by switching to a reserve pause.
    await expect(pool.connect(guardian).pauseReserve(U))
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(U, allowedAt);
    await time.setNextBlockTimestamp(allowedAt - 1n);
    await expect(pool.connect(guardian).pause())
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(ZERO, allowedAt);
    await time.setNextBlockTimestamp(allowedAt);
    await expect(pool.connect(guardian).pause()).to.emit(pool, "PauseSet");
  });

  it("cooldown: a reserve pause holds back the next pool pause and that reserve's, not another reserve's", async () => {
    const { pool, guardian, U, W } = await loadFixture(fixture);
    const start = await timestampOf(await pool.connect(guardian).pauseReserve(U));
    const allowedAt = start + DURATION + COOLDOWN;
    await expect(pool.connect(guardian).pauseReserve(U))
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(U, allowedAt);
    await expect(pool.connect(guardian).pause())
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(ZERO, allowedAt);
    await expect(pool.connect(guardian).pauseReserve(W)).to.emit(pool, "PauseSet");
  });

  it("extendPause: the DAO keeps a real emergency paused past the guardian's pause, in bounded steps; a guardian pause never shortens it", async () => {
    const { pool, guardian, deployer, alice, U, W } = await loadFixture(fixture);
    const start = await timestampOf(await pool.connect(guardian).pause());
    const now = start + 1000n;
    await time.setNextBlockTimestamp(now);
    const until = now + 14n * DAY;
    await expect(pool.connect(deployer).extendPause(ZERO, until))
      .to.emit(pool, "PauseSet")
      .withArgs(ZERO, until, until + EXPIRY_GRACE);
    await time.increaseTo(start + DURATION + 1n);
    await expect(pool.connect(alice).withdraw.staticCall(U, 1n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "PoolIsPaused",
    );
    // Bounds: in (now, now + 14 days].
    const t = BigInt(await time.latest()) + 100n;
    await time.setNextBlockTimestamp(t);
    await expect(pool.connect(deployer).extendPause(ZERO, t + 14n * DAY + 1n))
      .to.be.revertedWithCustomError(pool, "PoolPauseEndOutOfBounds")
      .withArgs(t + 14n * DAY + 1n, t, t + 14n * DAY);
    await time.setNextBlockTimestamp(t + 1n);
    await expect(pool.connect(deployer).extendPause(W, t + 1n))
      .to.be.revertedWithCustomError(pool, "PoolPauseEndOutOfBounds")
      .withArgs(t + 1n, t + 1n, t + 1n + 14n * DAY);
    await expect(pool.connect(deployer).extendPause(alice.address, until))
      .to.be.revertedWithCustomError(pool, "PoolReserveNotListed")
      .withArgs(alice.address);
    // A guardian pause while a shorter DAO pause still runs lasts its own full duration.
    await time.increaseTo(start + DURATION + COOLDOWN);
    const tx = await pool.connect(guardian).pause();
    const s2 = await timestampOf(tx);
    await expect(tx)
      .to.emit(pool, "PauseSet")
      .withArgs(ZERO, s2 + DURATION, s2 + DURATION + EXPIRY_GRACE);
  });

  it("extendPause: a guardian pause during a longer DAO pause keeps the DAO's end", async () => {
    const { pool, guardian, deployer, U } = await loadFixture(fixture);
    const now = BigInt(await time.latest()) + 10n;
    await time.setNextBlockTimestamp(now);
    const until = now + 14n * DAY;
    await pool.connect(deployer).extendPause(U, until);
    await expect(pool.connect(guardian).pauseReserve(U))
      .to.emit(pool, "PauseSet")
      .withArgs(U, until, until + EXPIRY_GRACE);
    expect((await pool.getKeelReserveData(U)).pausedUntil).to.equal(until);
  });

  it("setPauseConfig: admin only, within [1 h, 14 d] and [1 d, 30 d], emits old and new (defaults 7 d / 7 d); a new pause uses it", async () => {
    const { pool, guardian, deployer } = await loadFixture(fixture);
    await expect(pool.connect(deployer).setPauseConfig(HOUR - 1n, DAY))
      .to.be.revertedWithCustomError(pool, "PoolPauseDurationOutOfBounds")
      .withArgs(HOUR - 1n, HOUR, 14n * DAY);
    await expect(pool.connect(deployer).setPauseConfig(14n * DAY + 1n, DAY))
      .to.be.revertedWithCustomError(pool, "PoolPauseDurationOutOfBounds")
      .withArgs(14n * DAY + 1n, HOUR, 14n * DAY);
    await expect(pool.connect(deployer).setPauseConfig(HOUR, DAY - 1n))
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldownOutOfBounds")
      .withArgs(DAY - 1n, DAY, 30n * DAY);
    await expect(pool.connect(deployer).setPauseConfig(HOUR, 30n * DAY + 1n))
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldownOutOfBounds")
      .withArgs(30n * DAY + 1n, DAY, 30n * DAY);
    await expect(pool.connect(deployer).setPauseConfig(2n * DAY, 3n * DAY))
      .to.emit(pool, "PauseConfigSet")
      .withArgs(DURATION, 2n * DAY, COOLDOWN, 3n * DAY);
    await expect(pool.connect(deployer).setPauseConfig(HOUR, DAY))
      .to.emit(pool, "PauseConfigSet")
      .withArgs(2n * DAY, HOUR, 3n * DAY, DAY);
    const start = await timestampOf(await pool.connect(guardian).pause());
    await expect(pool.connect(guardian).pause())
      .to.be.revertedWithCustomError(pool, "PoolPauseCooldown")
      .withArgs(ZERO, start + HOUR + DAY);
    await time.increaseTo(start + HOUR);
    expect(await pool.paused()).to.equal(false);
  });

  it("new restricted functions: a stranger and the guardian are refused setPauseConfig and extendPause (AccessManagedUnauthorized)", async () => {
    const { pool, guardian, stranger } = await loadFixture(fixture);
    for (const who of [stranger, guardian]) {
      await expect(pool.connect(who).setPauseConfig(DAY, DAY))
        .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
        .withArgs(who.address);
      await expect(pool.connect(who).extendPause(ZERO, BigInt(await time.latest()) + DAY))
        .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
        .withArgs(who.address);
    }
    await expect(pool.connect(stranger).pause())
      .to.be.revertedWithCustomError(pool, "AccessManagedUnauthorized")
      .withArgs(stranger.address);
  });

  it("flash-loan pause stays indefinite (it traps nobody's funds): still paused a year later, withdrawals unaffected", async () => {
    const { pool, guardian, alice, U, refreshFeeds } = await loadFixture(fixture);
    await pool.connect(guardian).pauseFlashLoans();
    await time.increase(365n * DAY);
    await refreshFeeds();
    expect(await pool.flashLoansPaused()).to.equal(true);
    await expect(pool.connect(alice).withdraw(U, 1n, alice.address)).to.emit(pool, "Withdraw");
  });
});
