// kUSD minted into the LiquidityHub by its hub facilitator and borrowed through the core spoke with the ordinary Aave
// calls, on the system the one deployer builds (DAO AccessManager, hub, pool, oracle, rate model): a fixed 4% rate (a
// flat kinked curve), a 100% reserve factor (all interest to the treasury), nobody may supply kUSD (the core spoke's
// add cap is the listing seed), minted-but-idle kUSD is hub cash, the facilitator burns what is repaid and idle, and
// kUSD's supply equals its facilitators' levels at every step. See docs/stablecoin.md.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { refreshFeedList } from "../helpers/pool-fixture.js";
import {
  applyFunctionRoles,
  deployStablecoinBase,
  expectSupplyIsLevels as expectSupplyIsLevelsOf,
  listSynthInHub,
} from "../helpers/stablecoin-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const K = (n: string) => parseUnits(n, 18);
const U = (n: string) => parseUnits(n, 6);
const YEAR = 365 * 86400;

async function fixture() {
  const b = await deployStablecoinBase(connection);
  const { manager, hub, pool, usdc, weth, feeds } = b;
  const s = b;

  const kusd = await ethers.deployContract("SynthToken", ["Keel USD", "kUSD", await manager.getAddress()]);
  const psm = await ethers.deployContract("PegStabilityModule", [
    await usdc.getAddress(),
    await kusd.getAddress(),
    await manager.getAddress(),
    s.treasurer.address,
    0,
    0,
  ]);
  const fac = await ethers.deployContract("HubFacilitator", [
    await kusd.getAddress(),
    await hub.getAddress(),
    await manager.getAddress(),
  ]);
  await applyFunctionRoles(manager, "PegStabilityModule", await psm.getAddress());
  await applyFunctionRoles(manager, "HubFacilitator", await fac.getAddress());
  const [K_, F] = [await kusd.getAddress(), await fac.getAddress()];
  await kusd.addFacilitator(await psm.getAddress(), "PSM (USDC)", K("10000000"));
  await kusd.addFacilitator(F, "LiquidityHub", K("1000000"));
  // The DAO's listing at a fixed 4% a year, priced at a fixed $1, seeded with kUSD bought at the PSM.
  const feed = await ethers.deployContract("FixedPriceFeed", [8, 10n ** 8n, "kUSD / USD (fixed)"]);
  await usdc.mint(s.deployer.address, U("1"));
  await usdc.approve(await psm.getAddress(), MaxUint256);
  await psm.buy(U("1"), 0n, s.deployer.address);
  await listSynthInHub(connection, b, {
    token: K_,
    symbol: "kUSD",
    facilitator: F,
    feed: await feed.getAddress(),
    rateBps: 400,
    seed: K("1"),
  });
  await fac.mintToHub(K("500000"));

  for (const u of [s.alice, s.bob]) {
    await weth.mint(u.address, K("100"));
    await weth.connect(u).approve(await pool.getAddress(), MaxUint256);
    await kusd.connect(u).approve(await pool.getAddress(), MaxUint256);
    await usdc.mint(u.address, U("100000"));
    await usdc.connect(u).approve(await psm.getAddress(), MaxUint256);
    await pool.connect(u).supply(await weth.getAddress(), K("100"), u.address, 0);
  }
  return { ...s, hub, pool, kusd, psm, fac, weth, feeds, K_, F };
}

const expectSupplyIsLevels = (f: Awaited<ReturnType<typeof fixture>>) => expectSupplyIsLevelsOf(f.kusd);

describe("kUSD through the hub (HubFacilitator)", () => {
  it("minted-but-idle kUSD is hub cash; borrowers borrow it with the Aave calls; nobody may supply it", async () => {
    const f = await loadFixture(fixture);
    const [, , cash0] = await f.hub.assetTotals(f.K_);
    expect(cash0).to.equal(K("500001")); // the facilitator's mint and the listing seed
    expect(await f.fac.hubBalance()).to.equal(K("500000"));
    await f.pool.connect(f.alice).borrow(f.K_, K("10000"), 2, 0, f.alice.address);
    expect(await f.kusd.balanceOf(f.alice.address)).to.equal(K("10000"));
    expect((await f.hub.assetTotals(f.K_))[2]).to.equal(K("490001"));
    // Supplying kUSD to earn interest is closed until the DAO raises the core spoke's add cap.
    await f.psm.connect(f.bob).buy(U("100"), 0n, f.bob.address);
    await expect(f.pool.connect(f.bob).supply(f.K_, K("100"), f.bob.address, 0)).to.be.revertedWithCustomError(
      f.hub,
      "HubAddCapExceeded",
    );
    await expectSupplyIsLevels(f);
  });

  it("the fixed rate's interest goes to the treasury; the facilitator burns what is repaid and idle", async () => {
    const f = await loadFixture(fixture);
    await f.pool.connect(f.alice).borrow(f.K_, K("10000"), 2, 0, f.alice.address);
    await time.increase(YEAR);
    await refreshFeedList(f.feeds);
    const debt = await f.pool.debtBalanceOf(f.K_, f.alice.address);
    expect(debt).to.be.closeTo(K("10408"), K("1")); // 4% a year, compounded per second
    await f.psm.connect(f.alice).buy(U("500"), 0n, f.alice.address);
    await f.pool.connect(f.alice).repay(f.K_, MaxUint256, 2, f.alice.address);
    expect(await f.pool.debtBalanceOf(f.K_, f.alice.address)).to.equal(0n);
    // A 100% reserve factor: the suppliers' index stays put (the facilitator's claim is exactly what it minted) and the
    // whole interest is the treasury's.
    expect(await f.fac.hubBalance()).to.equal(K("500000"));
    expect(await f.hub.treasuryBalance(f.K_)).to.be.closeTo(debt - K("10000"), K("0.001")); // (a few more seconds of interest until the repay);
    await expect(f.fac.burnFromHub(K("500000"))).to.emit(f.fac, "BurnedFromHub");
    expect((await f.kusd.getBucket(f.F)).level).to.equal(0n);
    await expectSupplyIsLevels(f);
  });

  it("the bucket and the hub's cash bound mints and burns, with named errors and nothing moved", async () => {
    const f = await loadFixture(fixture);
    await expect(f.fac.mintToHub(K("500001")))
      .to.be.revertedWithCustomError(f.kusd, "SynthBucketCapExceeded")
      .withArgs(f.F, K("1000000"), K("500000"), K("500001"));
    await f.pool.connect(f.alice).borrow(f.K_, K("150000"), 2, 0, f.alice.address);
    await expect(f.fac.burnFromHub(K("400000"))).to.be.revertedWithCustomError(f.hub, "HubInsufficientLiquidity");
    await expect(f.fac.mintToHub(0n)).to.be.revertedWithCustomError(f.fac, "FacilitatorZeroInput");
    await expect(f.fac.burnFromHub(0n)).to.be.revertedWithCustomError(f.fac, "FacilitatorZeroInput");
    expect((await f.kusd.getBucket(f.F)).level).to.equal(K("500000"));
    // Lowering the bucket below the level stops new mints; burning idle kUSD still works.
    await f.kusd.setBucketCap(f.F, 0n);
    await expect(f.fac.mintToHub(1n)).to.be.revertedWithCustomError(f.kusd, "SynthBucketCapExceeded");
    await f.fac.burnFromHub(K("100000"));
    expect((await f.kusd.getBucket(f.F)).level).to.equal(K("400000"));
    await expectSupplyIsLevels(f);
  });

  it("every privileged function is refused to a stranger", async () => {
    const f = await loadFixture(fixture);
    for (const call of [
      () => f.fac.connect(f.stranger).mintToHub(1n),
      () => f.fac.connect(f.stranger).burnFromHub(1n),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(f.fac, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    }
  });
});
