// Unit tests of the LiquidityHub (contracts/hub/LiquidityHub.sol) on the test system: listing and its bounds, the caps'
// semantics (UNLIMITED = 2^64 - 1, 0 = nothing), freezing, the hub's own ERC-3156 flash loan, the treasury's
// withdrawal through KeelTreasury.withdrawFromHub, refreshRate, accrue and the views.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, ZeroAddress, parseUnits } from "ethers";
import { RAY, deployTestSystem, ratePerSecondOf } from "../helpers/pool-fixture.js";
import { bpsMulDown, bpsMulUp, rayMulDown, rayMulUp } from "../helpers/pool-math.js";
import { HUB_UNLIMITED, HubFlags } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const usd = (n: string) => parseUnits(n, 6);

async function fixture() {
  const t = await deployTestSystem(connection);
  await t.pool.connect(t.alice).supply(t.U, usd("100000"), t.alice.address, 0);
  await t.pool.connect(t.bob).supply(t.W, parseUnits("100", 18), t.bob.address, 0);
  await t.pool.connect(t.bob).borrow(t.U, usd("20000"), 2, 0, t.bob.address);
  const xyz = await ethers.deployContract("MockERC20", ["Test", "XYZ", 18]);
  const X = await xyz.getAddress();
  const spoke = await ethers.deployContract("MaliciousSpoke", [t.hubAddress]);
  const S = await spoke.getAddress();
  return { ...t, xyz, X, spoke, S };
}
type F = Awaited<ReturnType<typeof fixture>>;

describe("LiquidityHub", () => {
  describe("listing", () => {
    it("reads the decimals and starts the indexes at RAY, flash loans on", async () => {
      const f = await loadFixture(fixture);
      await expect(f.hub.listAsset(f.X, ZeroAddress, 1000, 7))
        .to.emit(f.hub, "AssetListed")
        .withArgs(f.X, 18, ZeroAddress, 1000);
      const a = await f.hub.getAsset(f.X);
      // flags: LISTED | FLASH_LOANS | DEFAULT_MODEL (follows the registry's default) | HAS_TREASURY.
      expect([a.decimals, a.flags, a.liquidityIndex, a.borrowIndex, a.reserveFactor, a.flashFee]).to.deep.equal([
        18n,
        BigInt(
          HubFlags.LISTED |
            HubFlags.FLASH_LOANS |
            HubFlags.DEFAULT_MODEL |
            HubFlags.HAS_TREASURY |
            HubFlags.NATIVE_CURVE,
        ),
        RAY,
        RAY,
        1000n,
        7n,
      ]);
      expect(await f.hub.assets()).to.deep.equal([f.U, f.B, f.W, f.X]);
      await expect(f.hub.listAsset(f.X, ZeroAddress, 1000, 7))
        .to.be.revertedWithCustomError(f.hub, "HubAssetAlreadyListed")
        .withArgs(f.X);
    });

    it("bounds the reserve factor (<= 10,000) and the flash fee (<= 100), at listing and configuration", async () => {
      const f = await loadFixture(fixture);
      expect([await f.hub.MAX_RESERVE_FACTOR(), await f.hub.MAX_FLASH_FEE()]).to.deep.equal([10_000n, 100n]);
      await expect(f.hub.listAsset(f.X, ZeroAddress, 10_001, 0))
        .to.be.revertedWithCustomError(f.hub, "HubParameterOutOfBounds")
        .withArgs(10_001n, 10_000n);
      await expect(f.hub.listAsset(f.X, ZeroAddress, 0, 101))
        .to.be.revertedWithCustomError(f.hub, "HubParameterOutOfBounds")
        .withArgs(101n, 100n);
      await expect(f.hub.configureAsset(f.U, ZeroAddress, 10_001, 0, true))
        .to.be.revertedWithCustomError(f.hub, "HubParameterOutOfBounds")
        .withArgs(10_001n, 10_000n);
      await expect(f.hub.configureAsset(f.U, ZeroAddress, 0, 101, true))
        .to.be.revertedWithCustomError(f.hub, "HubParameterOutOfBounds")
        .withArgs(101n, 100n);
      await f.hub.listAsset(f.X, ZeroAddress, 10_000, 100); // the bounds themselves are allowed
      await expect(f.hub.configureAsset(f.U, ZeroAddress, 500, 9, false))
        .to.emit(f.hub, "AssetConfigured")
        .withArgs(f.U, ZeroAddress, 500, 9, false);
    });

    it("refuses a token without decimals, above 36 decimals, or the zero address", async () => {
      const f = await loadFixture(fixture);
      const noDecimals = await ethers.deployContract("MockGovernanceTarget", [f.deployer.address]);
      const N = await noDecimals.getAddress();
      await expect(f.hub.listAsset(N, ZeroAddress, 0, 0))
        .to.be.revertedWithCustomError(f.hub, "HubBadDecimals")
        .withArgs(N);
      const t37 = await ethers.deployContract("MockERC20", ["T37", "T37", 37]);
      await expect(f.hub.listAsset(await t37.getAddress(), ZeroAddress, 0, 0))
        .to.be.revertedWithCustomError(f.hub, "HubBadDecimals")
        .withArgs(await t37.getAddress());
      const t36 = await ethers.deployContract("MockERC20", ["T36", "T36", 36]);
      await f.hub.listAsset(await t36.getAddress(), ZeroAddress, 0, 0);
      expect((await f.hub.getAsset(await t36.getAddress())).decimals).to.equal(36n);
      await expect(f.hub.listAsset(ZeroAddress, ZeroAddress, 0, 0)).to.be.revertedWithCustomError(
        f.hub,
        "HubZeroAddress",
      );
    });
  });

  describe("spokes and caps", () => {
    async function listed(f: F) {
      await f.hub.listAsset(f.X, ZeroAddress, 1000, 5);
      await expect(f.hub.addSpoke(f.S)).to.emit(f.hub, "SpokeAdded").withArgs(f.S);
      await f.xyz.mint(f.S, 10n ** 40n);
    }

    it("registers once; caps only for a registered spoke and a listed asset", async () => {
      const f = await loadFixture(fixture);
      await listed(f);
      // The deployer registers the core spoke and the safety module (deploy/safety.ts) before any other.
      expect(await f.hub.spokes()).to.deep.equal([f.poolAddress, f.system.address("SafetyModule"), f.S]);
      expect([await f.hub.isSpoke(f.S), await f.hub.isSpoke(f.stranger.address)]).to.deep.equal([true, false]);
      await expect(f.hub.addSpoke(f.S)).to.be.revertedWithCustomError(f.hub, "HubSpokeAlreadyAdded").withArgs(f.S);
      await expect(f.hub.addSpoke(ZeroAddress)).to.be.revertedWithCustomError(f.hub, "HubZeroAddress");
      await expect(f.hub.setSpokeCaps(f.stranger.address, f.X, 1, 1))
        .to.be.revertedWithCustomError(f.hub, "HubSpokeNotAdded")
        .withArgs(f.stranger.address);
      const other = await ethers.deployContract("MockERC20", ["O", "O", 18]);
      await expect(f.hub.setSpokeCaps(f.S, await other.getAddress(), 1, 1))
        .to.be.revertedWithCustomError(f.hub, "HubAssetNotListed")
        .withArgs(await other.getAddress());
    });

    it("cap 0 allows nothing; UNLIMITED (2^64 - 1) is no cap; one below is a cap of whole tokens", async () => {
      const f = await loadFixture(fixture);
      await listed(f);
      expect(await f.hub.UNLIMITED()).to.equal(2n ** 64n - 1n);
      expect(HUB_UNLIMITED).to.equal(2n ** 64n - 1n);
      // Caps are zero until set: no add, no draw.
      await expect(f.spoke.add(f.X, 1n, 1n))
        .to.be.revertedWithCustomError(f.hub, "HubAddCapExceeded")
        .withArgs(f.S, f.X, 0n, 1n);
      // 1e36 units = 1e18 whole tokens (amounts stop at 2^120 - 1): above a cap of 1e6 whole tokens, allowed by UNLIMITED.
      const huge = 10n ** 36n;
      await f.hub.setSpokeCaps(f.S, f.X, 10n ** 6n, 0);
      await expect(f.spoke.add(f.X, huge, huge))
        .to.be.revertedWithCustomError(f.hub, "HubAddCapExceeded")
        .withArgs(f.S, f.X, 10n ** 6n, huge);
      await expect(f.spoke.add(f.X, 2n ** 120n, 2n ** 120n))
        .to.be.revertedWithCustomError(f.hub, "HubAmountTooLarge")
        .withArgs(2n ** 120n);
      await expect(f.hub.setSpokeCaps(f.S, f.X, HUB_UNLIMITED, HUB_UNLIMITED))
        .to.emit(f.hub, "SpokeCapsSet")
        .withArgs(f.S, f.X, HUB_UNLIMITED, HUB_UNLIMITED);
      await f.hub.setSpokeCaps(f.S, f.X, HUB_UNLIMITED, 0);
      await f.spoke.add(f.X, huge, huge);
      expect((await f.hub.spokeBalances(f.S, f.X))[0]).to.equal(huge);
      await expect(f.spoke.draw(f.X, 1n, f.S))
        .to.be.revertedWithCustomError(f.hub, "HubDrawCapExceeded")
        .withArgs(f.S, f.X, 0n, 1n);
      await f.hub.setSpokeCaps(f.S, f.X, HUB_UNLIMITED, HUB_UNLIMITED);
      await f.spoke.draw(f.X, huge / 2n, f.S);
      expect((await f.hub.spokeBalances(f.S, f.X))[1]).to.equal(huge / 2n);
    });

    it("freezes (guardian) and unfreezes (governance); caps set on a frozen spoke stay frozen", async () => {
      const f = await loadFixture(fixture);
      await listed(f);
      await f.hub.setSpokeCaps(f.S, f.X, 1000, 1000);
      await expect(f.hub.connect(f.guardian).freezeSpoke(f.S)).to.emit(f.hub, "SpokeFrozen").withArgs(f.S, true);
      expect(await f.hub.isFrozen(f.S)).to.equal(true);
      await f.hub.setSpokeCaps(f.S, f.X, 2000, 2000);
      expect((await f.hub.getSpokeAsset(f.S, f.X)).frozen).to.equal(true);
      await expect(f.spoke.add(f.X, 1n, 1n))
        .to.be.revertedWithCustomError(f.hub, "HubSpokeFrozen")
        .withArgs(f.S);
      await expect(f.hub.connect(f.guardian).unfreezeSpoke(f.S))
        .to.be.revertedWithCustomError(f.hub, "AccessManagedUnauthorized")
        .withArgs(f.guardian.address);
      await expect(f.hub.unfreezeSpoke(f.S)).to.emit(f.hub, "SpokeFrozen").withArgs(f.S, false);
      expect((await f.hub.getSpokeAsset(f.S, f.X)).frozen).to.equal(false);
      await f.spoke.add(f.X, 1n, 1n);
      await expect(f.hub.connect(f.guardian).freezeSpoke(f.stranger.address))
        .to.be.revertedWithCustomError(f.hub, "HubSpokeNotAdded")
        .withArgs(f.stranger.address);
    });
  });

  describe("ERC-3156 flash loan of the hub", () => {
    it("lends up to its cash for flashFee bps, fee to suppliers and the reserve factor's share to the treasury", async () => {
      const f = await loadFixture(fixture);
      const borrower = await ethers.deployContract("MockERC3156Borrower");
      const R = await borrower.getAddress();
      const a = await f.hub.getAsset(f.U);
      expect(await f.hub.maxFlashLoan(f.U)).to.equal(a.cash);
      expect(await f.hub.availableCash(f.U)).to.equal(a.cash);
      const amount = usd("12345");
      const fee = bpsMulUp(amount, a.flashFee);
      expect(await f.hub.flashFee(f.U, amount)).to.equal(fee);
      await f.usdc.mint(R, fee);
      await f.setFlatRate(0); // no interest from here: the treasury's gain below is the fee's share alone
      const treasuryBefore = await f.hub.treasuryBalance(f.U);
      await expect(borrower.borrow(f.hubAddress, f.U, amount))
        .to.emit(f.hub, "HubFlashLoan")
        .withArgs(R, f.U, amount, fee);
      // The reserve factor's share of the fee, as treasury shares (rounded down: at most one unit less).
      const toTreasury = bpsMulDown(fee, a.reserveFactor);
      const gained = (await f.hub.treasuryBalance(f.U)) - treasuryBefore;
      expect(
        gained >= toTreasury - 2n && gained <= toTreasury,
        `treasury gained ${String(gained)}, share ${String(toTreasury)}`,
      ).to.equal(true);
      expect(await borrower.lastFee()).to.equal(fee);
      expect(await borrower.lastInitiator()).to.equal(R);
      expect(await borrower.maxLoanDuringCallback()).to.equal(a.cash - amount);
      expect((await f.hub.getAsset(f.U)).cash).to.equal(a.cash + fee);
      expect(await f.usdc.balanceOf(f.hubAddress)).to.equal(a.cash + fee);
      await expect(borrower.borrow(f.hubAddress, f.U, a.cash + fee + 1n))
        .to.be.revertedWithCustomError(f.hub, "HubInsufficientLiquidity")
        .withArgs(a.cash + fee, a.cash + fee + 1n);
    });

    it("refuses a wrong callback value, an unpaid loan, and an asset with flash loans off", async () => {
      const f = await loadFixture(fixture);
      const borrower = await ethers.deployContract("MockERC3156Borrower");
      const R = await borrower.getAddress();
      await f.usdc.mint(R, usd("10"));
      await borrower.setMode(1);
      await expect(borrower.borrow(f.hubAddress, f.U, usd("1000")))
        .to.be.revertedWithCustomError(f.hub, "HubFlashReceiverFailed")
        .withArgs(R);
      await borrower.setMode(2);
      await expect(borrower.borrow(f.hubAddress, f.U, usd("1000"))).to.be.revertedWithCustomError(
        f.usdc,
        "ERC20InsufficientAllowance",
      );
      const a = await f.hub.getAsset(f.U);
      await f.hub.configureAsset(f.U, a.rateModel, a.reserveFactor, a.flashFee, false);
      expect(await f.hub.maxFlashLoan(f.U)).to.equal(0n);
      await expect(f.hub.flashFee(f.U, 1n)).to.be.revertedWithCustomError(f.hub, "HubFlashLoanDisabled").withArgs(f.U);
      await borrower.setMode(0);
      await expect(borrower.borrow(f.hubAddress, f.U, usd("1000")))
        .to.be.revertedWithCustomError(f.hub, "HubFlashLoanDisabled")
        .withArgs(f.U);
      expect(await f.hub.maxFlashLoan(f.X)).to.equal(0n);
      await expect(f.hub.flashFee(f.X, 1n)).to.be.revertedWithCustomError(f.hub, "HubFlashLoanDisabled").withArgs(f.X);
    });
  });

  describe("treasury, rates, accrual, views", () => {
    it("the treasury withdraws its income through KeelTreasury.withdrawFromHub (TREASURY_MANAGER) only", async () => {
      const f = await loadFixture(fixture);
      await time.increase(30 * 86_400);
      await f.hub.accrue(f.U);
      await f.setFlatRate(0);
      await f.hub.refreshRate(f.U);
      const a = await f.hub.getAsset(f.U);
      const income = rayMulDown(a.treasuryShares, a.liquidityIndex);
      expect(income).to.be.gt(0n);
      expect(await f.hub.treasuryBalance(f.U)).to.equal(income);
      await expect(
        f.treasury.connect(f.stranger).withdrawFromHub(f.U, 1n, f.stranger.address),
      ).to.be.revertedWithCustomError(f.treasury, "AccessManagedUnauthorized");
      await expect(f.treasury.connect(f.treasurer).withdrawFromHub(f.U, income + 1n, f.treasurer.address))
        .to.be.revertedWithCustomError(f.hub, "HubInsufficientBalance")
        .withArgs(income, income + 1n);
      const part = income / 3n;
      await expect(f.treasury.connect(f.treasurer).withdrawFromHub(f.U, part, f.treasurer.address))
        .to.emit(f.hub, "TreasuryWithdrawn")
        .withArgs(f.U, f.treasurer.address, part, (part * RAY + a.liquidityIndex - 1n) / a.liquidityIndex);
      await f.treasury.connect(f.treasurer).withdrawFromHub(f.U, MaxUint256, f.treasurer.address);
      expect(await f.hub.treasuryBalance(f.U)).to.equal(0n);
      expect(await f.usdc.balanceOf(f.treasurer.address))
        .to.be.gte(income - 1n)
        .and.lte(income);
      await expect(f.hub.connect(f.stranger).withdrawTreasury(f.U, 1n, f.stranger.address))
        .to.be.revertedWithCustomError(f.hub, "HubUnauthorized")
        .withArgs(f.stranger.address);
    });

    it("refreshRate stores the rate model's new rate; accrue writes the indexes the views predicted", async () => {
      const f = await loadFixture(fixture);
      expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(1000n));
      // The model pushes its change (onRateModelChanged): the hub's cached curve and stored rate follow at once.
      await f.setFlatRate(2000);
      expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(2000n));
      // Without the push (no hub set on the model), anyone's refreshRate brings the hub in step.
      await f.rates.connect(f.deployer).setHub(ethers.ZeroAddress);
      await f.setFlatRate(3000);
      expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(2000n));
      await f.hub.connect(f.stranger).refreshRate(f.U);
      expect((await f.hub.getAsset(f.U)).borrowRate).to.equal(ratePerSecondOf(3000n));
      await expect(f.hub.refreshRate(f.X)).to.be.revertedWithCustomError(f.hub, "HubAssetNotListed").withArgs(f.X);
      await expect(f.hub.accrue(f.X)).to.be.revertedWithCustomError(f.hub, "HubAssetNotListed").withArgs(f.X);
      await time.increase(86_400);
      const tx = await f.hub.connect(f.stranger).accrue(f.U);
      await expect(tx).to.emit(f.hub, "AssetAccrued");
      const a = await f.hub.getAsset(f.U);
      const block = await ethers.provider.getBlock("latest");
      expect(a.lastUpdate).to.equal(BigInt(block!.timestamp));
      expect(await f.hub.currentIndexes(f.U)).to.deep.equal([a.liquidityIndex, a.borrowIndex]);
      expect(a.borrowIndex).to.be.gt(RAY);
      expect(a.liquidityIndex).to.be.gt(RAY);
    });

    it("views: totals, spoke balances, treasury, cash, lists", async () => {
      const f = await loadFixture(fixture);
      await f.hub.accrue(f.U);
      const a = await f.hub.getAsset(f.U);
      const [supplied, drawn, cash] = await f.hub.assetTotals(f.U);
      expect(supplied).to.equal(rayMulDown(a.totalShares, a.liquidityIndex));
      expect(drawn).to.equal(rayMulUp(a.totalDrawnShares, a.borrowIndex));
      expect(cash).to.equal(a.cash);
      expect(await f.usdc.balanceOf(f.hubAddress)).to.equal(cash);
      expect(await f.hub.availableCash(f.U)).to.equal(cash);
      const sa = await f.hub.getSpokeAsset(f.poolAddress, f.U);
      expect(await f.hub.spokeBalances(f.poolAddress, f.U)).to.deep.equal([
        rayMulDown(sa.shares, a.liquidityIndex),
        rayMulUp(sa.drawnShares, a.borrowIndex),
      ]);
      expect(sa.shares + a.treasuryShares).to.equal(a.totalShares);
      expect(sa.drawnShares).to.equal(a.totalDrawnShares);
      expect([sa.addCap, sa.drawCap, sa.frozen]).to.deep.equal([HUB_UNLIMITED, HUB_UNLIMITED, false]);
      expect(await f.hub.treasuryBalance(f.U)).to.equal(rayMulDown(a.treasuryShares, a.liquidityIndex));
      expect(await f.hub.assets()).to.deep.equal([f.U, f.B, f.W]);
      expect(await f.hub.spokes()).to.deep.equal([f.poolAddress, f.system.address("SafetyModule")]);
      expect([await f.hub.isSpoke(f.poolAddress), await f.hub.isFrozen(f.poolAddress)]).to.deep.equal([true, false]);
      expect(await f.hub.treasury()).to.equal(f.treasuryAddress);
      expect(await f.hub.defaultRateModel()).to.equal(await f.rates.getAddress());
      expect(await f.hub.registry()).to.equal(await f.registry.getAddress());
    });
  });
});
