// RwaSpoke unit tests (issue 12): supply / borrow / repay / withdraw on permissioned RWA collateral, allowlist
// refusals, NAV staleness and maximum move, ERC-4626 share pricing, the liquidation grace period and hard floor,
// allowlisted liquidators, the issuer's freeze and forced transfers, and strangers refused on every privileged call.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { NAV_1, T, deployRwaSystem, type RwaSystem } from "../../helpers/rwa-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const WAD = 10n ** 18n;
const USD = (x: string) => parseUnits(x, 6);

function fixture(): Promise<RwaSystem> {
  return deployRwaSystem(connection);
}

/** alice: 100k TBILL supplied, 79k USDC borrowed (HF 100k x 0.85 / 79k = 1.076). */
async function withLoan() {
  const f = await loadFixture(fixture);
  await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
  await f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("79000"), f.alice.address);
  return f;
}

/** `withLoan`, then the NAV walked down to 0.922 in accepted 2% steps: HF ~0.99 (below 1, above the 0.95 floor). */
async function unhealthy() {
  const f = await withLoan();
  await f.walkNav(92_200_000n);
  const pos = await f.spoke.getPosition(f.alice.address, f.tbillAddress);
  expect(pos.healthFactor)
    .to.be.lessThan(WAD)
    .and.greaterThan((WAD * 95n) / 100n);
  return f;
}

describe("RwaSpoke", () => {
  describe("supply, borrow, repay, withdraw", () => {
    it("supplies into an internal balance; borrows USDC drawn from the hub; repays to the hub; withdraws", async () => {
      const f = await loadFixture(fixture);
      const A = f.alice.address;
      await expect(f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000")))
        .to.emit(f.spoke, "Supply")
        .withArgs(A, f.tbillAddress, T("100000"));
      expect(await f.tbill.balanceOf(f.spokeAddress)).to.equal(T("100000"));
      expect((await f.spoke.getCollateral(f.tbillAddress)).total).to.equal(T("100000"));

      const usdcBefore = await f.usdc.balanceOf(A);
      const cash = (await f.hub.getAsset(f.U)).cash;
      await f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("79000"), A);
      expect((await f.usdc.balanceOf(A)) - usdcBefore).to.equal(USD("79000"));
      expect(cash - (await f.hub.getAsset(f.U)).cash).to.equal(USD("79000"));
      expect(await f.usdc.balanceOf(f.spokeAddress)).to.equal(0n); // the spoke never holds the lent asset
      const pos = await f.spoke.getPosition(A, f.tbillAddress);
      expect(pos.drawnShares).to.equal((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).drawnShares);
      expect(pos.collateralValue).to.equal(100_000n * NAV_1);
      expect(pos.healthFactor).to.be.closeTo((100_000n * 85n * WAD) / (79_000n * 100n), 10n ** 12n);

      // Above the LTV (80% of 100k): refused with the numbers.
      await expect(f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("1001"), A))
        .to.be.revertedWithCustomError(f.spoke, "RwaLtvExceeded")
        .withArgs((v: bigint) => v > 80_000n * NAV_1, 80_000n * NAV_1);
      // Withdrawing collateral the debt needs is refused too.
      await expect(f.spoke.connect(f.alice).withdraw(f.tbillAddress, T("2000"))).to.be.revertedWithCustomError(
        f.spoke,
        "RwaLtvExceeded",
      );

      await time.increase(30 * 86_400);
      await f.refresh();
      const debt = (await f.spoke.getPosition(A, f.tbillAddress)).debt;
      expect(debt).to.be.greaterThan(USD("79000")); // interest accrued in the hub's index
      await expect(f.spoke.connect(f.alice).repay(f.tbillAddress, MaxUint256, A)).to.emit(f.spoke, "Repay");
      const after = await f.spoke.getPosition(A, f.tbillAddress);
      expect([after.drawnShares, after.debt]).to.deep.equal([0n, 0n]);
      expect((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).drawnShares).to.equal(0n);

      await expect(f.spoke.connect(f.alice).withdraw(f.tbillAddress, MaxUint256))
        .to.emit(f.spoke, "Withdraw")
        .withArgs(A, f.tbillAddress, T("100000"), T("100000"));
      expect(await f.tbill.balanceOf(A)).to.equal(T("1000000"));
      expect((await f.spoke.getCollateral(f.tbillAddress)).total).to.equal(0n);
    });

    it("a partial repayment by a third party reduces the debt; repaying a position without debt is refused", async () => {
      const f = await withLoan();
      const before = (await f.spoke.getPosition(f.alice.address, f.tbillAddress)).drawnShares;
      await f.spoke.connect(f.carol).repay(f.tbillAddress, USD("9000"), f.alice.address);
      expect((await f.spoke.getPosition(f.alice.address, f.tbillAddress)).drawnShares).to.be.lessThan(before);
      await expect(f.spoke.connect(f.carol).repay(f.tbillAddress, USD("1"), f.bob.address))
        .to.be.revertedWithCustomError(f.spoke, "RwaNoDebt")
        .withArgs(f.bob.address, f.tbillAddress);
    });

    it("receipts are not transferable: the spoke has no receipt token and no transfer function", async () => {
      const f = await loadFixture(fixture);
      const names: string[] = [];
      f.spoke.interface.forEachFunction((fn) => {
        names.push(fn.name);
      });
      expect(names.filter((n) => /transfer|approve/i.test(n))).to.deep.equal([]);
    });
  });

  describe("allowlist and caps", () => {
    it("supply: refused for an account not on the token's allowlist, and for an unlisted token", async () => {
      const f = await loadFixture(fixture);
      await expect(f.spoke.connect(f.carol).supply(f.tbillAddress, T("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaNotAllowlisted")
        .withArgs(f.tbillAddress, f.carol.address);
      await expect(f.spoke.connect(f.alice).supply(f.U, T("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaCollateralNotListed")
        .withArgs(f.U);
    });

    it("supply: the per-account cap binds (whole tokens)", async () => {
      const f = await loadFixture(fixture);
      await f.spoke.connect(f.risk).setCollateralParams(f.tbillAddress, { ...f.params, accountCap: 1000n });
      await f.spoke.connect(f.alice).supply(f.tbillAddress, T("1000"));
      await expect(f.spoke.connect(f.alice).supply(f.tbillAddress, 1n))
        .to.be.revertedWithCustomError(f.spoke, "RwaAccountCapExceeded")
        .withArgs(f.tbillAddress, 1000n, T("1000") + 1n);
    });

    it("the stablecoin it lends cannot be listed as collateral (LTV-0 semantics: it is never collateral here)", async () => {
      const f = await loadFixture(fixture);
      await expect(f.spoke.connect(f.deployer).listCollateral(f.U, await f.nav.getAddress(), false, f.params))
        .to.be.revertedWithCustomError(f.spoke, "RwaBadDebtAsset")
        .withArgs(f.U);
    });
  });

  describe("NAV: staleness, maximum move, ERC-4626 pricing", () => {
    it("a stale NAV halts borrowing and withdrawing; repaying still works", async () => {
      const f = await withLoan();
      const [, , , updatedAt] = await f.nav.latestRoundData();
      await time.increase(86_401);
      await f.usdcFeed.setAnswer(NAV_1);
      await expect(f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("1"), f.alice.address))
        .to.be.revertedWithCustomError(f.spoke, "RwaNavStale")
        .withArgs(await f.nav.getAddress(), updatedAt, 86_400n);
      await expect(f.spoke.connect(f.alice).withdraw(f.tbillAddress, T("1"))).to.be.revertedWithCustomError(
        f.spoke,
        "RwaNavStale",
      );
      await expect(f.spoke.connect(f.alice).repay(f.tbillAddress, USD("1000"), f.alice.address)).to.emit(
        f.spoke,
        "Repay",
      );
    });

    it("a move within the bound is accepted; beyond it the market halts until the risk admin accepts the NAV", async () => {
      const f = await withLoan();
      await f.nav.setAnswer(98_500_000n); // -1.5%
      await expect(f.spoke.updateNav(f.tbillAddress))
        .to.emit(f.spoke, "NavAccepted")
        .withArgs(f.tbillAddress, NAV_1, 98_500_000n, false);
      await f.nav.setAnswer(95_000_000n); // -3.55% from 0.985
      await expect(f.spoke.updateNav(f.tbillAddress))
        .to.be.revertedWithCustomError(f.spoke, "RwaNavMoveExceeded")
        .withArgs(f.tbillAddress, 98_500_000n, 95_000_000n, 200n);
      await expect(
        f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("1"), f.alice.address),
      ).to.be.revertedWithCustomError(f.spoke, "RwaNavMoveExceeded");
      await expect(
        f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, USD("1")),
      ).to.be.revertedWithCustomError(f.spoke, "RwaNavMoveExceeded");
      // Supply and repay need no valuation: they go on.
      await f.spoke.connect(f.alice).repay(f.tbillAddress, USD("1000"), f.alice.address);
      await f.spoke.connect(f.alice).supply(f.tbillAddress, T("1000"));
      await expect(f.spoke.connect(f.risk).acceptNav(f.tbillAddress))
        .to.emit(f.spoke, "NavAccepted")
        .withArgs(f.tbillAddress, 98_500_000n, 95_000_000n, true);
      expect(await f.spoke.navOf(f.tbillAddress)).to.equal(95_000_000n);
      expect((await f.spoke.getPosition(f.alice.address, f.tbillAddress)).collateralValue).to.equal(
        101_000n * 95_000_000n,
      );
    });

    it("an ERC-4626 vault share is priced through convertToAssets times the NAV of its asset", async () => {
      const f = await loadFixture(fixture);
      const under = await ethers.deployContract("MockERC20", ["T-Bill fund asset", "FUND", 6]);
      const vault = await ethers.deployContract("MockRwaVault", [await under.getAddress(), f.deployer.address]);
      const V = await vault.getAddress();
      for (const a of [f.alice.address, f.spokeAddress]) await vault.setAllowed(a, true);
      const feed = await ethers.deployContract("MockAggregator", [8, NAV_1, "FUND NAV / USD"]);
      await expect(f.spoke.connect(f.deployer).listCollateral(V, await feed.getAddress(), true, f.params))
        .to.emit(f.spoke, "CollateralListed")
        .withArgs(V, await feed.getAddress(), true, NAV_1);
      await under.mint(f.alice.address, USD("1000"));
      await under.connect(f.alice).approve(V, MaxUint256);
      await vault.connect(f.alice).deposit(USD("1000"), f.alice.address);
      const shares = await vault.balanceOf(f.alice.address);
      await vault.connect(f.alice).approve(f.spokeAddress, MaxUint256);
      await f.spoke.connect(f.alice).supply(V, shares);
      expect((await f.spoke.getPosition(f.alice.address, V)).collateralValue).to.equal(1000n * NAV_1);
      // Yield: the vault's assets grow by 10%; the share price, hence the collateral value, follows.
      await under.mint(V, USD("100"));
      const assets = await vault.convertToAssets(shares);
      expect(assets).to.be.closeTo(USD("1100"), 1n);
      expect((await f.spoke.getPosition(f.alice.address, V)).collateralValue).to.equal((assets * NAV_1) / 10n ** 6n);
      await f.spoke.connect(f.alice).borrow(V, USD("870"), f.alice.address); // above 80% of 1000, within 80% of 1100
    });
  });

  describe("liquidation", () => {
    it("grace period: an unhealthy position above the hard floor is liquidatable only once flagged and the grace is over", async () => {
      const f = await unhealthy();
      const A = f.alice.address;
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000")))
        .to.be.revertedWithCustomError(f.spoke, "RwaGracePeriodActive")
        .withArgs(0n, 0n);
      await expect(f.spoke.connect(f.stranger).poke(A, f.tbillAddress)).to.emit(f.spoke, "PositionFlagged");
      const since = (await f.spoke.getPosition(A, f.tbillAddress)).unhealthySince;
      expect(since).to.equal(BigInt(await time.latest()));
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000")))
        .to.be.revertedWithCustomError(f.spoke, "RwaGracePeriodActive")
        .withArgs(since, since + 3n * 86_400n);
      await time.increase(3 * 86_400);
      await f.refresh();
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000"))).to.emit(f.spoke, "Liquidation");
    });

    it("a borrower who restores health loses the flag, so a later dip starts a fresh grace period", async () => {
      const f = await unhealthy();
      await f.spoke.poke(f.alice.address, f.tbillAddress);
      await expect(f.spoke.connect(f.alice).repay(f.tbillAddress, USD("20000"), f.alice.address))
        .to.emit(f.spoke, "PositionFlagged")
        .withArgs(f.alice.address, f.tbillAddress, 0n);
      expect((await f.spoke.getPosition(f.alice.address, f.tbillAddress)).unhealthySince).to.equal(0n);
    });

    it("a NAV recovery (0.5% above its trough) makes earlier flags lapse; accrual-sized rises do not", async () => {
      const f = await unhealthy();
      const A = f.alice.address;
      await f.spoke.poke(A, f.tbillAddress);
      const since = (await f.spoke.getPosition(A, f.tbillAddress)).unhealthySince;
      await time.increase(3 * 86_400);
      await f.refresh();
      // A rise of 0.3% (a T-bill's weeks of accrual) is no recovery: the flag still counts.
      const nav = (await f.spoke.getCollateral(f.tbillAddress)).acceptedNav;
      await f.nav.setAnswer((nav * 10_030n) / 10_000n);
      await f.spoke.updateNav(f.tbillAddress);
      expect((await f.spoke.getPosition(A, f.tbillAddress)).healthFactor).to.be.lessThan(WAD);
      const snapshot = await networkHelpers.takeSnapshot();
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000"))).to.emit(f.spoke, "Liquidation");
      await snapshot.restore();
      // A recovery of 0.6% from the trough: the position may have been healthy in between, so its flag lapses and
      // the liquidator must wait a fresh grace period after a new poke.
      await f.nav.setAnswer((nav * 10_060n) / 10_000n);
      await f.spoke.updateNav(f.tbillAddress);
      await f.nav.setAnswer(nav);
      await f.spoke.updateNav(f.tbillAddress);
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000")))
        .to.be.revertedWithCustomError(f.spoke, "RwaGracePeriodActive")
        .withArgs(0n, 0n);
      await expect(f.spoke.poke(A, f.tbillAddress)).to.emit(f.spoke, "PositionFlagged");
      const fresh = (await f.spoke.getPosition(A, f.tbillAddress)).unhealthySince;
      expect(fresh).to.be.greaterThan(since);
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("1000")))
        .to.be.revertedWithCustomError(f.spoke, "RwaGracePeriodActive")
        .withArgs(fresh, fresh + 3n * 86_400n);
    });

    it("below the hard floor there is no grace; the allowlisted liquidator repays and receives collateral with the bonus", async () => {
      const f = await withLoan();
      const A = f.alice.address;
      await f.nav.setAnswer(80_000_000n);
      await f.spoke.connect(f.risk).acceptNav(f.tbillAddress); // HF = 80k x 0.85 / 79k = 0.86 < 0.95
      const before = await f.spoke.getPosition(A, f.tbillAddress);
      const [usdcBefore, tbillBefore] = [await f.usdc.balanceOf(f.bob.address), await f.tbill.balanceOf(f.bob.address)];
      const repay = USD("10000");
      // seized = 10,000 USD x 1.04 / 0.80 = 13,000 TBILL (the claim worth it, rounded down)
      const seized = (before.collateral * 10_400n * NAV_1) / before.collateralValue;
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, repay))
        .to.emit(f.spoke, "Liquidation")
        .withArgs(A, f.tbillAddress, f.bob.address, repay, seized, seized);
      expect(seized).to.equal(T("13000"));
      expect(usdcBefore - (await f.usdc.balanceOf(f.bob.address))).to.equal(repay);
      expect((await f.tbill.balanceOf(f.bob.address)) - tbillBefore).to.equal(seized);
      const after = await f.spoke.getPosition(A, f.tbillAddress);
      expect(after.collateral).to.equal(before.collateral - seized);
      expect(after.debt).to.be.closeTo(before.debt - repay, USD("0.01")); // one block of interest between the reads
      expect(after.drawnShares).to.equal((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).drawnShares);
    });

    it("refuses a liquidator not on the token's allowlist, a healthy position, and a position without debt", async () => {
      const f = await withLoan();
      await expect(f.spoke.connect(f.carol).liquidate(f.alice.address, f.tbillAddress, USD("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaNotAllowlisted")
        .withArgs(f.tbillAddress, f.carol.address);
      await expect(f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, USD("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaPositionHealthy")
        .withArgs((hf: bigint) => hf > WAD && hf < (WAD * 108n) / 100n);
      await expect(f.spoke.connect(f.bob).liquidate(f.bob.address, f.tbillAddress, USD("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaNoDebt")
        .withArgs(f.bob.address, f.tbillAddress);
    });
  });

  describe("the issuer's freeze and forced transfers do not corrupt accounting", () => {
    it("a frozen holder cannot withdraw (the token refuses, nothing changes) but can repay, and can be liquidated", async () => {
      const f = await withLoan();
      const A = f.alice.address;
      await f.tbill.setFrozen(A, true);
      const before = await f.spoke.getPosition(A, f.tbillAddress);
      await expect(f.spoke.connect(f.alice).withdraw(f.tbillAddress, T("1")))
        .to.be.revertedWithCustomError(f.tbill, "RwaTokenFrozen")
        .withArgs(A);
      expect((await f.spoke.getPosition(A, f.tbillAddress)).collateral).to.equal(before.collateral);
      await f.spoke.connect(f.alice).repay(f.tbillAddress, USD("1000"), A);
      expect((await f.spoke.getPosition(A, f.tbillAddress)).debt).to.be.lessThan(before.debt);
      await f.nav.setAnswer(80_000_000n);
      await f.spoke.connect(f.risk).acceptNav(f.tbillAddress);
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("5000"))).to.emit(f.spoke, "Liquidation");
      // Internal balances and the tokens held stay equal.
      expect((await f.spoke.getCollateral(f.tbillAddress)).total).to.equal(await f.tbill.balanceOf(f.spokeAddress));
      expect(await f.spoke.coverage(f.tbillAddress)).to.equal(WAD);
    });

    it("a forced transfer out of the spoke is a visible haircut shared pro rata; claims and totals stay consistent", async () => {
      const f = await loadFixture(fixture);
      await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
      await f.spoke.connect(f.bob).supply(f.tbillAddress, T("100000"));
      await f.tbill.forcedTransfer(f.spokeAddress, f.deployer.address, T("50000")); // a court order against the spoke
      expect(await f.spoke.coverage(f.tbillAddress)).to.equal((WAD * 3n) / 4n);
      expect((await f.spoke.getPosition(f.bob.address, f.tbillAddress)).collateralValue).to.equal(75_000n * NAV_1);
      await expect(f.spoke.connect(f.bob).withdraw(f.tbillAddress, MaxUint256))
        .to.emit(f.spoke, "Withdraw")
        .withArgs(f.bob.address, f.tbillAddress, T("100000"), T("75000"));
      const c = await f.spoke.getCollateral(f.tbillAddress);
      expect(c.total).to.equal(T("100000"));
      expect(await f.tbill.balanceOf(f.spokeAddress)).to.equal(T("75000"));
      expect(await f.spoke.coverage(f.tbillAddress)).to.equal((WAD * 3n) / 4n);
      // The issuer returns the tokens: full coverage again.
      await f.tbill.forcedTransfer(f.deployer.address, f.spokeAddress, T("25000"));
      expect(await f.spoke.coverage(f.tbillAddress)).to.equal(WAD);
    });

    it("a supply after a seizure is credited at the coverage; with every token seized a supply is refused", async () => {
      const f = await loadFixture(fixture);
      await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
      await f.tbill.forcedTransfer(f.spokeAddress, f.deployer.address, T("25000")); // 75% coverage
      await f.spoke.connect(f.bob).supply(f.tbillAddress, T("75000"));
      // Bob's 75,000 tokens buy 100,000 claims: worth 75,000 at 75% coverage, whatever Alice's are worth.
      expect((await f.spoke.getPosition(f.bob.address, f.tbillAddress)).collateral).to.equal(T("100000"));
      expect((await f.spoke.getPosition(f.bob.address, f.tbillAddress)).collateralValue).to.equal(75_000n * NAV_1);
      expect((await f.spoke.getPosition(f.alice.address, f.tbillAddress)).collateralValue).to.equal(75_000n * NAV_1);
      // The issuer takes everything: no supply can be valued against the claims left.
      await f.tbill.forcedTransfer(f.spokeAddress, f.deployer.address, T("150000"));
      const before = await f.tbill.balanceOf(f.bob.address);
      await expect(f.spoke.connect(f.bob).supply(f.tbillAddress, T("1")))
        .to.be.revertedWithCustomError(f.spoke, "RwaCollateralSeized")
        .withArgs(f.tbillAddress, T("200000"));
      expect(await f.tbill.balanceOf(f.bob.address)).to.equal(before);
    });

    it("the issuer freezing the spoke itself: outflows wait (named token error), repayments go on; redemption out of the spoke is a visible haircut", async () => {
      const f = await withLoan();
      const A = f.alice.address;
      await f.tbill.setFrozen(f.spokeAddress, true);
      await f.nav.setAnswer(80_000_000n);
      await f.spoke.connect(f.risk).acceptNav(f.tbillAddress);
      await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("5000")))
        .to.be.revertedWithCustomError(f.tbill, "RwaTokenFrozen")
        .withArgs(f.spokeAddress);
      await expect(f.spoke.connect(f.alice).repay(f.tbillAddress, USD("1000"), A)).to.emit(f.spoke, "Repay");
      // The issuer's redemption path: it burns half of the spoke's tokens (settling with the holder off-chain).
      await f.tbill.redeem(f.spokeAddress, T("50000"));
      expect(await f.spoke.coverage(f.tbillAddress)).to.equal(WAD / 2n);
      expect((await f.spoke.getPosition(A, f.tbillAddress)).collateralValue).to.equal(50_000n * 80_000_000n);
      expect((await f.spoke.getCollateral(f.tbillAddress)).total).to.equal(T("100000")); // claims unchanged, valued at coverage
    });
  });

  describe("strangers are refused on every privileged function", () => {
    it("listCollateral, setCollateralParams, acceptNav, upgradeToAndCall; initialize runs once", async () => {
      const f = await loadFixture(fixture);
      const s = f.spoke.connect(f.stranger);
      const feed = await f.nav.getAddress();
      await expect(s.listCollateral(f.U, feed, false, f.params))
        .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
      await expect(s.setCollateralParams(f.tbillAddress, f.params))
        .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
      await expect(s.acceptNav(f.tbillAddress))
        .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
      const impl = await ethers.deployContract("RwaSpoke");
      await expect(s.upgradeToAndCall(await impl.getAddress(), "0x"))
        .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
      // The risk admin may not list (ADMIN only) nor upgrade.
      await expect(f.spoke.connect(f.risk).listCollateral(f.U, feed, false, f.params))
        .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
        .withArgs(f.risk.address);
      await expect(s.initialize(f.stranger.address, f.stranger.address, f.U)).to.be.revertedWithCustomError(
        f.spoke,
        "InvalidInitialization",
      );
      await expect(impl.initialize(f.stranger.address, f.stranger.address, f.U)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });
});
