// Issue 11: the eMode spoke, a second Pool instance on the same hub for correlated assets (WETH and a mock liquid
// staking token at 93% LTV), deployed by the one deployer from deploy/config.ts `spokes`. It draws WETH from the same
// hub cash the core spoke's lenders supplied, within its own hub caps, and liquidates on its own.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel, refreshMockFeeds } from "../../deploy/keel.js";
import { devEModeSpoke } from "../../deploy/config.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const E = (n: string) => parseUnits(n, 18);

async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "emode", recordDir: null });
  const [, , lender, eve, liquidator] = await ethers.getSigners();
  const spoke = keel.spokes.EModePool;
  const core = await ethers.getContractAt("Pool", keel.address("Pool"));
  const emode = await ethers.getContractAt("Pool", keel.address("EModePool"));
  const hub = await ethers.getContractAt("LiquidityHub", keel.address("LiquidityHub"));
  const W = keel.reserves.WETH.asset;
  const L = spoke.reserves.wstETH.asset;
  const weth = await ethers.getContractAt("MockERC20", W);
  const lst = await ethers.getContractAt("MockERC20", L);
  const lstFeed = await ethers.getContractAt("MockAggregator", spoke.reserves.wstETH.feed);
  for (const u of [lender, eve, liquidator]) {
    await weth.mint(u.address, E("100000"));
    await lst.mint(u.address, E("100000"));
    for (const t of [weth, lst]) {
      await t.connect(u).approve(keel.address("Pool"), MaxUint256);
      await t.connect(u).approve(spoke.address, MaxUint256);
    }
  }
  // The core spoke's lender: 10,000 WETH of hub liquidity.
  await core.connect(lender).supply(W, E("10000"), lender.address, 0);
  const feeds = [...Object.values(keel.reserves).map((r) => r.feed), spoke.reserves.wstETH.feed];
  return { keel, spoke, core, emode, hub, W, L, weth, lst, lstFeed, lender, eve, liquidator, feeds };
}

describe("Integration: the eMode spoke (issue 11) on the shared hub", () => {
  it("is deployed from deploy/config.ts: its own proxy and kTokens, 93% LTV markets, its own hub caps, a registry consumer", async () => {
    const { keel, spoke, core, emode, hub, W, L } = await loadFixture(fixture);
    expect(spoke.address).to.not.equal(keel.address("Pool"));
    expect(await emode.hub()).to.equal(await hub.getAddress());
    expect(await emode.getReservesList()).to.deep.equal([W, L]);
    expect(await core.getReservesList()).to.not.include(L);
    expect(spoke.reserves.WETH.kToken).to.not.equal(keel.reserves.WETH.kToken);
    expect(keel.record.contracts["EModePool-kWETH"].address).to.equal(spoke.reserves.WETH.kToken);
    for (const r of devEModeSpoke.reserves) {
      const c = (await emode.getKeelReserveData(spoke.reserves[r.symbol].asset)).config;
      expect([c.ltv, c.liquidationThreshold, c.liquidationBonus]).to.deep.equal([9300n, 9500n, 10100n]);
      const sa = await hub.getSpokeAsset(spoke.address, spoke.reserves[r.symbol].asset);
      expect([sa.addCap, sa.drawCap]).to.deep.equal([BigInt(r.addCap), BigInt(r.drawCap)]);
    }
    // The core spoke has no caps for the LST: it is not one of its markets.
    const coreLst = await hub.getSpokeAsset(keel.address("Pool"), L);
    expect([coreLst.addCap, coreLst.drawCap]).to.deep.equal([0n, 0n]);
    const reg = await ethers.getContractAt("ModuleRegistry", keel.address("ModuleRegistry"));
    expect(await reg.isConsumer(spoke.address)).to.equal(true);
    expect(await emode.treasury()).to.equal(keel.address("Treasury"));
    expect(await emode.oracle()).to.equal(keel.address("Oracle"));
    expect(await emode.FLASHLOAN_PREMIUM_TOTAL()).to.equal(await core.FLASHLOAN_PREMIUM_TOTAL());
  });

  it("borrows WETH against the LST at ~93% LTV (impossible at the core spoke), from the hub cash the core lenders supplied; they earn the interest", async () => {
    const { core, emode, hub, W, L, weth, lender, eve, feeds, spoke } = await loadFixture(fixture);
    // At the core spoke, 100 WETH of collateral (80% LTV) cannot back a 93 WETH debt.
    await core.connect(eve).supply(W, E("100"), eve.address, 0);
    await expect(core.connect(eve).borrow(W, E("93"), 2, 0, eve.address)).to.be.revertedWithCustomError(
      core,
      "PoolInsufficientCollateral",
    );
    await expect(core.connect(eve).supply(L, E("1"), eve.address, 0))
      .to.be.revertedWithCustomError(core, "PoolReserveNotListed")
      .withArgs(L);
    await core.connect(eve).withdraw(W, MaxUint256, eve.address);

    // At the eMode spoke, 100 wstETH (priced as WETH) backs 92.9 WETH.
    await emode.connect(eve).supply(L, E("100"), eve.address, 0);
    const account = await emode.getUserAccountData(eve.address);
    expect(account[4]).to.equal(9300n); // ltv
    const cashBefore = (await hub.getAsset(W)).cash;
    const lenderBefore = await core.supplyBalanceOf(W, lender.address);
    const liquidityIndexBefore = (await hub.getAsset(W)).liquidityIndex;
    const balanceBefore = await weth.balanceOf(eve.address);
    await emode.connect(eve).borrow(W, E("92.9"), 2, 0, eve.address);
    expect((await weth.balanceOf(eve.address)) - balanceBefore).to.equal(E("92.9"));
    expect(cashBefore - (await hub.getAsset(W)).cash).to.equal(E("92.9"));
    expect((await hub.getSpokeAsset(spoke.address, W)).drawnShares).to.be.greaterThan(0n);
    // Past 93% it refuses.
    await expect(emode.connect(eve).borrow(W, E("0.2"), 2, 0, eve.address)).to.be.revertedWithCustomError(
      emode,
      "PoolInsufficientCollateral",
    );

    // A month later the core spoke's lender has earned the eMode borrower's interest through the shared index.
    await time.increase(30 * 86400);
    await refreshMockFeeds(ethers, feeds);
    await hub.accrue(W);
    expect((await hub.getAsset(W)).liquidityIndex).to.be.greaterThan(liquidityIndexBefore);
    const earned = (await core.supplyBalanceOf(W, lender.address)) - lenderBefore;
    expect(earned).to.be.greaterThan(0n);
    const debt = await emode.debtBalanceOf(W, eve.address);
    expect(debt).to.be.greaterThan(E("92.9"));
    // The interest the lender earned is at most what the eMode borrower owes beyond the principal (the only borrower).
    expect(earned).to.be.lessThanOrEqual(debt - E("92.9"));
  });

  it("cannot draw past its hub draw cap (HubDrawCapExceeded with its arguments), though the hub has the cash", async () => {
    const { emode, hub, W, L, eve, spoke } = await loadFixture(fixture);
    const drawCap = BigInt(devEModeSpoke.reserves.find((r) => r.symbol === "WETH")!.drawCap);
    expect((await hub.getAsset(W)).cash).to.be.greaterThan(E((drawCap + 1n).toString()));
    await emode.connect(eve).supply(L, E("6000"), eve.address, 0);
    await expect(emode.connect(eve).borrow(W, E((drawCap + 1n).toString()), 2, 0, eve.address))
      .to.be.revertedWithCustomError(hub, "HubDrawCapExceeded")
      .withArgs(spoke.address, W, drawCap, E((drawCap + 1n).toString()));
    await emode.connect(eve).borrow(W, E(drawCap.toString()), 2, 0, eve.address);
    await expect(emode.connect(eve).borrow(W, 1n, 2, 0, eve.address))
      .to.be.revertedWithCustomError(hub, "HubDrawCapExceeded")
      .withArgs(spoke.address, W, drawCap, (v: bigint) => v > E(drawCap.toString()));
  });

  it("liquidates on its own: the LST depegs 5%, a liquidator repays WETH and takes the LST with the 1% bonus", async () => {
    const { core, emode, hub, W, L, lst, lstFeed, eve, liquidator, lender } = await loadFixture(fixture);
    await emode.connect(eve).supply(L, E("100"), eve.address, 0);
    await emode.connect(eve).borrow(W, E("92"), 2, 0, eve.address);
    await lstFeed.setAnswer(parseUnits("1900", 8));
    const hf = (await emode.getUserAccountData(eve.address))[5];
    expect(hf).to.be.lessThan(E("1"));
    const cashBefore = (await hub.getAsset(W)).cash;
    const lstBefore = await lst.balanceOf(liquidator.address);
    const repay = E("10");
    await expect(emode.connect(liquidator).liquidationCall(L, W, eve.address, repay, false)).to.emit(
      emode,
      "LiquidationCall",
    );
    const seized = (await lst.balanceOf(liquidator.address)) - lstBefore;
    // 10 WETH at 2000 buys 10 * 2000 / 1900 LST, plus 1% bonus (the protocol's share of the bonus aside).
    const base = (repay * 2000n) / 1900n;
    expect(seized).to.be.greaterThan(base);
    expect(seized).to.be.lessThanOrEqual((base * 10100n) / 10000n + 1n);
    expect((await hub.getAsset(W)).cash - cashBefore).to.equal(repay);
    expect(await emode.debtBalanceOf(W, eve.address)).to.be.lessThan(E("82.01"));
    // The core spoke keeps serving its lender.
    await core.connect(lender).withdraw(W, E("1"), lender.address);
  });
});
