// Fuzz-style, fixed seed: random users, actions, amounts, prices and time steps on the core spoke. Before each action
// the SDK simulates it off-chain (packages/sdk/src/simulate.ts) for the block's timestamp; after doing it on chain
// the pool's getUserAccountData and stored position must equal the simulation to the wei, and an action the
// simulation refuses must revert with the same custom error and arguments.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  decodeError,
  maxBorrowable,
  maxWithdrawable,
  readSimulationState,
  simulate,
} from "../../packages/sdk/src/index.js";
import { HEARTBEAT, deployTestSystem } from "../helpers/pool-fixture.js";
import { rng } from "../helpers/rng.js";
import { type FuzzMarket, randomAction, sendAction, simulatedAndChain } from "../helpers/fuzz-actions.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const SEED = 0x5eed14;
const STEPS = 30;

/** bob lends deep liquidity in every reserve; alice, carol and dave start with 20 WETH of collateral each. */
async function fixture() {
  const f = await deployTestSystem(connection);
  const { pool, bob, U, B, W } = f;
  await pool.connect(bob).supply(U, parseUnits("900000", 6), bob.address, 0);
  await pool.connect(bob).supply(B, parseUnits("90", 8), bob.address, 0);
  await pool.connect(bob).supply(W, parseUnits("900", 18), bob.address, 0);
  for (const u of [f.alice, f.carol, f.dave]) await pool.connect(u).supply(W, parseUnits("20", 18), u.address, 0);
  return f;
}

describe("sdk: simulate actions before sending them (fuzz, fixed seed)", () => {
  it(`${String(STEPS)} random supply / withdraw / borrow / repay steps: the simulation equals the chain to the wei`, async function () {
    this.timeout(300_000);
    const f = await loadFixture(fixture);
    const { pool, poolAddress, U, B, W } = f;
    const rand = rng(SEED);
    const users: HardhatEthersSigner[] = [f.alice, f.carol, f.dave];
    const assets = [U, B, W];
    const decimals: Record<string, number> = { [U]: 6, [B]: 8, [W]: 18 };
    const prices: Record<string, bigint> = { [U]: 10n ** 8n, [B]: 60_000n * 10n ** 8n, [W]: 2_000n * 10n ** 8n };
    const market: FuzzMarket = {
      assets,
      decimals,
      prices, // the same object the price moves below update
      supplyMax: 20_000,
      supplyDivisor: (a) => (a === U ? 1n : a === B ? 10_000n : 1_000n),
    };
    const seen: Record<string, number> = {};
    let lastRefresh = BigInt(await time.latest());

    for (let step = 0; step < STEPS; step++) {
      // Environment: a price move now and then, fresh feeds before the heartbeat runs out.
      if (rand(1, 5) === 1) {
        const asset = rand(0, 1) === 0 ? B : W;
        prices[asset] = (prices[asset] * BigInt(rand(88, 110))) / 100n;
        await f.setPrice(asset, prices[asset]);
      }
      if (BigInt(await time.latest()) - lastRefresh > BigInt(HEARTBEAT) - 30_000n) {
        await f.refreshFeeds();
        lastRefresh = BigInt(await time.latest());
      }
      const user = users[rand(0, users.length - 1)];
      const block = await ethers.provider.getBlock("latest");
      const state = await readSimulationState(ethers.provider, poolAddress, user.address, { blockTag: block!.number });
      const timestamp = BigInt(block!.timestamp + rand(60, 6 * 3600));

      const action = randomAction(rand, state, timestamp, market);
      const { kind, asset, amount } = action;
      const predicted = simulate(state, action, timestamp);

      await time.setNextBlockTimestamp(timestamp);
      const label = `step ${String(step)}: ${kind} ${String(amount)} of ${asset} by ${user.address}`;
      if (predicted.revert !== undefined) {
        let error: unknown;
        try {
          await (await sendAction(pool, user, action)).wait();
        } catch (e) {
          error = e;
        }
        const d = decodeError(error);
        expect(d?.name, label).to.equal(predicted.revert.name);
        const { name: _name, ...args } = predicted.revert;
        expect(d?.named, label).to.deep.equal(args);
        seen[`${kind} refused`] = (seen[`${kind} refused`] ?? 0) + 1;
        continue;
      }
      const receipt = await (await sendAction(pool, user, action)).wait();
      expect(receipt?.blockNumber, label).to.be.a("number");
      const blockTag = receipt!.blockNumber;
      expect((await ethers.provider.getBlock(blockTag))?.timestamp).to.equal(Number(timestamp));
      const { simulated, chain } = await simulatedAndChain(pool, user.address, asset, predicted, blockTag);
      expect(simulated, label).to.deep.equal(chain);
      seen[kind] = (seen[kind] ?? 0) + 1;
    }
    // The seed reaches every action and both refusals (a changed seed must keep that coverage).
    for (const k of ["supply", "withdraw", "borrow", "repay", "borrow refused", "withdraw refused"])
      expect(seen[k] ?? 0, `${k} in ${JSON.stringify(seen)}`).to.be.gte(1);
  });

  it("maxBorrowable and maxWithdrawable: the maximum goes through on chain, one unit more is refused", async () => {
    const { pool, poolAddress, alice, U, W } = await loadFixture(fixture);
    /** Sends `amount` of `kind` at `timestamp`: the decoded refusal, or undefined after the block is mined. */
    const attempt = async (kind: "borrow" | "withdraw", amount: bigint, timestamp: bigint) => {
      await time.setNextBlockTimestamp(timestamp);
      try {
        const p = pool.connect(alice);
        await (
          await (kind === "borrow" ? p.borrow(U, amount, 2, 0, alice.address) : p.withdraw(W, amount, alice.address))
        ).wait();
      } catch (e) {
        return decodeError(e)?.name ?? String(e);
      }
      expect(await time.latest()).to.equal(Number(timestamp));
      return undefined;
    };
    const at = async () => {
      const block = (await ethers.provider.getBlock("latest"))!;
      return {
        state: await readSimulationState(ethers.provider, poolAddress, alice.address, { blockTag: block.number }),
        timestamp: BigInt(block.timestamp + 3600),
      };
    };

    let { state, timestamp } = await at();
    const borrowable = maxBorrowable(state, U, timestamp);
    expect(borrowable).to.be.gt(parseUnits("31000", 6)); // 20 WETH at $2,000, 80% LTV: about $32,000
    expect(await attempt("borrow", borrowable + 1n, timestamp)).to.equal("PoolInsufficientCollateral");
    expect(await attempt("borrow", borrowable, timestamp)).to.equal(undefined);
    const d = await pool.getUserAccountData(alice.address);
    expect(d[2]).to.be.lt(100n); // less than one USDC unit's worth of borrowing power left (100 base units)

    // Withdrawals are held to a health factor of 1 (threshold 85%), not to the LTV: about 20 - 20 x 80/85 WETH left.
    ({ state, timestamp } = await at());
    const withdrawable = maxWithdrawable(state, W, timestamp);
    expect(withdrawable).to.be.gt(parseUnits("1.1", 18));
    expect(withdrawable).to.be.lt(parseUnits("1.2", 18));
    expect(await attempt("withdraw", withdrawable + 1n, timestamp)).to.equal("PoolHealthFactorTooLow");
    expect(await attempt("withdraw", withdrawable, timestamp)).to.equal(undefined);
    expect((await pool.getUserAccountData(alice.address))[5]).to.be.gte(10n ** 18n);
  });
});
