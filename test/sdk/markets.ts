// The SDK's markets (packages/sdk/src/markets.ts) against the hub's and the core spoke's own views at the same block:
// totals, utilisation, rates (the pool's Aave-style APRs to the wei), every spoke's account, and caps with their use,
// a cap's room checked by the revert one whole token beyond it.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import {
  HUB_UNLIMITED,
  RAY,
  SECONDS_PER_YEAR,
  decodeError,
  readHubMarkets,
  readPoolMarkets,
  rateFromApr,
} from "../../packages/sdk/src/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
/** Display numbers agree to `digits` significant digits (chai's closeTo is bigint-only under Hardhat's matchers). */
const near = (actual: number, expected: number, digits = 9) =>
  expect(actual.toPrecision(digits)).to.equal(expected.toPrecision(digits));
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const USDC_ADD_CAP = 1_000_000n; // whole tokens
const USDC_DRAW_CAP = 150_000n;
const WETH_SUPPLY_CAP = 2_000n;
const WETH_BORROW_CAP = 300n;

/** bob lends 300,000 USDC and 500 WETH, alice borrows 120,000 USDC and 100 WETH against 200 WETH + 100,000 USDC;
 *  the core spoke's hub caps in USDC and its own caps in WETH are finite; 30 days pass. */
async function fixture() {
  const f = await deployTestSystem(connection);
  const { pool, hub, alice, bob, deployer, risk, U, W, poolAddress } = f;
  await hub.connect(deployer).setSpokeCaps(poolAddress, U, USDC_ADD_CAP, USDC_DRAW_CAP);
  const c = (await pool.getKeelReserveData(W)).config;
  await pool.connect(risk).setReserveConfig(W, {
    ltv: c.ltv,
    liquidationThreshold: c.liquidationThreshold,
    liquidationBonus: c.liquidationBonus,
    liquidationProtocolFee: c.liquidationProtocolFee,
    decimals: c.decimals,
    id: c.id,
    flags: c.flags,
    supplyCap: WETH_SUPPLY_CAP,
    borrowCap: WETH_BORROW_CAP,
    liquidationGraceUntil: c.liquidationGraceUntil,
  });
  await pool.connect(bob).supply(U, parseUnits("300000", 6), bob.address, 0);
  await pool.connect(bob).supply(W, parseUnits("500", 18), bob.address, 0);
  await pool.connect(alice).supply(W, parseUnits("200", 18), alice.address, 0);
  await pool.connect(alice).supply(U, parseUnits("100000", 6), alice.address, 0);
  await pool.connect(alice).borrow(U, parseUnits("120000", 6), 2, 0, alice.address);
  await pool.connect(alice).borrow(W, parseUnits("100", 18), 2, 0, alice.address);
  await time.increase(30 * 86_400);
  await f.refreshFeeds();
  return f;
}

describe("sdk: markets", () => {
  it("per hub asset: totals, utilisation and rates equal the hub's and the pool's views at the same block", async () => {
    const { hub, pool, hubAddress, U, B, W } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const markets = await readHubMarkets(ethers.provider, hubAddress, { blockTag });
    expect(markets.map((m) => m.asset)).to.deep.equal([...(await hub.assets({ blockTag }))]);
    expect(markets.map((m) => m.symbol)).to.include.members(["USDC", "WBTC", "WETH"]);
    for (const m of markets) {
      const [supplied, drawn, cash] = await hub.assetTotals(m.asset, { blockTag });
      expect([m.supplied, m.borrowed, m.cash], m.symbol).to.deep.equal([supplied, drawn, cash]);
      expect(m.utilisation).to.equal(cash + drawn === 0n ? 0n : (drawn * RAY) / (cash + drawn));
      const [li, bi] = await hub.currentIndexes(m.asset, { blockTag });
      expect([m.liquidityIndex, m.borrowIndex]).to.deep.equal([li, bi]);
      const a = await hub.getAsset(m.asset, { blockTag });
      expect(m.borrowRate.perSecond).to.equal(a.borrowRate);
      expect(m.reserveFactorBps).to.equal(a.reserveFactor);
      expect(m.treasuryBalance).to.equal(await hub.treasuryBalance(m.asset, { blockTag }));
      if ([U, B, W].includes(m.asset)) {
        const legacy = await pool.getReserveData(m.asset, { blockTag });
        expect(m.borrowRate.aprRay, m.symbol).to.equal(legacy.currentVariableBorrowRate);
        expect(m.supplyRate.aprRay, m.symbol).to.equal(legacy.currentLiquidityRate);
      }
    }
    const usdc = markets.find((m) => m.asset === U)!;
    expect(usdc.borrowed).to.be.gt(parseUnits("120000", 6)); // 30 days of interest
    expect(usdc.utilisation).to.be.gt((RAY * 29n) / 100n); // ~120k of ~410k
    // The fixture's flat 10% a year: APR 0.10 (the per-second rate rounds up), APY e^0.1 - 1.
    near(usdc.borrowRate.apr, 0.1, 9);
    near(usdc.borrowRate.apy, Math.expm1(0.1), 6);
    // Roughly borrow APR x utilisation x (1 - 10% reserve factor); exact against the pool above.
    near(usdc.supplyRate.apr, usdc.borrowRate.apr * (Number(usdc.utilisation) / Number(RAY)) * 0.9, 2);
    expect(usdc.supplyRate.apr).to.be.gt(0).and.lt(usdc.borrowRate.apr);
  });

  it("per spoke: each registered spoke's balances and hub caps with their use", async () => {
    const { hub, hubAddress, poolAddress, U, W } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const markets = await readHubMarkets(ethers.provider, hubAddress, { blockTag });
    const spokes = [...(await hub.spokes({ blockTag }))];
    expect(spokes).to.include(poolAddress);
    for (const m of markets) {
      expect(m.spokes.map((s) => s.spoke)).to.deep.equal(spokes);
      for (const s of m.spokes) {
        const [supplied, drawn] = await hub.spokeBalances(s.spoke, m.asset, { blockTag });
        expect([s.supplied, s.drawn]).to.deep.equal([supplied, drawn]);
        const sa = await hub.getSpokeAsset(s.spoke, m.asset, { blockTag });
        expect(s.addCap.cap).to.equal(sa.addCap === HUB_UNLIMITED ? undefined : sa.addCap);
        expect(s.drawCap.cap).to.equal(sa.drawCap === HUB_UNLIMITED ? undefined : sa.drawCap);
        expect(s.drawCap.used).to.equal(drawn + sa.deficit);
        expect(s.addCap.used - supplied).to.be.oneOf([0n, 1n]); // rounded up, as `add` checks it
      }
    }
    const coreUsdc = markets.find((m) => m.asset === U)!.spokes.find((s) => s.spoke === poolAddress)!;
    expect(coreUsdc.addCap.cap).to.equal(USDC_ADD_CAP);
    expect(coreUsdc.drawCap.cap).to.equal(USDC_DRAW_CAP);
    expect(coreUsdc.drawCap.useBps).to.equal((coreUsdc.drawCap.used * 10_000n) / (USDC_DRAW_CAP * 10n ** 6n));
    expect(coreUsdc.drawCap.room).to.equal(USDC_DRAW_CAP * 10n ** 6n - coreUsdc.drawCap.used);
    const coreWeth = markets.find((m) => m.asset === W)!.spokes.find((s) => s.spoke === poolAddress)!;
    expect(coreWeth.addCap.cap).to.equal(undefined); // unlimited in the hub
  });

  it("the hub's USDC draw cap: room + 1 whole token more reverts with HubDrawCapExceeded, half the room succeeds", async () => {
    const { hubAddress, pool, poolAddress, alice, U, W } = await loadFixture(fixture);
    await pool.connect(alice).supply(W, parseUnits("300", 18), alice.address, 0); // collateral beyond the cap
    const core = async () =>
      (await readHubMarkets(ethers.provider, hubAddress))
        .find((m) => m.asset === U)!
        .spokes.find((s) => s.spoke === poolAddress)!;
    const { drawCap } = await core();
    const room = drawCap.room!;
    try {
      await pool.connect(alice).borrow.staticCall(U, room + 10n ** 6n, 2, 0, alice.address);
      expect.fail("a borrow beyond the draw cap succeeded");
    } catch (e) {
      const d = decodeError(e);
      expect(d?.name).to.equal("HubDrawCapExceeded");
      expect(d?.named.cap).to.equal(USDC_DRAW_CAP);
    }
    await pool.connect(alice).borrow(U, room / 2n, 2, 0, alice.address);
    expect((await core()).drawCap.used).to.be.gte(drawCap.used + room / 2n);
  });

  it("the core spoke's reserves: risk parameters and its own supply and borrow caps with their use", async () => {
    const { pool, hub, poolAddress, W, U } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const reserves = await readPoolMarkets(ethers.provider, poolAddress, { blockTag });
    expect(reserves.map((r) => r.asset)).to.deep.equal([...(await pool.getReservesList({ blockTag }))]);
    for (const r of reserves) {
      const d = await pool.getKeelReserveData(r.asset, { blockTag });
      expect([r.ltvBps, r.liquidationThresholdBps, r.liquidationBonusBps, r.decimals]).to.deep.equal([
        d.config.ltv,
        d.config.liquidationThreshold,
        d.config.liquidationBonus,
        Number(d.config.decimals),
      ]);
      expect(r.kToken).to.equal(d.kToken);
      const [supplied, borrowed] = await pool.getReserveTotals(r.asset, { blockTag });
      expect([r.supplied, r.borrowed]).to.deep.equal([supplied, borrowed]);
      expect(r.active && r.borrowing && r.collateral).to.equal(true);
    }
    const weth = reserves.find((r) => r.asset === W)!;
    expect(weth.supplyCap.cap).to.equal(WETH_SUPPLY_CAP);
    expect(weth.borrowCap.cap).to.equal(WETH_BORROW_CAP);
    expect(weth.borrowCap.used).to.equal((await hub.spokeBalances(poolAddress, W, { blockTag }))[1]);
    expect(weth.supplyCap.useBps).to.equal((weth.supplyCap.used * 10_000n) / (WETH_SUPPLY_CAP * 10n ** 18n));
    expect(weth.supplyCap.used).to.be.gt(parseUnits("700", 18)); // 500 + 200 WETH and 30 days of interest
    expect(reserves.find((r) => r.asset === U)!.supplyCap.cap).to.equal(undefined); // 0 in the contract: none
  });

  it("rateFromApr: APY compounds the per-second rate; 0 stays 0", () => {
    expect(rateFromApr(0n)).to.deep.equal({ perSecond: 0n, aprRay: 0n, apr: 0, apy: 0 });
    const r = rateFromApr(RAY / 20n); // 5%
    expect(r.perSecond).to.equal(RAY / 20n / SECONDS_PER_YEAR);
    near(r.apy, Math.expm1(0.05), 8); // per-second compounding is e^r - 1 to 1e-10
  });
});
