// The hub evaluates the kinked curve itself (KinkedCurve over the parameters it caches from KinkedRateModel) instead
// of calling the model on every action. These tests hold the cache to the model: the rate the hub stores after any
// action is the rate the model answers for the same totals, every parameter change reaches the hub in the same
// transaction, nobody but the model can make the hub re-read, and a model without a curve is called as before.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, ZeroAddress, parseUnits } from "ethers";
import { deployTestSystem, flatRate, ratePerSecondOf } from "../helpers/pool-fixture.js";
import { rayMulUp } from "../helpers/pool-math.js";
import { HUB_UNLIMITED, HubFlags } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const NATIVE_CURVE = BigInt(HubFlags.NATIVE_CURVE);
const CURVE = { baseRateBps: 200, slope1Bps: 800, slope2Bps: 30_000, optimalUtilizationBps: 8000 };

/** alice lends 100k USDC through the pool; dave's key is an uncapped spoke, so utilisation can go anywhere. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.hub.connect(f.deployer).addSpoke(f.dave.address);
  await f.hub.connect(f.deployer).setSpokeCaps(f.dave.address, f.U, HUB_UNLIMITED, HUB_UNLIMITED);
  await f.usdc.connect(f.dave).approve(f.hubAddress, MaxUint256);
  await f.usdc.mint(f.dave.address, parseUnits("1000000", 6));
  await f.rates.connect(f.risk).setRateParams(f.U, CURVE);
  return f;
}

type F = Awaited<ReturnType<typeof fixture>>;

/** What the model answers for the hub's stored totals: the rate the hub must have stored. */
async function modelRateForHubTotals(f: F): Promise<bigint> {
  const a = await f.hub.getAsset(f.U);
  const drawn = rayMulUp(a.totalDrawnShares, a.borrowIndex);
  return f.rates.borrowRatePerSecond(f.U, a.cash + drawn, drawn);
}

/** A small deterministic generator (the sequence is the same on every run, so a failure reproduces). */
function lcg(seed: bigint) {
  let x = seed;
  return (bound: bigint) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    return x % bound;
  };
}

describe("LiquidityHub: the cached kinked curve", () => {
  it("caches the model's curve at listing (NATIVE_CURVE) and stores the model's own rate after every action, over random utilisations", async () => {
    const f = await loadFixture(fixture);
    const a0 = await f.hub.getAsset(f.U);
    expect(a0.flags & NATIVE_CURVE).to.equal(NATIVE_CURVE);
    expect([a0.curveBaseBps, a0.curveSlope1Bps, a0.curveSlope2Bps, a0.curveOptimalBps]).to.deep.equal([
      200n,
      800n,
      30_000n,
      8000n,
    ]);
    const hub = f.hub.connect(f.dave);
    const rand = lcg(20261202n);
    const kinkSides = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const a = await f.hub.getAsset(f.U);
      const [, spokeDrawn] = await f.hub.spokeBalances(f.dave.address, f.U);
      const op = rand(4n);
      if (op === 0n && a.cash > 10n) {
        await hub.draw(f.U, 1n + rand(a.cash - 1n), f.dave.address);
      } else if (op === 1n && spokeDrawn > 0n) {
        const debt = (await f.hub.getSpokeAsset(f.dave.address, f.U)).drawnShares;
        const amount = 1n + rand(spokeDrawn - 1n);
        await f.usdc.connect(f.dave).transfer(f.hubAddress, amount);
        await hub.restore(f.U, amount, debt);
      } else {
        const amount = 1n + rand(parseUnits("20000", 6));
        await f.usdc.connect(f.dave).transfer(f.hubAddress, amount);
        await hub.add(f.U, amount);
      }
      await time.increase(1 + Number(rand(30n * 86_400n)));
      const after = await f.hub.getAsset(f.U);
      expect(after.borrowRate, `step ${String(i)}`).to.equal(await modelRateForHubTotals(f));
      const drawn = rayMulUp(after.totalDrawnShares, after.borrowIndex);
      kinkSides.add(drawn * 10_000n > (after.cash + drawn) * 8000n ? "above" : "below");
    }
    // The walk visited both sides of the kink, so both branches of the curve were compared.
    expect([...kinkSides].sort()).to.deep.equal(["above", "below"]);
  });

  it("every parameter change reaches the hub in the same transaction (own, cleared, default), with RateModelSynced", async () => {
    const f = await loadFixture(fixture);
    const model = await f.rates.getAddress();
    await expect(f.rates.connect(f.risk).setRateParams(f.U, flatRate(2500)))
      .to.emit(f.hub, "RateModelSynced")
      .withArgs(f.U, model, true);
    expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(2500n));
    // Cleared: USDC follows the default again (1,000 bps in the test system).
    await f.rates.connect(f.risk).clearRateParams(f.U);
    expect((await f.hub.getAsset(f.U)).curveBaseBps).to.equal(1000n);
    expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(1000n));
    // A new default reaches every listed asset of this model (WETH and WBTC have no curve of their own here).
    await f.rates.connect(f.risk).setDefaultRateParams(flatRate(700));
    for (const asset of [f.U, await f.weth.getAddress(), await f.wbtc.getAddress()]) {
      const a = await f.hub.getAsset(asset);
      expect(a.curveBaseBps).to.equal(700n);
      expect(a.borrowRate).to.equal(
        await f.rates.borrowRatePerSecond(
          asset,
          a.cash + rayMulUp(a.totalDrawnShares, a.borrowIndex),
          rayMulUp(a.totalDrawnShares, a.borrowIndex),
        ),
      );
    }
  });

  it("onRateModelChanged from anyone but the asset's model changes nothing; an unlisted asset is ignored", async () => {
    const f = await loadFixture(fixture);
    const before = await f.hub.getAsset(f.U);
    await time.increase(86_400);
    const tx = f.hub.connect(f.stranger).onRateModelChanged(f.U);
    await expect(tx).not.to.emit(f.hub, "RateModelSynced");
    await expect(f.hub.connect(f.stranger).onRateModelChanged(ZeroAddress)).not.to.emit(f.hub, "RateModelSynced");
    await expect(f.hub.connect(f.stranger).onRateModelChanged(f.stranger.address)).not.to.emit(
      f.hub,
      "RateModelSynced",
    );
    expect(await f.hub.getAsset(f.U)).to.deep.equal(before); // not even accrued
  });

  it("a model without a curve (IRateModel only) is called on every action; switching back caches the curve again", async () => {
    const f = await loadFixture(fixture);
    const plain = await ethers.deployContract("MockRateModel", [ratePerSecondOf(1500n)]);
    const P = await plain.getAddress();
    const a = await f.hub.getAsset(f.U);
    await expect(f.hub.connect(f.deployer).configureAsset(f.U, P, a.reserveFactor, a.flashFee, true))
      .to.emit(f.hub, "RateModelSynced")
      .withArgs(f.U, P, false);
    let now = await f.hub.getAsset(f.U);
    expect(now.flags & NATIVE_CURVE).to.equal(0n);
    expect([now.curveBaseBps, now.curveSlope1Bps, now.curveSlope2Bps, now.curveOptimalBps]).to.deep.equal([
      0n,
      0n,
      0n,
      0n,
    ]);
    expect(now.borrowRate).to.equal(ratePerSecondOf(1500n));
    // The model's answer changes: the next action stores it (the hub asks the model, nothing cached).
    await plain.setRate(ratePerSecondOf(1800n));
    await f.usdc.connect(f.dave).transfer(f.hubAddress, 1000n);
    await f.hub.connect(f.dave).add(f.U, 1000n);
    expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(1800n));
    // Back to the kinked model: cached again.
    await f.hub.connect(f.deployer).configureAsset(f.U, await f.rates.getAddress(), a.reserveFactor, a.flashFee, true);
    now = await f.hub.getAsset(f.U);
    expect(now.flags & NATIVE_CURVE).to.equal(NATIVE_CURVE);
    expect(now.borrowRate).to.equal(await modelRateForHubTotals(f));
  });

  it("KinkedRateModel.setHub is admin-only (critical tier) and is part of the model's state digest", async () => {
    const f = await loadFixture(fixture);
    await expect(f.rates.connect(f.stranger).setHub(f.stranger.address)).to.be.revertedWithCustomError(
      f.rates,
      "AccessManagedUnauthorized",
    );
    await expect(f.rates.connect(f.risk).setHub(f.stranger.address)).to.be.revertedWithCustomError(
      f.rates,
      "AccessManagedUnauthorized",
    );
    expect(await f.rates.hub()).to.equal(f.hubAddress);
    const digest = await f.rates.stateDigest();
    await expect(f.rates.connect(f.deployer).setHub(ZeroAddress)).to.emit(f.rates, "HubSet").withArgs(ZeroAddress);
    expect(await f.rates.stateDigest()).not.to.equal(digest);
  });
});
