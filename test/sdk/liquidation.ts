// Fuzz-style, fixed seed: accounts borrow USDC against WETH (and some WBTC) near their limit, WETH falls by a random
// amount, and a liquidator offers a random part of the debt. Before each liquidation the SDK simulates it off-chain
// (packages/sdk/src/liquidation.ts) for the block's timestamp; the chain's LiquidationCall event (debt covered,
// collateral to the liquidator), the liquidator's balances, the treasury's fee and the bad-debt write-off must equal
// the simulation to the wei, and a liquidation the simulation refuses must revert with the same custom error.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { decodeError, readSimulationState, simulateLiquidation } from "../../packages/sdk/src/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";
import { rng } from "../helpers/rng.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const SEED = 0x11c0de;
const CASES = 16;

async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.bob).supply(f.U, parseUnits("900000", 6), f.bob.address, 0);
  return f;
}

describe("sdk: simulate liquidations before sending them (fuzz, fixed seed)", () => {
  it(`${CASES} random liquidations: repaid, seized, bonus, fee and write-off equal the chain to the wei`, async function () {
    this.timeout(300_000);
    const rand = rng(SEED);
    const outcomes: Record<string, number> = {};
    for (let c = 0; c < CASES; c++) {
      const f = await loadFixture(fixture);
      const { pool, poolAddress, U, W, B } = f;
      const [borrower, liquidator] = [f.carol, f.liquidator];
      const weth = BigInt(rand(1, 40));
      await pool.connect(borrower).supply(W, parseUnits(weth.toString(), 18), borrower.address, 0);
      if (rand(0, 2) === 0) await pool.connect(borrower).supply(B, parseUnits("0.05", 8), borrower.address, 0);
      const power = (await pool.getUserAccountData(borrower.address))[2]; // available borrows, base currency
      await pool.connect(borrower).borrow(U, (power * BigInt(rand(90, 99))) / 100n / 100n, 2, 0, borrower.address);
      // WETH falls 5% to 55%; some time passes (interest).
      await f.wethFeed.setAnswer((2000n * 10n ** 8n * BigInt(rand(45, 95))) / 100n);
      await time.increase(rand(1, 20) * 3600);
      await f.refreshFeeds();
      const debt = await pool.debtBalanceOf(U, borrower.address);
      const offer = rand(0, 3) === 0 ? MaxUint256 : (debt * BigInt(rand(1, 110))) / 100n;
      const collateral = rand(0, 4) === 0 ? B : W;

      const next = BigInt(await time.latest()) + 7n;
      const state = await readSimulationState(ethers.provider, poolAddress, borrower.address);
      const sim = simulateLiquidation(state, { collateral, debt: U, debtToCover: offer }, next);
      await time.setNextBlockTimestamp(next);
      const treasuryBefore = await pool.supplyBalanceOf(collateral, f.treasuryAddress);
      const colToken = collateral === W ? f.weth : f.wbtc;
      const liqBefore = await colToken.balanceOf(liquidator.address);
      try {
        const tx = await pool.connect(liquidator).liquidationCall(collateral, U, borrower.address, offer, false);
        const rc = (await tx.wait())!;
        expect(sim.revert, `case ${c}: the chain liquidated, the SDK said ${sim.revert?.name}`).to.equal(undefined);
        const ev = rc.logs.map((l) => pool.interface.parseLog(l)).find((p) => p?.name === "LiquidationCall");
        expect(ev?.args.debtToCover, `case ${c}: debt covered`).to.equal(sim.debtRepaid);
        expect(ev?.args.liquidatedCollateralAmount, `case ${c}: collateral to the liquidator`).to.equal(
          sim.toLiquidator,
        );
        expect((await colToken.balanceOf(liquidator.address)) - liqBefore, `case ${c}: tokens received`).to.equal(
          sim.toLiquidator,
        );
        const fee = (await pool.supplyBalanceOf(collateral, f.treasuryAddress)) - treasuryBefore;
        expect(fee, `case ${c}: the treasury's fee`).to.be.closeTo(sim.protocolFee, 1n); // credited as shares: one unit of rounding
        const wroteOff = rc.logs.some((l) => pool.interface.parseLog(l)?.name === "BadDebtWrittenOff");
        expect(wroteOff, `case ${c}: bad debt written off`).to.equal(sim.writesOffBadDebt);
        expect(sim.bonus, `case ${c}: the bonus covers the fee`).to.be.gte(sim.protocolFee);
        outcomes[sim.writesOffBadDebt ? "bad debt" : sim.debtRepaid === debt ? "closed" : "partial"] =
          (outcomes[sim.writesOffBadDebt ? "bad debt" : sim.debtRepaid === debt ? "closed" : "partial"] ?? 0) + 1;
      } catch (e) {
        const d = decodeError(e);
        if (d === undefined) throw e;
        expect(sim.revert?.name, `case ${c}: the chain refused with ${d.name}`).to.equal(d.name);
        if (sim.revert?.name === "PoolHealthFactorNotBelowThreshold")
          expect(d.args[0]).to.equal(sim.revert.healthFactor);
        outcomes[d.name] = (outcomes[d.name] ?? 0) + 1;
      }
    }
    // The campaign reached partial liquidations, refusals of healthy accounts and at least one other outcome.
    expect(outcomes.partial ?? 0, JSON.stringify(outcomes)).to.be.greaterThan(0);
    expect(outcomes.PoolHealthFactorNotBelowThreshold ?? 0, JSON.stringify(outcomes)).to.be.greaterThan(0);
    expect(Object.keys(outcomes).length, JSON.stringify(outcomes)).to.be.greaterThan(2);
  });
});
