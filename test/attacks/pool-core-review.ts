// Regression tests of the pool-core review (issue 15): multi-debt accounts nobody could liquidate while
// 0.95 < HF < 1, bad debt hidden behind zero-value dust collateral, and Aave-selector views with Keel layouts; plus
// the "also decide" items fixed on the way (max credit delegation, Borrow event rate, zero-amount kToken transfers).
// Every scenario below failed on the code before the fix.
import { createRequire } from "node:module";
import { expect } from "chai";
import hre from "hardhat";
import { Contract, MaxUint256, parseUnits } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { deployTestSystem, reserveConfig, SECONDS_PER_YEAR, WAD } from "../helpers/pool-fixture.js";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const require = createRequire(import.meta.url);
const AAVE_IPOOL_ABI = require("@aave/core-v3/artifacts/contracts/interfaces/IPool.sol/IPool.json").abi;

const USD = 10n ** 8n;
const HF_095 = (95n * WAD) / 100n;

/** No interest; deep liquidity in every reserve; two more 18-decimal debt reserves (DAI $1, LINK $15) listed. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.setFlatRate(0);
  const extra: MockERC20[] = [];
  for (const [name, sym, price] of [
    ["Dai", "DAI", 1n * USD],
    ["Chainlink", "LINK", 15n * USD],
  ] as const) {
    const t = await ethers.deployContract("MockERC20", [name, sym, 18]);
    const asset = await t.getAddress();
    await f.setPrice(asset, price);
    const kt = await ethers.deployContract("KToken", [f.poolAddress, asset, 18, `Keel ${sym}`, `k${sym}`]);
    await t.mint(f.deployer.address, 10n ** 30n);
    await t.approve(f.poolAddress, MaxUint256);
    await f.listInHub(asset);
    await f.pool.initReserve(asset, await kt.getAddress(), reserveConfig(), 10_000n);
    for (const u of [f.alice, f.liquidator]) {
      await t.mint(u.address, 10n ** 30n);
      await t.connect(u).approve(f.poolAddress, MaxUint256);
    }
    extra.push(t);
  }
  const [dai, link] = extra;
  const D = await dai.getAddress();
  const L = await link.getAddress();
  await f.pool.connect(f.alice).supply(f.U, parseUnits("500000", 6), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(f.B, parseUnits("50", 8), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(f.W, parseUnits("500", 18), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(D, parseUnits("500000", 18), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(L, parseUnits("50000", 18), f.alice.address, 0);
  return { ...f, dai, link, D, L };
}
type F = Awaited<ReturnType<typeof fixture>>;

/** Deterministic PRNG (mulberry32); the seed can be varied with KEEL_FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DebtAsset {
  asset: string;
  decimals: bigint;
  price: bigint;
}

function debtAssets(f: F): DebtAsset[] {
  return [
    { asset: f.U, decimals: 6n, price: 1n * USD },
    { asset: f.B, decimals: 8n, price: 60_000n * USD },
    { asset: f.D, decimals: 18n, price: 1n * USD },
    { asset: f.L, decimals: 18n, price: 15n * USD },
  ];
}

/** Asset units worth `usd` (8 decimals) of `d`. */
const unitsOf = (d: DebtAsset, usd: bigint) => (usd * 10n ** d.decimals) / d.price;

/**
 * Searches for a liquidation of `user` that succeeds: every debt reserve x every collateral reserve x a few amounts
 * (everything allowed, half this debt, $500 worth, $50 worth) x both receiveAToken values. Returns the first that
 * succeeds (as a static call), or the list of errors when none does.
 */
async function findLiquidation(f: F, user: string, liquidator: HardhatEthersSigner) {
  const errors: string[] = [];
  const collaterals = [f.W, f.B, f.U, f.D, f.L];
  for (const d of debtAssets(f)) {
    const debt = await f.pool.debtBalanceOf(d.asset, user);
    if (debt === 0n) continue;
    for (const col of collaterals) {
      if ((await f.pool.getUserPosition(col, user)).scaledSupply === 0n) continue;
      for (const amount of [MaxUint256, debt / 2n, unitsOf(d, 500n * USD), unitsOf(d, 50n * USD)]) {
        if (amount === 0n) continue;
        for (const receive of [false, true]) {
          try {
            await f.pool.connect(liquidator).liquidationCall.staticCall(col, d.asset, user, amount, receive);
            return { ok: true as const, args: [col, d.asset, user, amount, receive] as const };
          } catch (e) {
            errors.push(
              `${d.asset.slice(0, 8)}/${col.slice(0, 8)}/${String(amount)}/${String(receive)}: ${(e as Error).message.slice(0, 90)}`,
            );
          }
        }
      }
    }
  }
  return { ok: false as const, errors };
}

describe("Pool core review (issue 15)", () => {
  describe("finding 1 (close factor from total debt, cap on this reserve's debt)", () => {
    it("finding 1: three debts under $1,000 (together over $2,000) at 0.95 < HF < 1 can be liquidated; before, every debt, amount and receiveAToken reverted PoolMustNotLeaveDust", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, liquidator, wethFeed, U, W, D, L } = f;
      // bob: 1.6 WETH ($3,200 at $2,000) against $900 USDC + $800 DAI + $750 LINK = $2,450 of debt.
      await pool.connect(bob).supply(W, parseUnits("1.6", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("900", 6), 2, 0, bob.address);
      await pool.connect(bob).borrow(D, parseUnits("800", 18), 2, 0, bob.address);
      await pool.connect(bob).borrow(L, parseUnits("50", 18), 2, 0, bob.address);
      // WETH at $1,765: HF = 2,824 x 0.85 / 2,450 = 0.980; collateral still over $2,000.
      await wethFeed.setAnswer(1765n * USD);
      const hf = (await pool.getUserAccountData(bob.address)).healthFactor;
      expect(hf).to.be.lessThan(WAD);
      expect(hf).to.be.greaterThan(HF_095);
      // Each debt is under $2,000: the whole of it may be repaid (Aave 3.3), which leaves no dust.
      await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false)).to.emit(
        pool,
        "LiquidationCall",
      );
      expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
      // A big reserve debt keeps the 50% cap, now of the account's total debt value.
      expect(await pool.debtBalanceOf(D, bob.address)).to.equal(parseUnits("800", 18));
    });

    it("finding 1: a debt of $2,000 or more is capped at half the account's total debt value (min(reserveDebt, totalDebt / 2))", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, liquidator, wethFeed, U, W, D } = f;
      await pool.connect(bob).supply(W, parseUnits("5", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("6000", 6), 2, 0, bob.address);
      await pool.connect(bob).borrow(D, parseUnits("2000", 18), 2, 0, bob.address);
      await wethFeed.setAnswer(1870n * USD); // HF = 0.9934
      expect((await pool.getUserAccountData(bob.address)).healthFactor).to.be.greaterThan(HF_095);
      // USDC debt $6,000 > half of $8,000: capped at $4,000 (not at $3,000, half this reserve's debt).
      await pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false);
      expect(await pool.debtBalanceOf(U, bob.address)).to.equal(parseUnits("2000", 6));
    });

    it("finding 1 (property, fuzz): an account with HF < 1 outside a grace period always has some liquidation that succeeds", async () => {
      const f = await loadFixture(fixture);
      const seed = Number(process.env.KEEL_FUZZ_SEED ?? 15);
      const rnd = prng(seed);
      const pick = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
      const assets = debtAssets(f);
      const signers = (await ethers.getSigners()).slice(10, 20);
      // WETH falls from $2,000 to $1,500 after the borrows; each account's collateral is sized for a target HF.
      const NEW_PRICE = 1500n;
      const accounts: { user: HardhatEthersSigner; target: number }[] = [];
      for (const user of signers) {
        await f.weth.mint(user.address, parseUnits("1000", 18));
        await f.weth.connect(user).approve(f.poolAddress, MaxUint256);
        // Half the accounts hold 3-4 debts each under $1,000 (the reported shape), the rest anything up to $6,000.
        const small = rnd() < 0.5;
        const n = small ? pick(3, 4) : pick(1, 4);
        const chosen = [...assets].sort(() => rnd() - 0.5).slice(0, n);
        const debts = chosen.map((d) => ({ d, usd: BigInt(small ? pick(300, 999) : pick(50, 6000)) * USD }));
        const totalUsd = debts.reduce((s, x) => s + x.usd, 0n);
        const target = small ? 0.951 + rnd() * 0.048 : 0.85 + rnd() * 0.149; // HF after the fall
        // collateral x 1,500 x 0.85 = target x debt  =>  collateral (WETH, 18 dec).
        const targetBps = BigInt(Math.floor(target * 10_000));
        const col = (totalUsd * targetBps * 10n ** 18n) / (NEW_PRICE * USD * 8500n);
        await f.pool.connect(user).supply(f.W, col, user.address, 0);
        for (const { d, usd } of debts) await f.pool.connect(user).borrow(d.asset, unitsOf(d, usd), 2, 0, user.address);
        accounts.push({ user, target });
      }
      await f.wethFeed.setAnswer(NEW_PRICE * USD);
      let checked = 0;
      for (const { user } of accounts) {
        // Liquidate repeatedly while the account stays unhealthy: every intermediate state must be liquidatable too.
        for (let round = 0; round < 4; round++) {
          const hf = (await f.pool.getUserAccountData(user.address)).healthFactor;
          if (hf >= WAD) break;
          const found = await findLiquidation(f, user.address, f.liquidator);
          expect(
            found.ok,
            `seed ${String(seed)}: ${user.address} (HF ${String(hf)}) cannot be liquidated:\n${found.ok ? "" : found.errors.join("\n")}`,
          ).to.equal(true);
          if (found.ok) await f.pool.connect(f.liquidator).liquidationCall(...found.args);
          checked++;
        }
      }
      expect(checked).to.be.greaterThanOrEqual(accounts.length);
    });
  });

  describe("finding 2 (zero-value dust collateral keeps bad debt on the books)", () => {
    /** Socialises a WETH loss so that WETH's liquidity index falls to about 0.7 RAY (a share is worth < 1 wei). */
    async function socialisedWeth(f: F) {
      const { pool, carol, liquidator, wbtcFeed, B, W } = f;
      await pool.connect(carol).supply(B, parseUnits("7", 8), carol.address, 0); // $420,000
      await pool.connect(carol).borrow(W, parseUnits("150", 18), 2, 0, carol.address); // $300,000 of WETH
      await wbtcFeed.setAnswer(100n * USD); // carol's WBTC is worth $100: nearly all of it is bad debt
      await pool.connect(liquidator).liquidationCall(B, W, carol.address, MaxUint256, true);
      const index = (await pool.getKeelReserveData(W)).liquidityIndex;
      expect(index).to.be.lessThan(10n ** 27n);
      expect(index).to.be.greaterThan(10n ** 27n / 2n);
      await wbtcFeed.setAnswer(60_000n * USD);
    }

    it("finding 2: 1 wei of WETH (worth $0) supplied on behalf of an insolvent account no longer stops the write-off in the liquidation that takes its last real collateral", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, dave, liquidator, wbtcFeed, B, U, W } = f;
      await pool.connect(bob).supply(B, parseUnits("0.05", 8), bob.address, 0); // $3,000
      await pool.connect(bob).borrow(U, parseUnits("2400", 6), 2, 0, bob.address);
      // The griefer: 1 wei of WETH on behalf of bob turns WETH on as bob's collateral (floor value: $0).
      await pool.connect(dave).supply(W, 1n, bob.address, 0);
      expect((await pool.getKeelUserConfiguration(bob.address)) & (1n << 4n)).to.equal(1n << 4n);
      await wbtcFeed.setAnswer(20_000n * USD); // $1,000 of collateral for $2,400 of debt
      const tx = pool.connect(liquidator).liquidationCall(B, U, bob.address, MaxUint256, false);
      await expect(tx).to.emit(pool, "BadDebtWrittenOff");
      expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
      expect((await pool.getKeelUserConfiguration(bob.address)) & 2n).to.equal(0n);
    });

    it("finding 2: a position worth 0 (one WETH share after a socialised loss, index < RAY) can be cleared: the liquidation repays nothing, burns the dust and writes the debt off (before: PoolAmountTooSmall forever)", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, dave, liquidator, wbtcFeed, usdc, B, U, W } = f;
      await socialisedWeth(f);
      await pool.connect(bob).supply(B, parseUnits("0.05", 8), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("2400", 6), 2, 0, bob.address);
      await pool.connect(dave).supply(W, 1n, bob.address, 0); // one share, worth floor(0.7) = 0 wei
      expect(await pool.supplyBalanceOf(W, bob.address)).to.equal(0n);
      expect((await pool.getUserPosition(W, bob.address)).scaledSupply).to.equal(1n);
      await wbtcFeed.setAnswer(1n); // bob's WBTC is now worth $0 too (floor): no collateral value at all
      const tx = pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false);
      await expect(tx).to.emit(pool, "BadDebtWrittenOff");
      await expect(tx).to.changeTokenBalance(ethers, usdc, liquidator, 0n);
      expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
      expect((await pool.getUserPosition(W, bob.address)).scaledSupply).to.equal(0n);
    });

    it("also (transferFrom(victim, x, 0)): a zero-amount transfer moves nothing, not a victim's zero-value shares", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, stranger, dave, kWeth, W } = f;
      await socialisedWeth(f);
      await pool.connect(dave).supply(W, 1n, bob.address, 0); // bob: one share worth 0 wei
      await kWeth.connect(stranger).transferFrom(bob.address, stranger.address, 0n); // no allowance needed for 0
      expect((await pool.getUserPosition(W, bob.address)).scaledSupply).to.equal(1n);
      expect((await pool.getUserPosition(W, stranger.address)).scaledSupply).to.equal(0n);
    });
  });

  describe("finding 3 (Aave selectors with Keel layouts)", () => {
    it("finding 3: getUserConfiguration decoded with Aave's IPool ABI has Aave's bit order (bit 2i borrowing, 2i+1 collateral); Keel's order is getKeelUserConfiguration", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, poolAddress, U, W } = f;
      await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0); // WETH id 2: collateral
      await pool.connect(bob).borrow(U, parseUnits("100", 6), 2, 0, bob.address); // USDC id 0: borrowing
      const aave = new Contract(poolAddress, AAVE_IPOOL_ABI, ethers.provider);
      const cfg = await aave.getUserConfiguration(bob.address);
      expect(cfg.data).to.equal((1n << 0n) | (1n << 5n));
      expect(await pool.getKeelUserConfiguration(bob.address)).to.equal((1n << 1n) | (1n << 4n));
    });

    it("finding 3: getReserveData decoded with Aave's IPool ABI gives Aave's ReserveData fields (configuration bitmap, indexes, annual rates, id, aToken, strategy) and zero where Keel has none", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, poolAddress, kUsdc, rates, U, W } = f;
      await f.setFlatRate(1000);
      await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
      await pool.connect(bob).borrow(U, parseUnits("1000", 6), 2, 0, bob.address);
      const keel = await pool.getKeelReserveData(U);
      const aave = new Contract(poolAddress, AAVE_IPOOL_ABI, ethers.provider);
      const r = await aave.getReserveData(U);
      const data: bigint = r.configuration.data;
      const bits = (from: bigint, width: bigint) => (data >> from) & ((1n << width) - 1n);
      const c = reserveConfig();
      expect([bits(0n, 16n), bits(16n, 16n), bits(32n, 16n), bits(48n, 8n)]).to.deep.equal([
        BigInt(c.ltv),
        BigInt(c.liquidationThreshold),
        BigInt(c.liquidationBonus),
        6n,
      ]);
      expect([bits(56n, 1n), bits(57n, 1n), bits(58n, 1n), bits(60n, 1n), bits(63n, 1n)]).to.deep.equal([
        1n,
        0n,
        1n,
        0n,
        1n,
      ]);
      expect([bits(64n, 16n), bits(152n, 16n)]).to.deep.equal([
        BigInt(c.reserveFactor),
        BigInt(c.liquidationProtocolFee),
      ]);
      expect(r.liquidityIndex).to.equal(keel.liquidityIndex);
      expect(r.variableBorrowIndex).to.equal(keel.borrowIndex);
      expect(r.currentVariableBorrowRate).to.equal(keel.borrowRate * SECONDS_PER_YEAR);
      expect(r.currentLiquidityRate).to.be.greaterThan(0n);
      expect(r.currentLiquidityRate).to.be.lessThan(r.currentVariableBorrowRate);
      expect(r.lastUpdateTimestamp).to.equal(keel.lastUpdate);
      expect(r.id).to.equal(0n);
      expect(r.aTokenAddress).to.equal(await kUsdc.getAddress());
      expect(r.interestRateStrategyAddress).to.equal(await rates.getAddress());
      expect([r.stableDebtTokenAddress, r.variableDebtTokenAddress]).to.deep.equal([
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
      expect([r.currentStableBorrowRate, r.accruedToTreasury, r.unbacked, r.isolationModeTotalDebt]).to.deep.equal([
        0n,
        0n,
        0n,
        0n,
      ]);
    });
  });

  describe("also decided", () => {
    it("also (max credit delegation never decremented): a max allowance is spent by a delegated borrow, as Aave's debt tokens do", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, carol, U, W } = f;
      await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
      await pool.connect(bob).approveDelegation(U, carol.address, MaxUint256);
      await pool.connect(carol).borrow(U, 100n, 2, 0, bob.address);
      expect(await pool.borrowAllowance(bob.address, U, carol.address)).to.equal(MaxUint256 - 100n);
    });

    it("also (Borrow event per-second rate): Borrow emits the annual rate in RAY, as Aave", async () => {
      const f = await loadFixture(fixture);
      const { pool, bob, U, W } = f;
      await f.setFlatRate(1000);
      await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
      const tx = await pool.connect(bob).borrow(U, parseUnits("100", 6), 2, 0, bob.address);
      const perSecond = (await pool.getKeelReserveData(U)).borrowRate;
      await expect(tx)
        .to.emit(pool, "Borrow")
        .withArgs(U, bob.address, bob.address, parseUnits("100", 6), 2, perSecond * SECONDS_PER_YEAR, 0);
    });
  });
});
