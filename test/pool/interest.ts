import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import { deployTestSystem, RAY, RATE_10_PCT, SEED } from "../helpers/pool-fixture.js";
import {
  accrue,
  readReserveState,
  rayDivDown,
  rayDivUp,
  rayMulDown,
  rayMulUp,
  compoundedGrowthDown,
  type ReserveState,
} from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployTestSystem(connection);

async function txTime(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  return BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
}

function expectState(actual: ReserveState, model: ReserveState) {
  expect(actual.liquidityIndex, "liquidityIndex").to.equal(model.liquidityIndex);
  expect(actual.borrowIndex, "borrowIndex").to.equal(model.borrowIndex);
  expect(actual.totalSupplyScaled, "totalSupplyScaled").to.equal(model.totalSupplyScaled);
  expect(actual.totalDebtScaled, "totalDebtScaled").to.equal(model.totalDebtScaled);
  expect(actual.treasuryScaled, "treasuryScaled").to.equal(model.treasuryScaled);
  expect(actual.lastUpdate, "lastUpdate").to.equal(model.lastUpdate);
}

describe("Pool: interest accrual against an independent model", () => {
  it("compoundedGrowthDown: the model's 3-term expansion is close to e^(rt) - 1", () => {
    const growth = compoundedGrowthDown(RATE_10_PCT, 31_536_000n);
    const exact = Math.expm1(Number(RATE_10_PCT * 31_536_000n) / 1e27);
    expect(Math.abs(Number(growth) / 1e27 - exact)).to.be.lessThan(5e-5);
  });

  it("accrue: indexes, treasury share and totals follow the model to the unit over a year of actions", async () => {
    const { pool, hub, alice, bob, carol, refreshFeeds, U, W } = await loadFixture(fixture);
    // Model of USDC from its listing: index 1, seed only, the fixed rate stored at listing.
    let m: ReserveState = await readReserveState(pool, U);
    expect(m).to.deep.include({
      liquidityIndex: RAY,
      borrowIndex: RAY,
      totalSupplyScaled: SEED,
      borrowRate: RATE_10_PCT,
    });
    let aliceScaled = 0n;
    let bobDebtScaled = 0n;

    let t = await txTime(pool.connect(alice).supply(U, parseUnits("100000", 6), alice.address, 0));
    m = accrue(m, t).state;
    aliceScaled += rayDivDown(parseUnits("100000", 6), m.liquidityIndex);
    m.totalSupplyScaled += rayDivDown(parseUnits("100000", 6), m.liquidityIndex);
    expectState(await readReserveState(pool, U), m);

    await pool.connect(bob).supply(W, parseUnits("100", 18), bob.address, 0);
    t = await txTime(pool.connect(bob).borrow(U, parseUnits("60000", 6), 2, 0, bob.address));
    m = accrue(m, t).state;
    bobDebtScaled += rayDivUp(parseUnits("60000", 6), m.borrowIndex);
    m.totalDebtScaled += rayDivUp(parseUnits("60000", 6), m.borrowIndex);
    expectState(await readReserveState(pool, U), m);

    const steps: [number, "repay" | "borrow" | "supply", bigint][] = [
      [17 * 86400 + 13, "repay", parseUnits("1234.5678", 6)],
      [45 * 86400 + 7, "borrow", parseUnits("9999.999999", 6)],
      [3600, "supply", parseUnits("777.777777", 6)],
      [120 * 86400, "repay", parseUnits("20000", 6)],
      [183 * 86400 + 1, "borrow", 1n],
    ];
    for (const [dt, action, amount] of steps) {
      await time.increase(dt);
      await refreshFeeds(); // borrows price the collateral: keep the feeds within their heartbeat
      let tx: Promise<ContractTransactionResponse>;
      if (action === "repay") tx = pool.connect(bob).repay(U, amount, 2, bob.address);
      else if (action === "borrow") tx = pool.connect(bob).borrow(U, amount, 2, 0, bob.address);
      else tx = pool.connect(carol).supply(U, amount, carol.address, 0);
      const prev = m;
      t = await txTime(tx);
      const acc = accrue(prev, t);
      m = acc.state;
      await expect(tx).to.emit(hub, "AssetAccrued").withArgs(U, m.liquidityIndex, m.borrowIndex, acc.toTreasury);
      if (action === "repay") {
        const burn = rayDivDown(amount, m.borrowIndex);
        bobDebtScaled -= burn;
        m.totalDebtScaled -= burn;
      } else if (action === "borrow") {
        const add = rayDivUp(amount, m.borrowIndex);
        bobDebtScaled += add;
        m.totalDebtScaled += add;
      } else {
        m.totalSupplyScaled += rayDivDown(amount, m.liquidityIndex);
      }
      expectState(await readReserveState(pool, U), m);
      // Treasury received exactly its reserve-factor share (10%) of the interest, as a supply position.
      expect(acc.toTreasury).to.equal((acc.interest * 1000n) / 10_000n);
    }
    expect((await pool.getUserPosition(U, bob.address)).scaledDebt).to.equal(bobDebtScaled);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(rayMulDown(aliceScaled, m.liquidityIndex));
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(rayMulUp(bobDebtScaled, m.borrowIndex));
    expect(await hub.treasuryBalance(U)).to.equal(rayMulDown(m.treasuryScaled, m.liquidityIndex));
    expect(m.treasuryScaled).to.be.greaterThan(0n);
    // Suppliers' share: alice earned about 90% of the borrow rate times utilisation; she is paid from the interest.
    expect(await pool.supplyBalanceOf(U, alice.address)).to.be.greaterThan(parseUnits("104000", 6));
  });

  it("views: normalized income and debt equal the model at the queried block", async () => {
    const { pool, alice, bob, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("8000", 6), 2, 0, bob.address);
    const m = await readReserveState(pool, U);
    await time.increase(77 * 86400);
    await networkHelpers.mine();
    const now = BigInt(await time.latest());
    const li = await pool.getReserveNormalizedIncome(U);
    const bi = await pool.getReserveNormalizedVariableDebt(U);
    const candidates = [now, now + 1n].map((x) => accrue(m, x).state);
    expect(candidates.some((c) => c.liquidityIndex === li && c.borrowIndex === bi)).to.equal(true);
  });

  it("accrue: a reserve factor change applies from the change on; interest before it uses the old factor", async () => {
    const { pool, hub, deployer, alice, bob, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("8000", 6), 2, 0, bob.address);
    let m = await readReserveState(pool, U);
    await time.increase(100 * 86400);
    const tx = hub.connect(deployer).configureAsset(U, ethers.ZeroAddress, 5000, 5, true);
    const t = await txTime(tx);
    const acc = accrue(m, t);
    await expect(tx)
      .to.emit(hub, "AssetAccrued")
      .withArgs(U, acc.state.liquidityIndex, acc.state.borrowIndex, acc.toTreasury);
    m = { ...acc.state, reserveFactor: 5000n };
    await time.increase(100 * 86400);
    const t2 = await txTime(pool.connect(bob).repay(U, 1n, 2, bob.address));
    const acc2 = accrue(m, t2);
    expect(acc2.toTreasury).to.equal(acc2.interest / 2n);
    const st = await readReserveState(pool, U);
    expect(st.treasuryScaled).to.equal(acc2.state.treasuryScaled);
    expect(st.liquidityIndex).to.equal(acc2.state.liquidityIndex);
  });

  it("accrue: with the whole interest to the treasury, suppliers' index stays put", async () => {
    const { pool, hub, deployer, alice, bob, U, W } = await loadFixture(fixture);
    await hub.connect(deployer).configureAsset(U, ethers.ZeroAddress, 10000, 5, true);
    await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    await pool.connect(bob).supply(W, parseUnits("10", 18), bob.address, 0);
    await pool.connect(bob).borrow(U, parseUnits("8000", 6), 2, 0, bob.address);
    await time.increase(365 * 86400);
    await pool.connect(bob).repay(U, 1n, 2, bob.address);
    expect((await pool.getKeelReserveData(U)).liquidityIndex).to.equal(RAY);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(parseUnits("10000", 6));
  });
});
