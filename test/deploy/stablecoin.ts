// The stablecoin stage of the one deployer (deploy/stablecoin.ts) on the development configuration, handed over to
// the timelock as on a real network: kUSD with its PSM and hub facilitator, kXAU with its own facilitator and a
// seed bucket, both listed in the hub and the core spoke as docs/stablecoin.md describes; the record; the roles the
// DAO and the guardian hold afterwards; and a run stopped halfway that resumes.
import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MaxUint256, parseUnits } from "ethers";
import { HUB_UNLIMITED, deployKeel } from "../../deploy/keel.js";
import { devSynths } from "../../deploy/stablecoin.js";
import { Roles } from "../../deploy/roles.js";
import { synthLines } from "../../tasks/stablecoin/actions.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

const K = (n: string) => parseUnits(n, 18);
const U = (n: string) => parseUnits(n, 6);

async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "stablecoin", recordDir: null });
  const at = (n: string) => keel.address(n);
  const synths = keel.record.synths!;
  return {
    keel,
    synths,
    hub: await ethers.getContractAt("LiquidityHub", at("LiquidityHub")),
    pool: await ethers.getContractAt("Pool", at("Pool")),
    oracle: await ethers.getContractAt("KeelOracle", at("Oracle")),
    manager: await ethers.getContractAt("KeelAccessManager", at("AccessManager")),
    kusd: await ethers.getContractAt("SynthToken", synths.kUSD.token),
    kxau: await ethers.getContractAt("SynthToken", synths.kXAU.token),
    psm: await ethers.getContractAt("PegStabilityModule", synths.kUSD.psm!),
    usdc: await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset),
    weth: await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset),
  };
}

describe("deployer: the stablecoin stage (kUSD, its PSM, kXAU)", () => {
  it("records each synth (token, facilitator, feed, kToken; kUSD's PSM) and lists it as a core reserve", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    expect(Object.keys(f.synths)).to.deep.equal(devSynths.map((s) => s.symbol));
    for (const [symbol, s] of Object.entries(f.synths)) {
      expect(f.keel.record.reserves![symbol]).to.deep.equal({
        asset: s.token,
        kToken: s.kToken,
        feed: s.feed,
        decimals: 18,
      });
      expect(f.keel.record.contracts[symbol].contract).to.equal("SynthToken");
      expect(f.keel.record.contracts[`${symbol}-HubFacilitator`].address).to.equal(s.facilitator);
      expect(await (await ethers.getContractAt("HubFacilitator", s.facilitator)).token()).to.equal(s.token);
      expect(await f.pool.getReservesList()).to.include(s.token);
      const data = await f.pool.getReserveData(s.token);
      expect(data.configuration.data & 0xffffn).to.equal(0n); // LTV 0: never collateral
      expect(data.aTokenAddress).to.equal(s.kToken);
    }
    expect(f.synths.kUSD.psmReserve).to.equal(await f.usdc.getAddress());
    expect(f.synths.kXAU.psm).to.equal(undefined);
    expect(await f.oracle.getAssetPrice(f.synths.kUSD.token)).to.equal(10n ** 8n);
    expect(await f.oracle.getAssetPrice(f.synths.kXAU.token)).to.equal(2500n * 10n ** 8n);
  });

  it("buckets: the PSM's and the hub facilitator's; kXAU's seed bucket is full; supply == levels", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const psmBucket = await f.kusd.getBucket(f.synths.kUSD.psm!);
    expect(psmBucket.cap).to.equal(K("10000000"));
    expect(psmBucket.level).to.be.gte(K("1")); // the listing seed, bought with USDC
    // Exact backing: every kUSD the PSM minted (the seed and its fee to the treasury) is a USDC it holds.
    expect((await f.usdc.balanceOf(f.synths.kUSD.psm!)) * 10n ** 12n).to.equal(psmBucket.level);
    expect(await f.kusd.balanceOf(f.keel.record.contracts.Treasury.address)).to.be.gt(0n);
    const hubBucket = await f.kusd.getBucket(f.synths.kUSD.facilitator);
    expect([hubBucket.cap, hubBucket.level]).to.deep.equal([K("10000000"), K("1000000")]);
    const seedBucket = await f.kxau.getBucket(f.keel.deployer.address);
    expect([seedBucket.cap, seedBucket.level]).to.deep.equal([K("0.001"), K("0.001")]);
    await expect(f.kxau.mint(f.keel.deployer.address, 1n)).to.be.revertedWithCustomError(
      f.kxau,
      "SynthBucketCapExceeded",
    );
    for (const t of [f.kusd, f.kxau]) {
      let levels = 0n;
      for (const a of await t.facilitators()) levels += (await t.getBucket(a)).level;
      expect(await t.totalSupply()).to.equal(levels);
    }
  });

  it("the hub: 100% reserve factor, the facilitator adds without limit and never draws, the core spoke cannot take supply", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = await f.pool.getAddress();
    for (const s of Object.values(f.synths)) {
      expect((await f.hub.getAsset(s.token)).reserveFactor).to.equal(10_000n);
      const fac = await f.hub.getSpokeAsset(s.facilitator, s.token);
      expect([fac.addCap, fac.drawCap]).to.deep.equal([HUB_UNLIMITED, 0n]);
      const core = await f.hub.getSpokeAsset(pool, s.token);
      expect([core.addCap, core.drawCap]).to.deep.equal([1n, HUB_UNLIMITED]);
    }
    const [, , cash] = await f.hub.assetTotals(f.synths.kUSD.token);
    expect(cash).to.equal(K("1000001")); // the facilitator's mint and the seed
    // A user who bought kUSD at the PSM cannot supply it to earn the interest.
    const [alice] = (await ethers.getSigners()).slice(5);
    await f.usdc.mint(alice.address, U("100"));
    await f.usdc.connect(alice).approve(await f.psm.getAddress(), MaxUint256);
    await f.psm.connect(alice).buy(U("100"), 0n, alice.address);
    await f.kusd.connect(alice).approve(pool, MaxUint256);
    await expect(
      f.pool.connect(alice).supply(f.synths.kUSD.token, K("10"), alice.address, 0),
    ).to.be.revertedWithCustomError(f.hub, "HubAddCapExceeded");
  });

  it("borrowers borrow kUSD and kXAU against WETH with the Aave calls, at the fixed rates", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [bob] = (await ethers.getSigners()).slice(6);
    const pool = await f.pool.getAddress();
    await f.weth.mint(bob.address, K("10"));
    await f.weth.connect(bob).approve(pool, MaxUint256);
    await f.pool.connect(bob).supply(await f.weth.getAddress(), K("10"), bob.address, 0);
    await f.pool.connect(bob).borrow(f.synths.kUSD.token, K("5000"), 2, 0, bob.address);
    await f.pool.connect(bob).borrow(f.synths.kXAU.token, K("1"), 2, 0, bob.address);
    expect(await f.kusd.balanceOf(bob.address)).to.equal(K("5000"));
    expect(await f.kxau.balanceOf(bob.address)).to.equal(K("1"));
    // 4% and 2% a year (RAY), whatever the utilisation.
    const RAY = 10n ** 27n;
    expect((await f.pool.getReserveData(f.synths.kUSD.token)).currentVariableBorrowRate).to.be.closeTo(
      (400n * RAY) / 10_000n,
      RAY / 10n ** 9n,
    );
    expect((await f.pool.getReserveData(f.synths.kXAU.token)).currentVariableBorrowRate).to.be.closeTo(
      (200n * RAY) / 10_000n,
      RAY / 10n ** 9n,
    );
  });

  it("keel status's synth lines: supply, price, buckets, the PSM's reserve and fees, an account's debt", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [bob] = (await ethers.getSigners()).slice(6);
    await f.weth.mint(bob.address, K("10"));
    await f.weth.connect(bob).approve(await f.pool.getAddress(), MaxUint256);
    await f.pool.connect(bob).supply(await f.weth.getAddress(), K("10"), bob.address, 0);
    await f.pool.connect(bob).borrow(f.synths.kUSD.token, K("1234"), 2, 0, bob.address);
    const text = (await synthLines(ethers, f.keel.record, bob.address)).join("\n");
    expect(text).to.match(
      /kUSD {2}supply 1,000,001\.001003 {2}price \$1 {2}borrowed 1,234 {2}idle in the hub 998,767 {2}rate 4\.00%/,
    );
    expect(text).to.match(/PSM \(USDC\) +1\.001003 of 10,000,000/);
    expect(text).to.match(/LiquidityHub +1,000,000 of 10,000,000/);
    expect(text).to.match(/holds 1\.001003 USDC, fees buy 0\.1% \/ sell 0\.1%/);
    expect(text).to.match(/kXAU {2}supply 100\.001 {2}price \$2,500/);
    expect(text).to.include(`${bob.address}: holds 1,234 kUSD, owes 1,234 kUSD`);
    // Two days on, the gold feed has not answered: the status says so instead of failing; kUSD's fixed feed is fresh.
    await networkHelpers.time.increase(2 * 86_400);
    const later = (await synthLines(ethers, f.keel.record)).join("\n");
    expect(later).to.match(/kXAU {2}supply 100\.001 {2}price STALE/);
    expect(later).to.match(/kUSD {2}supply [\d,.]+ {2}price \$1 /);
  });

  it("after the hand-over only the DAO and its risk admin manage the synths; the guardian may pause the PSM", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const timelock = f.keel.address("Timelock");
    const deployer = f.keel.deployer;
    expect((await f.manager.hasRole(Roles.ADMIN, timelock))[0]).to.equal(true);
    expect((await f.manager.hasRole(Roles.ADMIN, deployer.address))[0]).to.equal(false);
    await expect(f.kusd.connect(deployer).addFacilitator(deployer.address, "x", 1n)).to.be.revertedWithCustomError(
      f.kusd,
      "AccessManagedUnauthorized",
    );
    await expect(f.psm.connect(deployer).setFees(0, 0)).to.be.revertedWithCustomError(
      f.psm,
      "AccessManagedUnauthorized",
    );
    const fac = await ethers.getContractAt("HubFacilitator", f.synths.kUSD.facilitator);
    await expect(fac.connect(deployer).mintToHub(K("1"))).to.be.revertedWithCustomError(
      fac,
      "AccessManagedUnauthorized",
    );
    const guardian = await ethers.getSigner(f.keel.guardian);
    await expect(f.psm.connect(guardian).pause()).to.emit(f.psm, "PausedUntil");
    await expect(f.psm.connect(guardian).unpause()).to.be.revertedWithCustomError(f.psm, "AccessManagedUnauthorized");
  });

  it("a run stopped inside the stage resumes where it stopped and lists each synth once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keel-synth-resume-"));
    const stopped = await deployKeel(hre, connection, {
      networkName: "resume",
      recordDir: dir,
      stopAfter: "synth:kUSD:seed",
    }).then(
      () => "finished",
      (e: unknown) => (e as Error).message,
    );
    expect(stopped).to.include("stopped after synth:kUSD:seed");
    const lines: string[] = [];
    const keel = await deployKeel(hre, connection, {
      networkName: "resume",
      recordDir: dir,
      log: (l) => lines.push(l),
    });
    expect(lines).to.include("  ✓ synth:kUSD:seed (done before)");
    const kusd = await ethers.getContractAt("SynthToken", keel.record.synths!.kUSD.token);
    const psmLevel = (await kusd.getBucket(keel.record.synths!.kUSD.psm!)).level;
    expect(psmLevel).to.be.lt(K("1.01")); // the seed was bought once
    const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
    const list = (await pool.getReservesList()).map((a) => a.toLowerCase());
    expect(list.filter((a) => a === keel.record.synths!.kUSD.token.toLowerCase())).to.have.length(1);
  });
});
