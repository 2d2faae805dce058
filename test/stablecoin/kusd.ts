// kUSD (SynthToken) and the peg stability module, on the DAO's real KeelAccessManager from the one deployer: bucket
// caps per facilitator (a cap lowered below the level stops mints, burns go on), permit, the PSM's exact 1:1
// backing with fees both ways, slippage, pause that expires, a depeg on the mock AMM closed by PSM arbitrage, the
// invariant kUSD supply == the facilitators' levels over a random walk, and every privileged function refused to a
// stranger. See docs/stablecoin.md.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, Signature, parseUnits } from "ethers";
import { Roles } from "../../deploy/roles.js";
import { deployTestKeel, signers, testConfig } from "../helpers/pool-fixture.js";
import { applyFunctionRoles, expectSupplyIsLevels } from "../helpers/stablecoin-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const K = (n: string) => parseUnits(n, 18);
const U = (n: string) => parseUnits(n, 6);
const BUCKET = K("1000000");

async function fixture() {
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, testConfig({ symbols: ["USDC"] }), s.guardian.address);
  const manager = await ethers.getContractAt("KeelAccessManager", system.address("AccessManager"));
  const usdc = await ethers.getContractAt("MockERC20", system.record.reserves!.USDC.asset);
  const kusd = await ethers.deployContract("SynthToken", ["Keel USD", "kUSD", await manager.getAddress()]);
  const psm = await ethers.deployContract("PegStabilityModule", [
    await usdc.getAddress(),
    await kusd.getAddress(),
    await manager.getAddress(),
    s.treasurer.address,
    10,
    20,
  ]);
  // The function roles of deploy/roles.ts: fees to the risk admin, pause to the guardian; the rest ADMIN.
  await applyFunctionRoles(manager, "PegStabilityModule", await psm.getAddress());
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);
  await kusd.addFacilitator(await psm.getAddress(), "PSM (USDC)", BUCKET);
  for (const u of [s.alice, s.bob]) {
    await usdc.mint(u.address, U("1000000"));
    await usdc.connect(u).approve(await psm.getAddress(), MaxUint256);
    await kusd.connect(u).approve(await psm.getAddress(), MaxUint256);
  }
  return { ...s, manager, usdc, kusd, psm };
}

/** kUSD's supply equals the sum of its facilitators' levels; the PSM's reserve covers what it minted. */
async function expectBooks(f: Awaited<ReturnType<typeof fixture>>) {
  await expectSupplyIsLevels(f.kusd);
  const psmLevel = (await f.kusd.getBucket(await f.psm.getAddress())).level;
  expect((await f.usdc.balanceOf(await f.psm.getAddress())) * 10n ** 12n).to.be.gte(psmLevel);
}

describe("kUSD (SynthToken)", () => {
  it("mints only for facilitators, within their bucket, with events and levels", async () => {
    const f = await loadFixture(fixture);
    await f.kusd.addFacilitator(f.bob.address, "test minter", K("100"));
    await expect(f.kusd.connect(f.bob).mint(f.alice.address, K("60")))
      .to.emit(f.kusd, "FacilitatorMinted")
      .withArgs(f.bob.address, f.alice.address, K("60"), K("60"));
    await expect(f.kusd.connect(f.bob).mint(f.alice.address, K("41")))
      .to.be.revertedWithCustomError(f.kusd, "SynthBucketCapExceeded")
      .withArgs(f.bob.address, K("100"), K("60"), K("41"));
    await expect(f.kusd.connect(f.stranger).mint(f.stranger.address, 1n))
      .to.be.revertedWithCustomError(f.kusd, "SynthNotFacilitator")
      .withArgs(f.stranger.address);
    expect(await f.kusd.balanceOf(f.alice.address)).to.equal(K("60"));
    await expectBooks(f);
  });

  it("a cap lowered below the level stops new mints, burns still work, removal only when empty", async () => {
    const f = await loadFixture(fixture);
    await f.kusd.addFacilitator(f.bob.address, "test minter", K("100"));
    await f.kusd.connect(f.bob).mint(f.bob.address, K("80"));
    await expect(f.kusd.setBucketCap(f.bob.address, K("10")))
      .to.emit(f.kusd, "BucketCapSet")
      .withArgs(f.bob.address, K("100"), K("10"));
    await expect(f.kusd.connect(f.bob).mint(f.bob.address, 1n)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthBucketCapExceeded",
    );
    await expect(f.kusd.removeFacilitator(f.bob.address))
      .to.be.revertedWithCustomError(f.kusd, "SynthFacilitatorNotEmpty")
      .withArgs(f.bob.address, K("80"));
    await expect(f.kusd.connect(f.bob).burn(K("81")))
      .to.be.revertedWithCustomError(f.kusd, "SynthBurnExceedsLevel")
      .withArgs(f.bob.address, K("80"), K("81"));
    await expect(f.kusd.connect(f.bob).burn(K("80")))
      .to.emit(f.kusd, "FacilitatorBurned")
      .withArgs(f.bob.address, K("80"), 0n);
    await expect(f.kusd.removeFacilitator(f.bob.address)).to.emit(f.kusd, "FacilitatorRemoved").withArgs(f.bob.address);
    expect(await f.kusd.facilitators()).to.deep.equal([await f.psm.getAddress()]);
    await expect(f.kusd.connect(f.bob).mint(f.bob.address, 1n)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthNotFacilitator",
    );
    await expectBooks(f);
  });

  it("refuses bad input with named errors and changes nothing", async () => {
    const f = await loadFixture(fixture);
    const psm = await f.psm.getAddress();
    await expect(f.kusd.addFacilitator(psm, "again", 1n))
      .to.be.revertedWithCustomError(f.kusd, "SynthFacilitatorExists")
      .withArgs(psm);
    await expect(f.kusd.addFacilitator(ethers.ZeroAddress, "zero", 1n)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthZeroInput",
    );
    await expect(f.kusd.setBucketCap(f.bob.address, 1n))
      .to.be.revertedWithCustomError(f.kusd, "SynthNotFacilitator")
      .withArgs(f.bob.address);
    await expect(f.kusd.removeFacilitator(f.bob.address)).to.be.revertedWithCustomError(f.kusd, "SynthNotFacilitator");
    await f.kusd.addFacilitator(f.bob.address, "m", 10n);
    await expect(f.kusd.connect(f.bob).mint(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthZeroInput",
    );
    await expect(f.kusd.connect(f.bob).mint(f.bob.address, 0n)).to.be.revertedWithCustomError(f.kusd, "SynthZeroInput");
    await expect(f.kusd.connect(f.bob).burn(0n)).to.be.revertedWithCustomError(f.kusd, "SynthZeroInput");
    expect((await f.kusd.getBucket(f.bob.address)).level).to.equal(0n);
    expect((await f.kusd.getBucket(psm)).cap).to.equal(BUCKET);
  });

  it("every governance function is refused to a stranger", async () => {
    const f = await loadFixture(fixture);
    const k = f.kusd.connect(f.stranger);
    const psm = await f.psm.getAddress();
    for (const call of [
      () => k.addFacilitator(f.stranger.address, "x", 1n),
      () => k.setBucketCap(psm, 0n),
      () => k.removeFacilitator(psm),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(f.kusd, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    }
  });

  it("supports EIP-2612 permit", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.alice).buy(U("100"), 0n, f.alice.address);
    const deadline = (await time.latest()) + 3600;
    const { chainId } = await ethers.provider.getNetwork();
    const domain = { name: "Keel USD", version: "1", chainId, verifyingContract: await f.kusd.getAddress() };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const value = K("50");
    const sig = Signature.from(
      await f.alice.signTypedData(domain, types, {
        owner: f.alice.address,
        spender: f.bob.address,
        value,
        nonce: 0n,
        deadline,
      }),
    );
    await f.kusd.connect(f.bob).permit(f.alice.address, f.bob.address, value, deadline, sig.v, sig.r, sig.s);
    expect(await f.kusd.allowance(f.alice.address, f.bob.address)).to.equal(value);
  });
});

describe("PegStabilityModule", () => {
  it("buys kUSD 1:1 less the buy fee (to the treasury), exactly backed", async () => {
    const f = await loadFixture(fixture);
    const [out, fee] = await f.psm.quoteBuy(U("1000"));
    expect(fee).to.equal(K("1")); // 10 bps
    expect(out).to.equal(K("999"));
    await expect(f.psm.connect(f.alice).buy(U("1000"), out, f.alice.address))
      .to.emit(f.psm, "Bought")
      .withArgs(f.alice.address, f.alice.address, U("1000"), out, fee);
    expect(await f.kusd.balanceOf(f.alice.address)).to.equal(out);
    expect(await f.kusd.balanceOf(f.treasurer.address)).to.equal(fee);
    expect((await f.kusd.getBucket(await f.psm.getAddress())).level).to.equal(K("1000"));
    await expectBooks(f);
  });

  it("sells kUSD for USDC less the sell fee, rounding in the module's favour", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.alice).buy(U("1000"), 0n, f.alice.address);
    const usdcBefore = await f.usdc.balanceOf(f.alice.address);
    const kIn = K("500") + 123n; // dust below one USDC unit joins the fee
    const [out, fee] = await f.psm.quoteSell(kIn);
    expect(out).to.equal(U("499")); // 20 bps of 500 = 1, rounded up; the 123 wei dust cannot buy a USDC unit
    expect(fee).to.equal(kIn - out * 10n ** 12n);
    await expect(f.psm.connect(f.alice).sell(kIn, out, f.alice.address))
      .to.emit(f.psm, "Sold")
      .withArgs(f.alice.address, f.alice.address, kIn, out, fee);
    expect((await f.usdc.balanceOf(f.alice.address)) - usdcBefore).to.equal(out);
    await expectBooks(f);
  });

  it("the bucket cap bounds the module's exposure; a lowered cap still lets holders sell", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.alice).buy(U("900000"), 0n, f.alice.address);
    await expect(f.psm.connect(f.bob).buy(U("100001"), 0n, f.bob.address)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthBucketCapExceeded",
    );
    await f.kusd.setBucketCap(await f.psm.getAddress(), 0n);
    await expect(f.psm.connect(f.bob).buy(U("1"), 0n, f.bob.address)).to.be.revertedWithCustomError(
      f.kusd,
      "SynthBucketCapExceeded",
    );
    await f.psm.connect(f.alice).sell(K("100000"), 0n, f.alice.address);
    await expectBooks(f);
  });

  it("refuses bad input with named errors and moves nothing", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.alice).buy(U("10"), 0n, f.alice.address);
    const bal = await f.usdc.balanceOf(f.alice.address);
    await expect(f.psm.connect(f.alice).buy(0n, 0n, f.alice.address))
      .to.be.revertedWithCustomError(f.psm, "PsmAmountTooSmall")
      .withArgs(0n);
    await expect(f.psm.connect(f.alice).buy(U("1"), K("1"), f.alice.address))
      .to.be.revertedWithCustomError(f.psm, "PsmSlippage")
      .withArgs(K("0.999"), K("1"));
    await expect(f.psm.connect(f.alice).buy(U("1"), 0n, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      f.psm,
      "PsmZeroAddress",
    );
    await expect(f.psm.connect(f.alice).sell(10n ** 11n, 0n, f.alice.address)).to.be.revertedWithCustomError(
      f.psm,
      "PsmAmountTooSmall",
    );
    await expect(f.psm.connect(f.alice).sell(K("1"), U("1"), f.alice.address)).to.be.revertedWithCustomError(
      f.psm,
      "PsmSlippage",
    );
    await expect(f.psm.connect(f.risk).setFees(501, 0))
      .to.be.revertedWithCustomError(f.psm, "PsmFeeTooHigh")
      .withArgs(501n, 500n);
    await expect(f.psm.connect(f.risk).setFees(0, 501))
      .to.be.revertedWithCustomError(f.psm, "PsmFeeTooHigh")
      .withArgs(501n, 500n);
    await expect(f.psm.setFeeReceiver(ethers.ZeroAddress)).to.be.revertedWithCustomError(f.psm, "PsmZeroAddress");
    expect(await f.usdc.balanceOf(f.alice.address)).to.equal(bal);
    expect([await f.psm.buyFeeBps(), await f.psm.sellFeeBps()]).to.deep.equal([10n, 20n]);
    const wbtcLike = await ethers.deployContract("MockERC20", ["Big", "BIG", 24]);
    await expect(
      ethers.deployContract("PegStabilityModule", [
        await wbtcLike.getAddress(),
        await f.kusd.getAddress(),
        await f.manager.getAddress(),
        f.treasurer.address,
        0,
        0,
      ]),
    )
      .to.be.revertedWithCustomError(f.psm, "PsmBadDecimals")
      .withArgs(24n);
  });

  it("the guardian's pause stops swaps and expires by itself; governance may end it sooner", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.guardian).pause();
    const until = await f.psm.pausedUntil();
    await expect(f.psm.connect(f.alice).buy(U("1"), 0n, f.alice.address))
      .to.be.revertedWithCustomError(f.psm, "PsmPaused")
      .withArgs(until);
    await time.increaseTo(until);
    await f.psm.connect(f.alice).buy(U("1"), 0n, f.alice.address);
    await f.psm.connect(f.guardian).pause();
    await f.psm.unpause(); // the admin (the timelock after hand-over)
    await f.psm.connect(f.alice).sell(K("0.5"), 0n, f.alice.address);
  });

  it("every privileged function is refused to a stranger", async () => {
    const f = await loadFixture(fixture);
    const p = f.psm.connect(f.stranger);
    for (const call of [
      () => p.setFees(0, 0),
      () => p.setFeeReceiver(f.stranger.address),
      () => p.pause(),
      () => p.unpause(),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(f.psm, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    }
  });

  it("a depeg on the AMM closes by PSM arbitrage, both ways", async () => {
    const f = await loadFixture(fixture);
    const amm = await ethers.deployContract("MockAmm", [await f.usdc.getAddress(), await f.kusd.getAddress()]);
    // Liquidity at the peg: 200k USDC against 200k kUSD bought from the PSM.
    await f.psm.connect(f.bob).buy(U("400000"), 0n, f.bob.address);
    const usdcIs0 = (await amm.token0()).toLowerCase() === (await f.usdc.getAddress()).toLowerCase();
    await f.usdc.connect(f.bob).approve(await amm.getAddress(), MaxUint256);
    await f.kusd.connect(f.bob).approve(await amm.getAddress(), MaxUint256);
    await amm.connect(f.bob).addLiquidity(...(usdcIs0 ? [U("200000"), K("200000")] : [K("200000"), U("200000")]));
    /** kUSD's AMM price in USDC, 1e6 = at the peg. */
    const price = async () => {
      const [r0, r1] = await amm.getReserves();
      const [ru, rk] = usdcIs0 ? [r0, r1] : [r1, r0];
      return (ru * 10n ** 18n) / rk;
    };
    // Down: a holder dumps 40k kUSD; kUSD trades well below the peg.
    await amm.connect(f.bob).swapExactIn(await f.kusd.getAddress(), K("40000"), 0n, f.bob.address);
    expect(await price()).to.be.lt(U("0.7"));
    // The arbitrageur buys cheap kUSD on the AMM and redeems it at the PSM for a profit, until the gap is the fees.
    await f.usdc.connect(f.alice).approve(await amm.getAddress(), MaxUint256);
    const start = await f.usdc.balanceOf(f.alice.address);
    for (let i = 0; i < 40 && (await price()) < U("0.995"); i++) {
      const got = await amm
        .connect(f.alice)
        .swapExactIn.staticCall(await f.usdc.getAddress(), U("2000"), 0n, f.alice.address);
      await amm.connect(f.alice).swapExactIn(await f.usdc.getAddress(), U("2000"), 0n, f.alice.address);
      await f.psm.connect(f.alice).sell(got, 0n, f.alice.address);
    }
    expect(await price()).to.be.gte(U("0.995"));
    expect(await f.usdc.balanceOf(f.alice.address)).to.be.gt(start); // the arbitrage paid
    // Up: a buyer lifts kUSD above the peg; the arbitrageur mints at the PSM and sells on the AMM.
    await amm.connect(f.bob).swapExactIn(await f.usdc.getAddress(), U("60000"), 0n, f.bob.address);
    expect(await price()).to.be.gt(U("1.2"));
    await f.kusd.connect(f.alice).approve(await amm.getAddress(), MaxUint256);
    for (let i = 0; i < 40 && (await price()) > U("1.005"); i++) {
      const minted = await f.psm.connect(f.alice).buy.staticCall(U("2000"), 0n, f.alice.address);
      await f.psm.connect(f.alice).buy(U("2000"), 0n, f.alice.address);
      await amm.connect(f.alice).swapExactIn(await f.kusd.getAddress(), minted, 0n, f.alice.address);
    }
    expect(await price()).to.be.lte(U("1.005"));
    await expectBooks(f);
  });

  it("kUSD supply equals the facilitators' levels over a random walk of buys, sells and fee changes", async () => {
    const f = await loadFixture(fixture);
    let seed = 12345n;
    const rnd = (n: bigint) => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      return seed % n;
    };
    for (let i = 0; i < 40; i++) {
      const who = rnd(2n) === 0n ? f.alice : f.bob;
      const op = rnd(3n);
      if (op === 0n) await f.psm.connect(who).buy(rnd(U("5000")) + 1n, 0n, who.address);
      else if (op === 1n) {
        const bal = await f.kusd.balanceOf(who.address);
        if (bal >= 10n ** 12n * 2n)
          await f.psm.connect(who).sell(rnd(bal - 10n ** 12n * 2n) + 10n ** 12n * 2n, 0n, who.address);
      } else await f.psm.connect(f.risk).setFees(Number(rnd(501n)), Number(rnd(501n)));
      await expectBooks(f);
    }
  });
});
