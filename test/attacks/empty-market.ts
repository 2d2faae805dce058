// Empty-market attacks: first-depositor share inflation and rounding (Hundred Finance, April 2023; Onyx, November
// 2023), donations moving the share price (Euler, March 2023), flash-loan premiums pumping an empty reserve's index
// (Radiant, January 2024) and listing a market before it is seeded (Sonne, May 2024). Each attack is first shown to
// work against NaiveVault (shares priced from balanceOf, no seed, rounding in the user's favour), then to fail or
// lose money against Keel, whose reserves are seeded atomically at listing, count `cash` instead of balanceOf and
// round every conversion in the pool's favour.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, RAY, DEAD } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const MIN_SEED = 1000n;
const D = parseUnits("10000", 6); // the attacker's donation
const FUNDS = parseUnits("100000", 6);

/** Keel pool fixture plus a fresh 6-decimal token NEW listed with the minimum seed (the thinnest market Keel allows),
 *  and a NaiveVault over the same token. carol attacks, dave is the victim. */
async function fixture() {
  const f = await deployTestSystem(connection);
  const neu = await ethers.deployContract("MockERC20", ["New", "NEW", 6]);
  const N = await neu.getAddress();
  await f.setPrice(N, 10n ** 8n);
  const kNew = await ethers.deployContract("KToken", [f.poolAddress, N, 6, "Keel New", "kNEW"]);
  await neu.mint(f.deployer.address, MIN_SEED);
  await neu.approve(f.poolAddress, MaxUint256);
  await f.listInHub(N);
  await f.pool.initReserve(N, await kNew.getAddress(), reserveConfig(), MIN_SEED);
  const amm = await ethers.deployContract("MockAmm", [N, f.W]);
  const vault = await ethers.deployContract("NaiveVault", [N, f.W, await amm.getAddress()]);
  for (const u of [f.carol, f.dave]) {
    await neu.mint(u.address, FUNDS);
    await neu.connect(u).approve(f.poolAddress, MaxUint256);
    await neu.connect(u).approve(await vault.getAddress(), MaxUint256);
  }
  return { ...f, neu, N, kNew, vault };
}

describe("attacks: empty markets, donations and rounding", () => {
  describe("first depositor + donation (Hundred, Onyx, Euler)", () => {
    it("naive vault: 1 wei deposit + donation makes the victim's deposit mint zero shares; the attacker takes it", async () => {
      const f = await loadFixture(fixture);
      const v = await f.vault.getAddress();
      await f.vault.connect(f.carol).deposit(1n);
      await f.neu.connect(f.carol).transfer(v, D); // donation: totalAssets reads balanceOf
      await f.vault.connect(f.dave).deposit(D); // D * 1 / (D + 1) = 0 shares
      expect(await f.vault.sharesOf(f.dave.address)).to.equal(0n);
      await f.vault.connect(f.carol).redeem(1n);
      expect(await f.neu.balanceOf(f.carol.address)).to.equal(FUNDS + D); // profit: the victim's whole deposit
      expect(await f.neu.balanceOf(f.dave.address)).to.equal(FUNDS - D);
    });

    it("Keel: the donation is ignored (cash, not balanceOf), the victim is credited exactly, the attacker loses it", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.carol).supply(f.N, 1n, f.carol.address, 0);
      await f.neu.connect(f.carol).transfer(f.poolAddress, D);
      const r = await f.pool.getKeelReserveData(f.N);
      expect(r.liquidityIndex).to.equal(RAY); // the donation did not move the index
      expect(r.cash).to.equal(MIN_SEED + 1n);
      await f.pool.connect(f.dave).supply(f.N, D, f.dave.address, 0);
      expect(await f.pool.supplyBalanceOf(f.N, f.dave.address)).to.equal(D);
      await f.pool.connect(f.carol).withdraw(f.N, MaxUint256, f.carol.address);
      expect(await f.neu.balanceOf(f.carol.address)).to.equal(FUNDS - D); // lost the donation, gained nothing
      await f.pool.connect(f.dave).withdraw(f.N, MaxUint256, f.dave.address);
      expect(await f.neu.balanceOf(f.dave.address)).to.equal(FUNDS);
    });

    it("Keel: a market is never empty: the seed stays with DEAD, so the first user is never the only shareholder", async () => {
      const f = await loadFixture(fixture);
      expect((await f.pool.getUserPosition(f.N, DEAD)).scaledSupply).to.equal(MIN_SEED);
      expect((await f.pool.getKeelReserveData(f.N)).totalSupplyScaled).to.equal(MIN_SEED);
      expect(await f.kNew.totalSupply()).to.equal(MIN_SEED);
    });
  });

  describe("rounding in the withdrawer's favour (Hundred, Radiant)", () => {
    it("naive vault: at a pumped share price, withdraw(assets) burns zero shares and drains the victim", async () => {
      const f = await loadFixture(fixture);
      const v = await f.vault.getAddress();
      await f.vault.connect(f.carol).deposit(1n);
      await f.neu.connect(f.carol).transfer(v, D);
      await f.vault.connect(f.dave).deposit(2n * D + 2n); // 2 shares at D + 1 per share
      expect(await f.vault.sharesOf(f.dave.address)).to.equal(2n);
      for (let i = 0; i < 12; i++) {
        const assets = ((await f.vault.totalAssets()) - 1n) / (await f.vault.totalShares());
        await f.vault.connect(f.carol).withdraw(assets); // burns floor(assets * 3 / totalAssets) = 0 shares
      }
      expect(await f.vault.sharesOf(f.carol.address)).to.equal(1n); // still holds its share
      const carol = await f.neu.balanceOf(f.carol.address);
      expect(carol).to.be.greaterThan(FUNDS + D); // took more than its donation back: the victim's money
    });

    it("Keel: withdrawing one unit more than the balance reverts; partial withdrawals burn rounded-up shares", async () => {
      const f = await loadFixture(fixture);
      // An index above 1: lend, borrow, a year of interest.
      await f.pool.connect(f.dave).supply(f.N, D, f.dave.address, 0);
      await f.pool.connect(f.bob).supply(f.W, parseUnits("10", 18), f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.N, D / 2n, 2, 0, f.bob.address);
      await time.increase(365 * 86400);
      await f.pool.connect(f.carol).supply(f.N, 3n, f.carol.address, 0);
      const bal = await f.pool.supplyBalanceOf(f.N, f.carol.address);
      expect((await f.pool.getKeelReserveData(f.N)).liquidityIndex).to.be.greaterThan(RAY);
      await expect(f.pool.connect(f.carol).withdraw(f.N, bal + 1n, f.carol.address))
        .to.be.revertedWithCustomError(f.hub, "HubInsufficientBalance")
        .withArgs(bal, bal + 1n);
      const scaled = (await f.pool.getUserPosition(f.N, f.carol.address)).scaledSupply;
      await f.pool.connect(f.carol).withdraw(f.N, 1n, f.carol.address);
      expect((await f.pool.getUserPosition(f.N, f.carol.address)).scaledSupply).to.equal(scaled - 1n); // never 0
    });

    it("Keel: 30 supply/withdraw round trips at odd amounts never return more than was put in", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.dave).supply(f.N, D, f.dave.address, 0);
      await f.pool.connect(f.bob).supply(f.W, parseUnits("10", 18), f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.N, D / 2n, 2, 0, f.bob.address);
      await time.increase(365 * 86400);
      const start = await f.neu.balanceOf(f.carol.address);
      for (let i = 1n; i <= 30n; i++) {
        const amount = 2n + ((i * 7919n) % 1000n); // small odd amounts where rounding matters most
        await f.pool.connect(f.carol).supply(f.N, amount, f.carol.address, 0);
        await f.pool.connect(f.carol).withdraw(f.N, MaxUint256, f.carol.address);
      }
      expect(await f.neu.balanceOf(f.carol.address)).to.be.at.most(start);
      // The pool stays solvent: claims never exceed cash + debt.
      const [supplied, borrowed] = await f.pool.getReserveTotals(f.N);
      expect(supplied).to.be.at.most((await f.pool.getKeelReserveData(f.N)).cash + borrowed);
    });
  });

  describe("flash-loan premiums pumping an empty reserve's index (Radiant)", () => {
    it("naive vault: the sole shareholder pumps the share price without limit (donation + fees go to balanceOf)", async () => {
      const f = await loadFixture(fixture);
      const attacker = await ethers.deployContract("FlashCallAttacker");
      await f.neu.connect(f.carol).transfer(await attacker.getAddress(), parseUnits("100", 6)); // fee money
      await f.vault.connect(f.carol).deposit(1n);
      await f.neu.connect(f.carol).transfer(await f.vault.getAddress(), D);
      for (let i = 0; i < 5; i++) await attacker.startNaive(f.vault.getAddress(), D);
      // One share is now worth more than D: any deposit below that mints nothing.
      expect(await f.vault.totalAssets()).to.be.greaterThan(D + 1n);
      expect(await f.vault.totalShares()).to.equal(1n);
      await f.vault.connect(f.dave).deposit(D);
      expect(await f.vault.sharesOf(f.dave.address)).to.equal(0n);
    });

    it("Keel: a loan is capped by cash, which is backed by supply: 20 full-cash loans raise the index < 1.1%, paid by the attacker", async () => {
      const f = await loadFixture(fixture);
      const attacker = await ethers.deployContract("FlashCallAttacker");
      const a = await attacker.getAddress();
      await f.neu.connect(f.carol).transfer(a, parseUnits("1000", 6));
      await f.pool.connect(f.carol).supply(f.N, D, f.carol.address, 0); // the attacker is almost the only supplier
      const before = await f.neu.balanceOf(a);
      for (let i = 0; i < 20; i++) {
        const cash = (await f.pool.getKeelReserveData(f.N)).cash;
        await attacker.startKeel(f.poolAddress, f.N, cash);
      }
      const r = await f.pool.getKeelReserveData(f.N);
      expect(r.liquidityIndex).to.be.lessThan((RAY * 10110n) / 10000n);
      // Flash more than the cash: refused.
      await expect(attacker.startKeel(f.poolAddress, f.N, r.cash + 1n))
        .to.be.revertedWithCustomError(f.hub, "HubInsufficientLiquidity")
        .withArgs(r.cash, r.cash + 1n);
      // The attacker paid every premium; its supply position gained at most its share of them.
      const paid = before - (await f.neu.balanceOf(a));
      await f.pool.connect(f.carol).withdraw(f.N, MaxUint256, f.carol.address);
      const gained = (await f.neu.balanceOf(f.carol.address)) - (FUNDS - D - parseUnits("1000", 6));
      expect(gained - D).to.be.lessThan(paid);
    });
  });

  describe("listing before seeding (Sonne)", () => {
    it("Keel: initReserve refuses a seed below MIN_SEED with PoolSeedTooSmall", async () => {
      const f = await loadFixture(fixture);
      const t = await ethers.deployContract("MockERC20", ["T", "T", 18]);
      const kt = await ethers.deployContract("KToken", [f.poolAddress, await t.getAddress(), 18, "kT", "kT"]);
      await t.mint(f.deployer.address, 10n ** 18n);
      await t.approve(f.poolAddress, MaxUint256);
      await f.listInHub(await t.getAddress());
      await expect(f.pool.initReserve(await t.getAddress(), await kt.getAddress(), reserveConfig(), 999n))
        .to.be.revertedWithCustomError(f.pool, "PoolSeedTooSmall")
        .withArgs(1000n, 999n);
      await expect(f.pool.supply(await t.getAddress(), 1000n, f.deployer.address, 0)).to.be.revertedWithCustomError(
        f.pool,
        "PoolReserveNotListed",
      );
    });

    it("Keel: the listing transaction itself seeds the reserve, so it is never listed (or collateral) while empty", async () => {
      const f = await loadFixture(fixture);
      const t = await ethers.deployContract("MockERC20", ["T", "T", 18]);
      const T = await t.getAddress();
      const kt = await ethers.deployContract("KToken", [f.poolAddress, T, 18, "kT", "kT"]);
      await t.mint(f.deployer.address, MIN_SEED);
      await t.approve(f.poolAddress, MaxUint256);
      await f.listInHub(T);
      await expect(f.pool.initReserve(T, await kt.getAddress(), reserveConfig(), MIN_SEED))
        .to.emit(f.pool, "ReserveInitialized")
        .withArgs(T, await kt.getAddress(), MIN_SEED)
        .and.to.emit(kt, "Transfer")
        .withArgs(ethers.ZeroAddress, DEAD, MIN_SEED);
      const r = await f.pool.getKeelReserveData(T);
      expect(r.totalSupplyScaled).to.equal(MIN_SEED);
      expect(r.cash).to.equal(MIN_SEED);
      expect(await t.balanceOf(await f.hub.getAddress())).to.equal(MIN_SEED);
    });

    it("Keel: without the seed tokens the listing reverts as a whole (no half-listed reserve)", async () => {
      const f = await loadFixture(fixture);
      const t = await ethers.deployContract("MockERC20", ["T", "T", 18]);
      const T = await t.getAddress();
      const kt = await ethers.deployContract("KToken", [f.poolAddress, T, 18, "kT", "kT"]);
      await t.approve(f.poolAddress, MaxUint256); // no balance
      await f.listInHub(T);
      await expect(
        f.pool.initReserve(T, await kt.getAddress(), reserveConfig(), MIN_SEED),
      ).to.be.revertedWithCustomError(t, "ERC20InsufficientBalance");
      expect(await f.pool.getReservesList()).to.not.include(T);
    });
  });
});
