// Fuzzed invariant of the safety module (a TypeScript handler run, seeded and reproducible): random stakes, cooldowns,
// unstakes, transfers, time jumps and bad debts reported by an EOA spoke. After every step:
//   - the module's assets cover its stake shares: the value of every holder's shares (rounded down) sums to at most
//     the module's hub supply, and the shares sum to the pool's totalShares;
//   - assets == staked - unstaked - cover paid, up to hub rounding (no interest: nobody borrows in this run, the
//     EOA spoke's draws are written off in the same step) and any socialised loss the module shares as a supplier;
//   - no account's cooling shares exceed its balance.
import { expect } from "chai";
import hre from "hardhat";
import { E6, deploySafetySystem } from "../helpers/safety-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;

/** Small deterministic PRNG (mulberry32) so a failure replays with its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixture = () => deploySafetySystem(connection);

describe("invariant: the safety module's assets cover its stake shares minus slashes", () => {
  for (const seed of [1, 7, 42]) {
    it(`seed ${String(seed)}: 40 random actions`, async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
      const stakers = [f.bob, f.carol, f.liquidator];
      const id = f.id(f.U);
      let staked = 0n;
      let unstaked = 0n;
      let socialisedShare = 0n;
      const done = { bad: 0, unstake: 0 };
      for (let step = 0; step < 40; step++) {
        const who = pick(stakers);
        const action = pick(["stake", "stake", "cooldown", "unstake", "transfer", "wait", "bad"] as const);
        const bal = await f.module.balanceOf(who.address, id);
        if (action === "stake") {
          const amount = BigInt(1 + Math.floor(rand() * 5000)) * E6;
          await f.module.connect(who).stake(f.U, amount, who.address);
          staked += amount;
        } else if (action === "cooldown" && bal > 0n) {
          await f.module.connect(who).cooldown(f.U, bal);
        } else if (action === "unstake") {
          const c = await f.module.getCooldown(f.U, who.address);
          const now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp) + 1n;
          if (
            c.shares > 0n &&
            now >= c.unlocksAt &&
            now <= c.expiresAt &&
            (await f.module.previewUnstake(f.U, c.shares)) > 0n
          ) {
            const before = await f.usdc.balanceOf(who.address);
            await f.module.connect(who).unstake(f.U, c.shares, who.address);
            unstaked += (await f.usdc.balanceOf(who.address)) - before;
            done.unstake++;
          }
        } else if (action === "transfer" && bal > 0n) {
          const to = pick(stakers.filter((s) => s !== who));
          await f.module.connect(who).transfer(to.address, id, bal / 2n);
        } else if (action === "wait") {
          await networkHelpers.time.increase(pick([DAY, 10 * DAY, 20 * DAY + 3600]));
        } else if (action === "bad") {
          const assets = await f.module.totalAssets(f.U);
          const amount = BigInt(1 + Math.floor(rand() * 3000)) * E6;
          const hubShares = (await f.hub.getSpokeAsset(f.moduleAddress, f.U)).shares;
          const totalHubShares = (await f.hub.getAsset(f.U)).totalShares;
          const tx = await f.badDebt(amount);
          done.bad++;
          const rc = (await tx.wait())!;
          for (const log of rc.logs) {
            const p = log.address.toLowerCase() === f.hubAddress.toLowerCase() ? f.hub.interface.parseLog(log) : null;
            if (p?.name === "DeficitReported") {
              // The module's part of a socialised loss, as a supplier (at most its pro-rata share, plus rounding).
              const after = (await f.hub.getSpokeAsset(f.moduleAddress, f.U)).shares;
              socialisedShare += ((p.args[4] as bigint) * after) / (totalHubShares - (hubShares - after)) + 2n;
            }
          }
          expect(await f.module.totalAssets(f.U)).to.be.lte(assets);
        }
        // Invariants.
        const total = (await f.module.getStakePool(f.U)).totalShares;
        const assets = await f.module.totalAssets(f.U);
        let sumShares = 0n;
        let sumValue = 0n;
        for (const s of stakers) {
          const b = await f.module.balanceOf(s.address, id);
          sumShares += b;
          sumValue += await f.module.previewUnstake(f.U, b);
          expect((await f.module.getCooldown(f.U, s.address)).shares).to.be.lte(b);
        }
        expect(sumShares).to.equal(total);
        expect(sumValue).to.be.lte(assets);
        const paid = (await f.module.getStakePool(f.U)).coverPaid;
        const books = staked - unstaked - paid;
        const tolerance = BigInt(step + 1) * 2n;
        expect(assets).to.be.lte(books + tolerance);
        expect(assets + socialisedShare + tolerance).to.be.gte(books);
      }
      expect(done.bad).to.be.gt(0); // the run exercised slashing
    });
  }
});

const DAY = 86_400;
