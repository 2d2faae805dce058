// A synthetic asset on the same mechanism as kUSD: kXAU, a SynthToken minted into the hub by its own HubFacilitator
// with its own bucket and priced by a gold feed. A short borrows it against WETH, a long holds it; a gold rally makes
// the short liquidatable, priced by the feed; a stale feed blocks new borrows while the debt stays repayable.
// See docs/stablecoin.md.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { refreshFeedList } from "../helpers/pool-fixture.js";
import {
  applyFunctionRoles,
  deployStablecoinBase,
  expectSupplyIsLevels,
  listSynthInHub,
} from "../helpers/stablecoin-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const K = (n: string) => parseUnits(n, 18);
const GOLD = (usd: number) => BigInt(usd) * 10n ** 8n;

async function fixture() {
  const b = await deployStablecoinBase(connection);
  const { manager, hub, pool, oracle, weth, feeds } = b;
  const s = b;

  const kxau = await ethers.deployContract("SynthToken", ["Keel Gold", "kXAU", await manager.getAddress()]);
  const fac = await ethers.deployContract("HubFacilitator", [
    await kxau.getAddress(),
    await hub.getAddress(),
    await manager.getAddress(),
  ]);
  await applyFunctionRoles(manager, "HubFacilitator", await fac.getAddress());
  const [X, F] = [await kxau.getAddress(), await fac.getAddress()];
  await kxau.addFacilitator(F, "LiquidityHub", K("1000"));
  // The listing seed comes from a facilitator whose bucket is exactly the seed (nobody can mint more through it).
  await kxau.addFacilitator(s.deployer.address, "listing seed", K("0.001"));
  await kxau.mint(s.deployer.address, K("0.001"));
  const gold = await ethers.deployContract("MockAggregator", [8, GOLD(2500), "XAU / USD"]);
  await listSynthInHub(connection, b, {
    token: X,
    symbol: "kXAU",
    facilitator: F,
    feed: await gold.getAddress(),
    rateBps: 200,
    seed: K("0.001"),
  });
  await fac.mintToHub(K("100"));

  // The short: bob supplies 10 WETH ($20,000) and borrows 6 kXAU ($15,000); he sells them to carol, the long.
  await weth.mint(s.bob.address, K("10"));
  await weth.connect(s.bob).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(s.bob).supply(await weth.getAddress(), K("10"), s.bob.address, 0);
  await pool.connect(s.bob).borrow(X, K("6"), 2, 0, s.bob.address);
  await kxau.connect(s.bob).transfer(s.carol.address, K("6"));
  return { ...s, oracle, pool, kxau, fac, gold, weth, feeds, X, F };
}

describe("kXAU, a synth minted into the hub", () => {
  it("a gold rally: the long gains, the short's health falls below 1 and is liquidated at the feed's price", async () => {
    const f = await loadFixture(fixture);
    const hf0 = (await f.pool.getUserAccountData(f.bob.address))[5];
    expect(hf0).to.be.closeTo(K("1.1333"), K("0.0001")); // 20,000 * 85% / 15,000
    expect(((await f.kxau.balanceOf(f.carol.address)) * (await f.oracle.getAssetPrice(f.X))) / K("1")).to.equal(
      GOLD(15000),
    );
    await f.gold.setAnswer(GOLD(3000)); // +20%
    expect(((await f.kxau.balanceOf(f.carol.address)) * (await f.oracle.getAssetPrice(f.X))) / K("1")).to.equal(
      GOLD(18000),
    );
    const hf1 = (await f.pool.getUserAccountData(f.bob.address))[5];
    expect(hf1).to.be.lt(K("1"));
    // The long (carol) liquidates half of the short with the kXAU she holds, seizing WETH at the feed's prices.
    await f.kxau.connect(f.carol).approve(await f.pool.getAddress(), MaxUint256);
    const before = await f.weth.balanceOf(f.carol.address);
    await f.pool.connect(f.carol).liquidationCall(await f.weth.getAddress(), f.X, f.bob.address, K("3"), false);
    // 3 kXAU * $3,000 / $2,000 = 4.5 WETH, plus a 5% bonus, less the protocol's 10% of the bonus.
    expect((await f.weth.balanceOf(f.carol.address)) - before).to.be.closeTo(K("4.7025"), K("0.001"));
    expect(await f.pool.debtBalanceOf(f.X, f.bob.address)).to.be.closeTo(K("3"), K("0.001"));
  });

  it("a stale gold feed blocks new kXAU borrows with a named error; the debt stays repayable", async () => {
    const f = await loadFixture(fixture);
    await time.increase(2 * 86_400);
    await refreshFeedList(f.feeds); // USDC and WETH fresh; gold not
    await expect(f.pool.connect(f.bob).borrow(f.X, K("0.1"), 2, 0, f.bob.address)).to.be.revertedWithCustomError(
      f.oracle,
      "OracleStalePrice",
    );
    await f.kxau.connect(f.carol).transfer(f.bob.address, K("6"));
    await f.kxau.connect(f.bob).approve(await f.pool.getAddress(), MaxUint256);
    const debt = await f.pool.debtBalanceOf(f.X, f.bob.address);
    await f.pool.connect(f.bob).repay(f.X, K("6"), 2, f.bob.address);
    expect(await f.pool.debtBalanceOf(f.X, f.bob.address)).to.be.closeTo(debt - K("6"), K("0.0001"));
  });

  it("the synth has its own bucket: kXAU's supply is its facilitators' levels, and the bucket bounds the hub mint", async () => {
    const f = await loadFixture(fixture);
    await expect(f.fac.mintToHub(K("900.001"))).to.be.revertedWithCustomError(f.kxau, "SynthBucketCapExceeded");
    expect(await expectSupplyIsLevels(f.kxau)).to.equal(K("100.001"));
  });
});
