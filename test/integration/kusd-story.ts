// Integration story of kUSD and kXAU on the system the one deployer builds for development networks (deploy/stablecoin.ts,
// handed over to the timelock): kUSD minted by borrowing through the core spoke, traded on a mock AMM until it depegs,
// and the PSM's arbitrage closing the gap; a kXAU short and long through a gold rally and a stopped feed; and a kUSD
// bad debt met by the safety module's kUSD stake pool first, the treasury's kUSD income next, and socialised over the
// hub's kUSD claims (the hub facilitator's) only beyond both. See docs/stablecoin.md and docs/insurance.md.
import { expect } from "chai";
import hre from "hardhat";
import { type ContractTransactionResponse, MaxUint256, parseUnits } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { deployKeel, refreshMockFeeds } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const K = (n: string) => parseUnits(n, 18);
const U = (n: string) => parseUnits(n, 6);
const USD = (n: number) => BigInt(n) * 10n ** 8n;

async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "kusd-story", recordDir: null });
  const [, , , , , alice, bob, carol, dave, erin, liquidator, staker] = await ethers.getSigners();
  const synths = keel.record.synths!;
  const c = {
    keel,
    alice,
    bob,
    carol,
    dave,
    erin,
    liquidator,
    staker,
    hub: await ethers.getContractAt("LiquidityHub", keel.address("LiquidityHub")),
    pool: await ethers.getContractAt("Pool", keel.address("Pool")),
    module: await ethers.getContractAt("SafetyModule", keel.address("SafetyModule")),
    kusd: await ethers.getContractAt("SynthToken", synths.kUSD.token),
    kxau: await ethers.getContractAt("SynthToken", synths.kXAU.token),
    psm: await ethers.getContractAt("PegStabilityModule", synths.kUSD.psm!),
    fac: await ethers.getContractAt("HubFacilitator", synths.kUSD.facilitator),
    gold: await ethers.getContractAt("MockAggregator", synths.kXAU.feed),
    usdc: await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset),
    weth: await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset),
    wethFeed: await ethers.getContractAt("MockAggregator", keel.reserves.WETH.feed),
    K_: synths.kUSD.token,
    X: synths.kXAU.token,
  };
  const [pool, psm, module] = [await c.pool.getAddress(), await c.psm.getAddress(), await c.module.getAddress()];
  for (const u of [alice, bob, carol, dave, erin, liquidator, staker]) {
    await c.weth.mint(u.address, K("100"));
    await c.weth.connect(u).approve(pool, MaxUint256);
    await c.usdc.mint(u.address, U("1000000"));
    await c.usdc.connect(u).approve(psm, MaxUint256);
    for (const t of [c.kusd, c.kxau]) await t.connect(u).approve(pool, MaxUint256);
    await c.kusd.connect(u).approve(psm, MaxUint256);
    await c.kusd.connect(u).approve(module, MaxUint256);
  }
  return c;
}
type Story = Awaited<ReturnType<typeof fixture>>;

/** kUSD's supply equals its facilitators' levels; the PSM holds a USDC for every kUSD it minted. */
async function expectBooks(f: Story) {
  let levels = 0n;
  for (const a of await f.kusd.facilitators()) levels += (await f.kusd.getBucket(a)).level;
  expect(await f.kusd.totalSupply()).to.equal(levels);
  expect((await f.usdc.balanceOf(await f.psm.getAddress())) * 10n ** 12n).to.be.gte(
    (await f.kusd.getBucket(await f.psm.getAddress())).level,
  );
}

/** `who` supplies `weth` WETH at $2,000 and borrows `kusd` kUSD; WETH falls to $1,000 and the liquidator (holding kUSD
 *  bought at the PSM) takes all the collateral. Returns the liquidation; WETH goes back to $2,000. */
async function goesBad(
  f: Story,
  who: HardhatEthersSigner,
  weth: string,
  kusd: string,
): Promise<ContractTransactionResponse> {
  await f.pool.connect(who).supply(await f.weth.getAddress(), K(weth), who.address, 0);
  await f.pool.connect(who).borrow(f.K_, K(kusd), 2, 0, who.address);
  await f.wethFeed.setAnswer(USD(1_000));
  const tx = await f.pool
    .connect(f.liquidator)
    .liquidationCall(await f.weth.getAddress(), f.K_, who.address, MaxUint256, false);
  await f.wethFeed.setAnswer(USD(2_000));
  return tx;
}

/** The liquidation's bad debt as the core spoke (covered, socialised) and the hub (the module's part) report it. */
async function lossOf(f: Story, tx: ContractTransactionResponse) {
  const rc = (await tx.wait())!;
  let covered = 0n;
  let socialised = 0n;
  let byModule = 0n;
  const hubAddress = (await f.hub.getAddress()).toLowerCase();
  for (const log of rc.logs) {
    const p = f.pool.interface.parseLog(log);
    if (p?.name === "BadDebtWrittenOff" && p.args[0] === f.K_)
      [covered, socialised] = [p.args[2] as bigint, p.args[3] as bigint];
    const h = log.address.toLowerCase() === hubAddress ? f.hub.interface.parseLog(log) : null;
    if (h?.name === "SafetyModuleCover") byModule = h.args[3] as bigint;
  }
  return { covered, socialised, byModule, total: covered + socialised };
}

describe("integration: kUSD and kXAU, minted into the hub", () => {
  it("act 1: kUSD minted by borrowing, dumped on an AMM until it depegs; PSM arbitrage brings it back", async () => {
    const f = await loadFixture(fixture);
    // Bob borrows 60,000 kUSD against 50 WETH with the ordinary Aave call: the hub facilitator's liquidity.
    const idle0 = await f.fac.hubBalance();
    await f.pool.connect(f.bob).supply(await f.weth.getAddress(), K("50"), f.bob.address, 0);
    await f.pool.connect(f.bob).borrow(f.K_, K("60000"), 2, 0, f.bob.address);
    expect(await f.kusd.balanceOf(f.bob.address)).to.equal(K("60000"));
    expect((await f.hub.assetTotals(f.K_))[1]).to.be.closeTo(K("60000"), K("0.01")); // drawn
    expect(await f.fac.hubBalance()).to.be.gte(idle0); // the facilitator's claim is what it minted (no interest to it)
    // Alice makes a kUSD/USDC market at the peg with kUSD bought at the PSM.
    const amm = await ethers.deployContract("MockAmm", [await f.usdc.getAddress(), f.K_]);
    const usdcIs0 = (await amm.token0()).toLowerCase() === (await f.usdc.getAddress()).toLowerCase();
    await f.psm.connect(f.alice).buy(U("100200"), 0n, f.alice.address);
    for (const u of [f.alice, f.bob, f.carol]) {
      await f.usdc.connect(u).approve(await amm.getAddress(), MaxUint256);
      await f.kusd.connect(u).approve(await amm.getAddress(), MaxUint256);
    }
    await amm.connect(f.alice).addLiquidity(...(usdcIs0 ? [U("100000"), K("100000")] : [K("100000"), U("100000")]));
    const price = async () => {
      const [r0, r1] = await amm.getReserves();
      const [ru, rk] = usdcIs0 ? [r0, r1] : [r1, r0];
      return (ru * 10n ** 18n) / rk; // USDC per kUSD, 1e6 = the peg
    };
    // Bob sells his borrowed kUSD for USDC: kUSD trades well below $1.
    await amm.connect(f.bob).swapExactIn(f.K_, K("40000"), 0n, f.bob.address);
    expect(await price()).to.be.lt(U("0.55"));
    // Carol buys cheap kUSD on the AMM and redeems it at the PSM for USDC, until the gap is the fee.
    const start = await f.usdc.balanceOf(f.carol.address);
    for (let i = 0; i < 60 && (await price()) < U("0.995"); i++) {
      const got = await amm
        .connect(f.carol)
        .swapExactIn.staticCall(await f.usdc.getAddress(), U("1000"), 0n, f.carol.address);
      await amm.connect(f.carol).swapExactIn(await f.usdc.getAddress(), U("1000"), 0n, f.carol.address);
      await f.psm.connect(f.carol).sell(got, 0n, f.carol.address);
    }
    expect(await price()).to.be.gte(U("0.995"));
    expect(await f.usdc.balanceOf(f.carol.address)).to.be.gt(start);
    await expectBooks(f);
  });

  it("act 2: a kXAU short and long through a gold rally; a stopped gold feed blocks new kXAU loans, not repayment", async () => {
    const f = await loadFixture(fixture);
    // Dave (the short) borrows 6 kXAU ($15,000) against 10 WETH ($20,000) and sells it to Erin (the long).
    await f.pool.connect(f.dave).supply(await f.weth.getAddress(), K("10"), f.dave.address, 0);
    await f.pool.connect(f.dave).borrow(f.X, K("6"), 2, 0, f.dave.address);
    await f.kxau.connect(f.dave).transfer(f.erin.address, K("6"));
    const oracle = await ethers.getContractAt("KeelOracle", f.keel.address("Oracle"));
    const longValue = async () =>
      ((await f.kxau.balanceOf(f.erin.address)) * (await oracle.getAssetPrice(f.X))) / K("1");
    expect(await longValue()).to.equal(USD(15_000));
    await f.gold.setAnswer(USD(3_000)); // +20%
    expect(await longValue()).to.equal(USD(18_000));
    expect((await f.pool.getUserAccountData(f.dave.address))[5]).to.be.lt(K("1")); // 20,000 * 82.5% / 18,000
    // The long liquidates half the short with the kXAU she holds, at the feed's price.
    const before = await f.weth.balanceOf(f.erin.address);
    await f.pool.connect(f.erin).liquidationCall(await f.weth.getAddress(), f.X, f.dave.address, K("3"), false);
    // 3 kXAU * $3,000 / $2,000 = 4.5 WETH, plus the 5% bonus less the protocol's 10% of it.
    expect((await f.weth.balanceOf(f.erin.address)) - before).to.be.closeTo(K("4.7025"), K("0.0001"));
    // The gold feed stops: two days without an answer. New kXAU loans fail; Dave can still repay.
    await time.increase(2 * 86_400);
    await refreshMockFeeds(
      ethers,
      Object.values(f.keel.reserves).map((r) => r.feed),
    ); // every feed but gold's
    await f.pool.connect(f.carol).supply(await f.weth.getAddress(), K("10"), f.carol.address, 0);
    await expect(f.pool.connect(f.carol).borrow(f.X, K("1"), 2, 0, f.carol.address)).to.be.revertedWithCustomError(
      oracle,
      "OracleStalePrice",
    );
    await f.kxau.connect(f.erin).transfer(f.dave.address, K("3"));
    const debt = await f.pool.debtBalanceOf(f.X, f.dave.address);
    await f.pool.connect(f.dave).repay(f.X, K("3"), 2, f.dave.address);
    expect(await f.pool.debtBalanceOf(f.X, f.dave.address)).to.be.closeTo(debt - K("3"), K("0.00001")); // and a block of interest
  });

  it("act 3: kUSD bad debt: the safety module's kUSD stakers first, then the treasury's kUSD income, then the hub's kUSD claims", async () => {
    const f = await loadFixture(fixture);
    // Stakers insure kUSD with 5,000 kUSD bought at the PSM (30% max slash per event).
    await f.psm.connect(f.staker).buy(U("5010"), 0n, f.staker.address);
    await f.module.connect(f.staker).stake(f.K_, K("5000"), f.staker.address);
    // A year of 4% on 100,000 kUSD of Alice's: all of it is the treasury's (kUSD's reserve factor is 100%).
    await f.pool.connect(f.alice).supply(await f.weth.getAddress(), K("100"), f.alice.address, 0);
    await f.pool.connect(f.alice).borrow(f.K_, K("100000"), 2, 0, f.alice.address);
    await time.increase(365 * 86_400);
    await refreshMockFeeds(ethers, [...Object.values(f.keel.reserves).map((r) => r.feed), await f.gold.getAddress()]);
    await f.psm.connect(f.alice).buy(U("5000"), 0n, f.alice.address); // the interest, bought at the PSM
    await f.pool.connect(f.alice).repay(f.K_, MaxUint256, 2, f.alice.address);
    const treasuryIncome = await f.hub.treasuryBalance(f.K_);
    expect(treasuryIncome).to.be.closeTo(K("4081"), K("10")); // ~4% compounded per second over a year
    await f.psm.connect(f.liquidator).buy(U("100000"), 0n, f.liquidator.address);

    // Event 1, small: carol's bad debt is absorbed by the stakers alone.
    const staked = await f.module.totalAssets(f.K_);
    const loss1 = await lossOf(f, await goesBad(f, f.carol, "1", "1590"));
    expect(loss1.total).to.be.gt(K("600"));
    expect(loss1.byModule).to.equal(loss1.total);
    expect(loss1.socialised).to.equal(0n);
    expect(await f.hub.treasuryBalance(f.K_)).to.be.gte(treasuryIncome);
    expect((await f.module.getStakePool(f.K_)).coverPaid).to.equal(loss1.byModule);

    // Event 2, large: the module pays its 30%, the treasury all its kUSD income, and only the rest is socialised:
    // the hub facilitator's claim falls below what it minted (the loss kUSD's holders would see, visible on chain).
    const staked2 = await f.module.totalAssets(f.K_);
    expect(staked2).to.be.closeTo(staked - loss1.total, 2n);
    const claimBefore = await f.fac.hubBalance();
    const loss2 = await lossOf(f, await goesBad(f, f.dave, "10", "15900"));
    expect(loss2.byModule).to.be.closeTo((staked2 * 3_000n) / 10_000n, 2n);
    expect(loss2.socialised).to.be.gt(0n);
    expect(loss2.covered - loss2.byModule).to.be.closeTo(treasuryIncome, K("1"));
    expect(await f.hub.treasuryBalance(f.K_)).to.be.lte(1n);
    const claimAfter = await f.fac.hubBalance();
    expect(claimAfter).to.be.lt(claimBefore);
    expect(claimBefore - claimAfter).to.be.lte(loss2.socialised);
    const level = (await f.kusd.getBucket(await f.fac.getAddress())).level;
    expect(level - claimAfter).to.be.gt(0n); // the shortfall kUSD's holders bear, beyond both layers
    await expectBooks(f);
  });
});
