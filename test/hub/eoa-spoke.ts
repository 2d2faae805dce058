// LiquidityHub tests with an EOA as a spoke, on the system the one deployer builds (the pool is the hub's core spoke). A test signer
// registered as a second spoke ("the EOA spoke") calls the hub directly: any call in any order, the strongest spoke
// the hub can face short of a flash-loan callback (test/attacks/ covers contract spokes).
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, ZeroAddress, parseUnits } from "ethers";
import { deployTestSystem, ratePerSecondOf } from "../helpers/pool-fixture.js";
import { HUB_UNLIMITED, HubFlags, ModuleIds } from "../../deploy/keel.js";
import { Roles } from "../../deploy/roles.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const E6 = 10n ** 6n;

/** alice lends 100k USDC through the pool; `spoke` (dave's key) is registered with caps of 1,000 USDC each way. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  const spoke = f.dave;
  await f.hub.connect(f.deployer).addSpoke(spoke.address);
  await f.hub.connect(f.deployer).setSpokeCaps(spoke.address, f.U, 1000, 1000);
  const hubAsSpoke = f.hub.connect(spoke);
  await f.usdc.connect(spoke).approve(f.hubAddress, MaxUint256);
  return { ...f, spoke, hubAsSpoke };
}

describe("LiquidityHub", () => {
  describe("listing and configuration", () => {
    it("listAsset reads the decimals, resolves the default rate model and refuses bad parameters with their bounds", async () => {
      const { hub, deployer, rates } = await loadFixture(fixture);
      const t = await ethers.deployContract("MockERC20", ["T", "T", 8]);
      const T = await t.getAddress();
      await expect(hub.connect(deployer).listAsset(T, ZeroAddress, 10_001, 5))
        .to.be.revertedWithCustomError(hub, "HubParameterOutOfBounds")
        .withArgs(10_001n, 10_000n);
      await expect(hub.connect(deployer).listAsset(T, ZeroAddress, 1000, 101))
        .to.be.revertedWithCustomError(hub, "HubParameterOutOfBounds")
        .withArgs(101n, 100n);
      await expect(hub.connect(deployer).listAsset(ZeroAddress, ZeroAddress, 1000, 5)).to.be.revertedWithCustomError(
        hub,
        "HubZeroAddress",
      );
      await expect(hub.connect(deployer).listAsset(T, ZeroAddress, 1000, 5))
        .to.emit(hub, "AssetListed")
        .withArgs(T, 8, ZeroAddress, 1000);
      const a = await hub.getAsset(T);
      expect(a.decimals).to.equal(8n);
      expect(a.rateModel).to.equal(await rates.getAddress()); // the default, resolved
      expect(a.liquidityIndex).to.equal(10n ** 27n);
      await expect(hub.connect(deployer).listAsset(T, ZeroAddress, 1000, 5))
        .to.be.revertedWithCustomError(hub, "HubAssetAlreadyListed")
        .withArgs(T);
      // A token without decimals() (an EOA here) cannot be listed.
      const eoa = ethers.Wallet.createRandom().address;
      await expect(hub.connect(deployer).listAsset(eoa, ZeroAddress, 1000, 5))
        .to.be.revertedWithCustomError(hub, "HubBadDecimals")
        .withArgs(eoa);
      expect(await hub.assets()).to.include(T);
    });

    it("configureAsset: unlisted refused; a new model and reserve factor apply from now on", async () => {
      const { hub, deployer, U, rates } = await loadFixture(fixture);
      const x = ethers.Wallet.createRandom().address;
      await expect(hub.connect(deployer).configureAsset(x, ZeroAddress, 1000, 5, true))
        .to.be.revertedWithCustomError(hub, "HubAssetNotListed")
        .withArgs(x);
      await expect(hub.connect(deployer).configureAsset(U, await rates.getAddress(), 2000, 9, false))
        .to.emit(hub, "AssetConfigured")
        .withArgs(U, await rates.getAddress(), 2000, 9, false);
      const a = await hub.getAsset(U);
      expect(a.reserveFactor).to.equal(2000n);
      expect(a.flags & BigInt(HubFlags.DEFAULT_MODEL)).to.equal(0n); // its own model now, not the default's
      expect(await hub.maxFlashLoan(U)).to.equal(0n); // flash loans off
      await expect(hub.flashFee(U, 1000n)).to.be.revertedWithCustomError(hub, "HubFlashLoanDisabled").withArgs(U);
    });

    it("the registry alone pushes modules; a new default rate model reaches every asset that follows it", async () => {
      const { hub, registry, deployer, stranger, U } = await loadFixture(fixture);
      await expect(hub.connect(stranger).onModuleUpdated(ModuleIds.RATE_MODEL, stranger.address))
        .to.be.revertedWithCustomError(hub, "HubUnauthorized")
        .withArgs(stranger.address);
      // Not a rate model: the push fails in the hub (it stores each follower's rate from the new model), so the
      // registry's change reverts as a whole and nothing moves. Fails closed at configuration time.
      const notModel = await ethers.deployContract("MockERC20", ["not a model", "X", 18]);
      const before = await hub.getAsset(U);
      await expect(
        registry.connect(deployer).setModule(ModuleIds.RATE_MODEL, await notModel.getAddress()),
      ).to.be.revert(ethers);
      expect(await hub.getAsset(U)).to.deep.equal(before);
      // A rate model without a cached curve (IRateModel only): every follower switches to it and calls it.
      const other = await ethers.deployContract("MockRateModel", [ratePerSecondOf(4000n)]);
      await expect(registry.connect(deployer).setModule(ModuleIds.RATE_MODEL, await other.getAddress()))
        .to.emit(hub, "RateModelSynced")
        .withArgs(U, await other.getAddress(), false);
      expect(await hub.defaultRateModel()).to.equal(await other.getAddress());
      const a = await hub.getAsset(U);
      expect(a.rateModel).to.equal(await other.getAddress());
      expect(a.flags & BigInt(HubFlags.NATIVE_CURVE)).to.equal(0n);
      expect(a.borrowRate).to.equal(ratePerSecondOf(4000n));
      expect(await hub.registry()).to.equal(await registry.getAddress());
    });

    it("every governance function refuses a stranger (AccessManagedUnauthorized)", async () => {
      const { hub, stranger, U } = await loadFixture(fixture);
      const h = hub.connect(stranger);
      const calls: [string, () => Promise<unknown>][] = [
        ["listAsset", () => h.listAsset(stranger.address, ZeroAddress, 0, 0)],
        ["configureAsset", () => h.configureAsset(U, ZeroAddress, 0, 0, true)],
        ["addSpoke", () => h.addSpoke(stranger.address)],
        ["setSpokeCaps", () => h.setSpokeCaps(stranger.address, U, 1, 1)],
        ["freezeSpoke", () => h.freezeSpoke(stranger.address)],
        ["unfreezeSpoke", () => h.unfreezeSpoke(stranger.address)],
      ];
      for (const [name, call] of calls)
        await expect(call(), name).to.be.revertedWithCustomError(hub, "AccessManagedUnauthorized");
      await expect(h.withdrawTreasury(U, 1n, stranger.address))
        .to.be.revertedWithCustomError(hub, "HubUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("spokes and caps", () => {
    it("addSpoke and setSpokeCaps refuse what does not exist; a registered spoke starts with zero caps (fails closed)", async () => {
      const { hub, deployer, U, stranger, spoke } = await loadFixture(fixture);
      await expect(hub.connect(deployer).addSpoke(ZeroAddress)).to.be.revertedWithCustomError(hub, "HubZeroAddress");
      await expect(hub.connect(deployer).addSpoke(spoke.address))
        .to.be.revertedWithCustomError(hub, "HubSpokeAlreadyAdded")
        .withArgs(spoke.address);
      await expect(hub.connect(deployer).setSpokeCaps(stranger.address, U, 1, 1))
        .to.be.revertedWithCustomError(hub, "HubSpokeNotAdded")
        .withArgs(stranger.address);
      const x = ethers.Wallet.createRandom().address;
      await expect(hub.connect(deployer).setSpokeCaps(spoke.address, x, 1, 1))
        .to.be.revertedWithCustomError(hub, "HubAssetNotListed")
        .withArgs(x);
      // The new spoke has no caps in WETH: nothing allowed.
      await expect(hub.connect(deployer).addSpoke(stranger.address))
        .to.emit(hub, "SpokeAdded")
        .withArgs(stranger.address);
      expect(await hub.isSpoke(stranger.address)).to.equal(true);
      expect(await hub.spokes()).to.include(stranger.address);
      const sa = await hub.getSpokeAsset(stranger.address, U);
      expect([sa.addCap, sa.drawCap]).to.deep.equal([0n, 0n]);
    });

    it("add: tokens must have arrived, the add cap holds (with its figures), shares round down", async () => {
      const { hub, hubAsSpoke, spoke, usdc, U } = await loadFixture(fixture);
      await expect(hubAsSpoke.add(U, 100n * E6))
        .to.be.revertedWithCustomError(hub, "HubTokensNotReceived")
        .withArgs(U, 100n * E6, 0n);
      await usdc.connect(spoke).transfer(await hub.getAddress(), 1001n * E6);
      await expect(hubAsSpoke.add(U, 1001n * E6)).to.be.revertedWithCustomError(hub, "HubAddCapExceeded");
      await expect(hubAsSpoke.add(U, 1000n * E6)).to.emit(hub, "Add");
      const [supplied] = await hub.spokeBalances(spoke.address, U);
      expect(supplied).to.be.lessThanOrEqual(1000n * E6);
      await expect(hubAsSpoke.add(U, 0n)).to.be.revertedWithCustomError(hub, "HubAmountTooSmall").withArgs(0n);
      await expect(hubAsSpoke.add(U, 2n ** 128n))
        .to.be.revertedWithCustomError(hub, "HubAmountTooLarge")
        .withArgs(2n ** 128n);
      const x = ethers.Wallet.createRandom().address;
      await expect(hubAsSpoke.add(x, 1n)).to.be.revertedWithCustomError(hub, "HubAssetNotListed").withArgs(x);
    });

    it("remove: never more shares than the spoke holds, never more than they are worth, never to zero", async () => {
      const { hub, hubAsSpoke, spoke, usdc, U } = await loadFixture(fixture);
      await usdc.connect(spoke).transfer(await hub.getAddress(), 500n * E6);
      await hubAsSpoke.add(U, 500n * E6);
      const held = (await hub.getSpokeAsset(spoke.address, U)).shares;
      await expect(hubAsSpoke.remove(U, 1n, held + 1n, spoke.address))
        .to.be.revertedWithCustomError(hub, "HubSharesExceeded")
        .withArgs(spoke.address, held, held + 1n);
      await expect(hubAsSpoke.remove(U, 501n * E6, held, spoke.address)).to.be.revertedWithCustomError(
        hub,
        "HubInsufficientBalance",
      );
      await expect(hubAsSpoke.remove(U, 1n, held, ZeroAddress)).to.be.revertedWithCustomError(hub, "HubZeroAddress");
      await expect(hubAsSpoke.remove(U, 0n, held, spoke.address)).to.be.revertedWithCustomError(
        hub,
        "HubAmountTooSmall",
      );
      const before = await usdc.balanceOf(spoke.address);
      await expect(hubAsSpoke.remove(U, MaxUint256, held, spoke.address)).to.emit(hub, "Remove");
      expect(await usdc.balanceOf(spoke.address)).to.equal(before + 500n * E6);
      expect((await hub.getSpokeAsset(spoke.address, U)).shares).to.equal(0n);
    });

    it("draw: within the draw cap, which counts every reported deficit, so draw / write off / draw stops at the cap", async () => {
      const { hub, hubAsSpoke, spoke, usdc, U } = await loadFixture(fixture);
      await expect(hubAsSpoke.draw(U, 1n, ZeroAddress)).to.be.revertedWithCustomError(hub, "HubZeroAddress");
      await expect(hubAsSpoke.draw(U, 1001n * E6, spoke.address)).to.be.revertedWithCustomError(
        hub,
        "HubDrawCapExceeded",
      );
      const before = await usdc.balanceOf(spoke.address);
      // At the cap exactly, debt rounding up takes the value one unit over: 999 USDC fits.
      await hubAsSpoke.draw(U, 999n * E6, spoke.address);
      expect(await usdc.balanceOf(spoke.address)).to.equal(before + 999n * E6);
      // Write the whole debt off: the hub's suppliers (and the treasury first) take the loss...
      const drawn = (await hub.getSpokeAsset(spoke.address, U)).drawnShares;
      await expect(hubAsSpoke.reportDeficit(U, drawn, 0n)).to.emit(hub, "DeficitReported");
      expect((await hub.getSpokeAsset(spoke.address, U)).deficit).to.be.greaterThanOrEqual(999n * E6);
      // ...and the spoke cannot draw it again: the written-off debt still fills its cap (about 1 USDC of room left).
      await expect(hubAsSpoke.draw(U, 2n * E6, spoke.address)).to.be.revertedWithCustomError(hub, "HubDrawCapExceeded");
      // Nor can it draw in place outside a flash loan: nothing is out.
      await expect(hubAsSpoke.draw(U, 1n, await hub.getAddress()))
        .to.be.revertedWithCustomError(hub, "HubInsufficientLiquidity")
        .withArgs(0n, 1n);
    });

    it("restore: the tokens must have arrived, never above the debt; reportDeficit refuses what the spoke does not owe", async () => {
      const { hub, hubAsSpoke, spoke, usdc, U, setFlatRate } = await loadFixture(fixture);
      await setFlatRate(0); // no interest: the debt is exactly what was drawn
      await hub.refreshRate(U);
      await hubAsSpoke.draw(U, 100n * E6, spoke.address);
      const drawn = (await hub.getSpokeAsset(spoke.address, U)).drawnShares;
      await expect(hubAsSpoke.restore(U, 50n * E6, drawn))
        .to.be.revertedWithCustomError(hub, "HubTokensNotReceived")
        .withArgs(U, 50n * E6, 0n);
      await expect(hubAsSpoke.restore(U, 1n, drawn + 1n))
        .to.be.revertedWithCustomError(hub, "HubDrawnSharesExceeded")
        .withArgs(spoke.address, drawn, drawn + 1n);
      await expect(hubAsSpoke.restore(U, 0n, drawn)).to.be.revertedWithCustomError(hub, "HubAmountTooSmall");
      await expect(hubAsSpoke.restore(U, 101n * E6, drawn)).to.be.revertedWithCustomError(hub, "HubRestoreExceedsDebt");
      await usdc.connect(spoke).transfer(await hub.getAddress(), 100n * E6);
      await expect(hubAsSpoke.restore(U, 100n * E6, drawn)).to.emit(hub, "Restore");
      expect((await hub.getSpokeAsset(spoke.address, U)).drawnShares).to.equal(0n);
      await expect(hubAsSpoke.reportDeficit(U, 1n, 0n)).to.be.revertedWithCustomError(hub, "HubDrawnSharesExceeded");
      await hubAsSpoke.draw(U, 10n * E6, spoke.address);
      const d2 = (await hub.getSpokeAsset(spoke.address, U)).drawnShares;
      await expect(hubAsSpoke.reportDeficit(U, 0n, 0n)).to.be.revertedWithCustomError(hub, "HubAmountTooSmall");
      await expect(hubAsSpoke.reportDeficit(U, d2, 1n))
        .to.be.revertedWithCustomError(hub, "HubSharesExceeded")
        .withArgs(spoke.address, 0n, 1n);
    });

    it("a deficit is covered by the named shares, then the treasury's hub shares, then socialised (index falls)", async () => {
      const { hub, hubAsSpoke, spoke, usdc, bob, pool, U, W } = await loadFixture(fixture);
      // A year of interest on a real borrower gives the treasury hub shares in USDC.
      await pool.connect(bob).supply(W, parseUnits("100", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("50000", 6), 2, 0, bob.address);
      await time.increase(365 * 86400);
      await hub.accrue(U);
      const treasuryBefore = await hub.treasuryBalance(U);
      expect(treasuryBefore).to.be.greaterThan(0n);
      // The spoke adds 200 (its "treasury position"), draws 1000, and reports the debt with 200 of cover shares.
      await usdc.connect(spoke).transfer(await hub.getAddress(), 200n * E6);
      await hubAsSpoke.add(U, 200n * E6);
      await hubAsSpoke.draw(U, 999n * E6, spoke.address);
      const sa = await hub.getSpokeAsset(spoke.address, U);
      const indexBefore = (await hub.getAsset(U)).liquidityIndex;
      const tx = hubAsSpoke.reportDeficit(U, sa.drawnShares, sa.shares);
      await expect(tx).to.emit(hub, "DeficitReported");
      const after = await hub.getSpokeAsset(spoke.address, U);
      expect(after.shares).to.be.lessThan(sa.shares); // cover shares spent first
      const treasuryAfter = await hub.treasuryBalance(U);
      expect(treasuryAfter).to.be.lessThan(treasuryBefore);
      const rest = 999n * E6 - 200n * E6 - treasuryBefore;
      if (rest > 0n) expect((await hub.getAsset(U)).liquidityIndex).to.be.lessThan(indexBefore);
      expect((await hub.getAsset(U)).totalDeficit).to.be.greaterThanOrEqual(999n * E6);
    });

    it("freeze: the guardian stops a spoke's adds, draws and flash loans; removals and repayments go on; unfreeze by the admin", async () => {
      const { hub, hubAsSpoke, spoke, usdc, guardian, deployer, U, pool, alice } = await loadFixture(fixture);
      await usdc.connect(spoke).transfer(await hub.getAddress(), 100n * E6);
      await hubAsSpoke.add(U, 100n * E6);
      await hubAsSpoke.draw(U, 10n * E6, spoke.address);
      await expect(hub.connect(deployer).freezeSpoke(spoke.address)).to.be.revertedWithCustomError(
        hub,
        "AccessManagedUnauthorized",
      );
      await expect(hub.connect(guardian).freezeSpoke(spoke.address))
        .to.emit(hub, "SpokeFrozen")
        .withArgs(spoke.address, true);
      expect(await hub.isFrozen(spoke.address)).to.equal(true);
      await expect(hubAsSpoke.add(U, 1n)).to.be.revertedWithCustomError(hub, "HubSpokeFrozen").withArgs(spoke.address);
      await expect(hubAsSpoke.draw(U, 1n, spoke.address))
        .to.be.revertedWithCustomError(hub, "HubSpokeFrozen")
        .withArgs(spoke.address);
      await expect(hubAsSpoke.spokeFlashLoan([U], [1n], [0n], 0, spoke.address, "0x")).to.be.revertedWithCustomError(
        hub,
        "HubSpokeFrozen",
      );
      // Caps set on a frozen spoke keep it frozen.
      await hub.connect(deployer).setSpokeCaps(spoke.address, U, 2000, 2000);
      expect((await hub.getSpokeAsset(spoke.address, U)).frozen).to.equal(true);
      // Exits still work: restore the debt, remove the supply.
      const drawn = (await hub.getSpokeAsset(spoke.address, U)).drawnShares;
      await usdc.connect(spoke).transfer(await hub.getAddress(), 10n * E6);
      await hubAsSpoke.restore(U, 10n * E6, drawn);
      await hubAsSpoke.remove(U, MaxUint256, (await hub.getSpokeAsset(spoke.address, U)).shares, spoke.address);
      // The core spoke keeps serving meanwhile.
      await pool.connect(alice).supply(U, 1000n * E6, alice.address, 0);
      await expect(hub.connect(deployer).unfreezeSpoke(spoke.address))
        .to.emit(hub, "SpokeFrozen")
        .withArgs(spoke.address, false);
      await expect(
        hub.connect(deployer).unfreezeSpoke(ethers.Wallet.createRandom().address),
      ).to.be.revertedWithCustomError(hub, "HubSpokeNotAdded");
    });

    it("spokeFlashLoan: only registered spokes; arrays must match; the treasury share is a bps", async () => {
      const { hub, hubAsSpoke, stranger, U } = await loadFixture(fixture);
      await expect(hub.connect(stranger).spokeFlashLoan([U], [1n], [0n], 0, stranger.address, "0x"))
        .to.be.revertedWithCustomError(hub, "HubSpokeNotAdded")
        .withArgs(stranger.address);
      await expect(hubAsSpoke.spokeFlashLoan([], [], [], 0, stranger.address, "0x")).to.be.revertedWithCustomError(
        hub,
        "HubInconsistentFlashLoan",
      );
      await expect(hubAsSpoke.spokeFlashLoan([U], [1n], [0n], 10_001, stranger.address, "0x"))
        .to.be.revertedWithCustomError(hub, "HubParameterOutOfBounds")
        .withArgs(10_001n, 10_000n);
    });
  });

  describe("ERC-3156 flash loans of the hub itself", () => {
    it("lends at the asset's fee, pulls amount + fee, books the fee; refuses a wrong callback value", async () => {
      const { hub, usdc, U } = await loadFixture(fixture);
      const borrower = await ethers.deployContract("MockERC3156Borrower");
      const B = await borrower.getAddress();
      await usdc.mint(B, 1000n * E6);
      const amount = 10_000n * E6;
      const fee = await hub.flashFee(U, amount);
      expect(fee).to.equal((amount * 5n + 9999n) / 10_000n);
      const cash = (await hub.getAsset(U)).cash;
      expect(await hub.maxFlashLoan(U)).to.equal(cash);
      const balance = await usdc.balanceOf(await hub.getAddress());
      await expect(borrower.borrow(await hub.getAddress(), U, amount)).to.emit(hub, "HubFlashLoan");
      expect(await borrower.lastFee()).to.equal(fee);
      expect(await borrower.maxLoanDuringCallback()).to.equal(cash - amount);
      expect(await usdc.balanceOf(await hub.getAddress())).to.equal(balance + fee);
      expect((await hub.getAsset(U)).cash).to.equal(cash + fee);
      await borrower.setMode(1); // wrong magic value
      await expect(borrower.borrow(await hub.getAddress(), U, amount))
        .to.be.revertedWithCustomError(hub, "HubFlashReceiverFailed")
        .withArgs(B);
      await borrower.setMode(0);
      const cashNow = (await hub.getAsset(U)).cash;
      await expect(borrower.borrow(await hub.getAddress(), U, cashNow + 1n))
        .to.be.revertedWithCustomError(hub, "HubInsufficientLiquidity")
        .withArgs(cashNow, cashNow + 1n);
      expect(await hub.maxFlashLoan(ethers.Wallet.createRandom().address)).to.equal(0n);
    });
  });

  describe("treasury income and views", () => {
    it("withdrawTreasury through KeelTreasury.withdrawFromHub (TREASURY_MANAGER) sends the reserve-factor income", async () => {
      const { hub, pool, treasury, treasurer, manager, stranger, bob, usdc, U, W } = await loadFixture(fixture);
      await pool.connect(bob).supply(W, parseUnits("100", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("50000", 6), 2, 0, bob.address);
      await time.increase(30 * 86400);
      await hub.refreshRate(U);
      const income = await hub.treasuryBalance(U);
      expect(income).to.be.greaterThan(0n);
      expect(await manager.hasRole(Roles.TREASURY_MANAGER, treasurer.address)).to.deep.equal([true, 0n]);
      await expect(treasury.connect(stranger).withdrawFromHub(U, 1n, stranger.address)).to.be.revertedWithCustomError(
        treasury,
        "AccessManagedUnauthorized",
      );
      const before = await usdc.balanceOf(treasurer.address);
      await expect(treasury.connect(treasurer).withdrawFromHub(U, MaxUint256, treasurer.address)).to.emit(
        hub,
        "TreasuryWithdrawn",
      );
      expect(await usdc.balanceOf(treasurer.address)).to.be.greaterThanOrEqual(before + income);
      expect(await hub.treasuryBalance(U)).to.equal(0n);
      await expect(
        treasury.connect(treasurer).withdrawFromHub(U, 10n ** 12n, treasurer.address),
      ).to.be.revertedWithCustomError(hub, "HubInsufficientBalance");
    });

    it("views: totals, balances, available cash and the accrual they project match what an accrual writes", async () => {
      const { hub, pool, bob, U, W, spoke } = await loadFixture(fixture);
      await pool.connect(bob).supply(W, parseUnits("100", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("50000", 6), 2, 0, bob.address);
      await time.increase(10 * 86400);
      const [li, bi] = await hub.currentIndexes(U);
      const [supplied, drawn, cash] = await hub.assetTotals(U);
      expect(cash).to.equal(await hub.availableCash(U));
      expect(supplied + 5n).to.be.greaterThan(drawn); // claims never below debt beyond rounding
      const [spokeSupplied, spokeDrawn] = await hub.spokeBalances(await pool.getAddress(), U);
      expect(spokeDrawn).to.equal(drawn);
      expect(spokeSupplied).to.be.lessThanOrEqual(supplied);
      expect(await hub.spokeBalances(spoke.address, U)).to.deep.equal([0n, 0n]);
      await expect(hub.accrue(ethers.Wallet.createRandom().address)).to.be.revertedWithCustomError(
        hub,
        "HubAssetNotListed",
      );
      await hub.accrue(U);
      const a = await hub.getAsset(U);
      // The write happens one block later: indexes grow by at most one more second of interest.
      expect(a.liquidityIndex).to.be.greaterThanOrEqual(li);
      expect(a.borrowIndex).to.be.greaterThanOrEqual(bi);
      expect(await hub.treasury()).to.not.equal(ZeroAddress);
      expect(HUB_UNLIMITED).to.equal(await hub.UNLIMITED());
    });
  });
});
