// Oracle attacks: spot-price manipulation with a flash loan (Harvest 2020, Cheese Bank 2020, Inverse 2022, Mango
// 2022), stale / zero / negative / incomplete Chainlink rounds, and decimal-scale errors (Morpho PAXG market, 2024:
// a 6-vs-18-decimal mistake let a user borrow ~$230k against $350 of collateral). NaiveVault prices collateral at an
// AMM's spot reserves; Keel prices through its oracle module only (Chainlink-style feeds, validated), normalised to
// 8 decimals, and scales by each asset's own decimals.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeelForAttacks, wethLikeConfig } from "../helpers/attacks.js";
import { ModuleIds } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const E18 = 10n ** 18n;
const AMM_USDC = parseUnits("2000000", 6);
const AMM_WETH = 1000n * E18;
const SWAP_IN = parseUnits("900000", 6);
const COLLATERAL = 100n * E18;
const amountOut = (amountIn: bigint, rIn: bigint, rOut: bigint) =>
  (amountIn * 997n * rOut) / (rIn * 1000n + amountIn * 997n);

async function fixture() {
  const k = await deployKeelForAttacks(hre, connection);
  await k.usdc.mint(k.alice.address, parseUnits("2000000", 6));
  await k.pool.connect(k.alice).supply(k.U, parseUnits("3000000", 6), k.alice.address, 0); // flash + lending liquidity
  const amm = await ethers.deployContract("MockAmm", [k.U, k.W]);
  const M = await amm.getAddress();
  await k.usdc.mint(k.deployer.address, AMM_USDC);
  await k.weth.mint(k.deployer.address, AMM_WETH);
  await k.usdc.approve(M, MaxUint256);
  await k.weth.approve(M, MaxUint256);
  await amm.addLiquidity(AMM_USDC, AMM_WETH); // $2000 per WETH, like the feed
  const vault = await ethers.deployContract("NaiveVault", [k.U, k.W, M]);
  const V = await vault.getAddress();
  await k.usdc.connect(k.bob).approve(V, MaxUint256);
  await vault.connect(k.bob).deposit(parseUnits("500000", 6));
  const attacker = await ethers.deployContract("FlashCallAttacker");
  const A = await attacker.getAddress();
  await k.weth.mint(A, COLLATERAL);
  await k.usdc.mint(A, parseUnits("10000", 6)); // flash premium and swap fees
  return { ...k, amm, M, vault, V, attacker, A };
}
type F = Awaited<ReturnType<typeof fixture>>;

/** The manipulation script: pump WETH on the AMM with flash-loaned USDC, post WETH as collateral at the pumped
 *  price, borrow `borrow` USDC, dump the WETH bought back into the AMM. */
function script(f: F, target: "naive" | "keel", borrow: bigint) {
  const wethOut = amountOut(SWAP_IN, AMM_USDC, AMM_WETH);
  const amm = f.amm.interface;
  const erc = f.usdc.interface;
  const calls = [
    { target: f.U, data: erc.encodeFunctionData("approve", [f.M, MaxUint256]), mustSucceed: true },
    { target: f.W, data: erc.encodeFunctionData("approve", [f.M, MaxUint256]), mustSucceed: true },
    { target: f.M, data: amm.encodeFunctionData("swapExactIn", [f.U, SWAP_IN, 0n, f.A]), mustSucceed: true },
  ];
  if (target === "naive") {
    calls.push(
      { target: f.W, data: erc.encodeFunctionData("approve", [f.V, MaxUint256]), mustSucceed: true },
      { target: f.V, data: f.vault.interface.encodeFunctionData("depositCollateral", [COLLATERAL]), mustSucceed: true },
      { target: f.V, data: f.vault.interface.encodeFunctionData("borrow", [borrow]), mustSucceed: true },
    );
  } else {
    calls.push(
      { target: f.W, data: erc.encodeFunctionData("approve", [f.poolAddress, MaxUint256]), mustSucceed: true },
      {
        target: f.poolAddress,
        data: f.pool.interface.encodeFunctionData("supply", [f.W, COLLATERAL, f.A, 0]),
        mustSucceed: true,
      },
      {
        target: f.poolAddress,
        data: f.pool.interface.encodeFunctionData("borrow", [f.U, borrow, 2, 0, f.A]),
        mustSucceed: false,
      },
    );
  }
  calls.push({ target: f.M, data: amm.encodeFunctionData("swapExactIn", [f.W, wethOut, 0n, f.A]), mustSucceed: true });
  return calls;
}

/** What the naive vault lends against 100 WETH once the AMM is pumped. */
function pumpedLimit() {
  const wethOut = amountOut(SWAP_IN, AMM_USDC, AMM_WETH);
  const value = (COLLATERAL * (AMM_USDC + SWAP_IN)) / (AMM_WETH - wethOut);
  return (value * 8000n) / 10000n;
}

/** The attacker's wealth in USD (6 decimals) at the honest $2000 price. */
async function wealth(f: F) {
  const usdc = await f.usdc.balanceOf(f.A);
  const weth = await f.weth.balanceOf(f.A);
  const supplied = await f.pool.supplyBalanceOf(f.W, f.A);
  const debt = await f.pool.debtBalanceOf(f.U, f.A);
  return usdc + ((weth + supplied) * 2000n) / 10n ** 12n - debt;
}

describe("attacks: oracle manipulation and feed failures", () => {
  describe("spot-price manipulation with a flash loan", () => {
    it("naive vault: flash-loan pump of the AMM lets $200k of WETH borrow > $330k and walk away with the profit", async () => {
      const f = await loadFixture(fixture);
      const limit = pumpedLimit();
      expect(limit).to.be.greaterThan(parseUnits("330000", 6));
      const before = await wealth(f);
      await f.attacker.setScript(script(f, "naive", limit));
      await f.attacker.startKeel(f.poolAddress, f.U, SWAP_IN); // the flash loan itself comes from Keel: harmless to it
      const profit = (await wealth(f)) - before; // the WETH left in the vault is forfeited, the debt never repaid
      expect(await f.weth.balanceOf(f.A)).to.equal(0n); // the collateral stays behind, worth far less than the loan
      expect(profit).to.be.greaterThan(parseUnits("100000", 6)); // > $100k net, left as the vault's bad debt
      expect(await f.vault.debtOf(f.A)).to.equal(limit);
    });

    it("Keel: the same pump leaves its oracle price unchanged; the inflated borrow reverts PoolInsufficientCollateral", async () => {
      const f = await loadFixture(fixture);
      const price = await f.oracle.getAssetPrice(f.W);
      const before = await wealth(f);
      await f.attacker.setScript(script(f, "keel", pumpedLimit()));
      await f.attacker.startKeel(f.poolAddress, f.U, SWAP_IN);
      const [ok, ret] = await f.attacker.result(5);
      expect(ok).to.equal(false);
      const err = f.pool.interface.parseError(ret);
      expect(err?.name).to.equal("PoolInsufficientCollateral");
      expect(err?.args[0]).to.equal(parseUnits("160000", 8)); // 100 WETH * $2000 * 80%, at the feed's price
      expect(await f.oracle.getAssetPrice(f.W)).to.equal(price);
      expect(await wealth(f)).to.be.lessThan(before); // paid swap fees and the flash premium for nothing
    });

    it("Keel: the pool reads prices only from its oracle module; pointing it at an AMM needs the critical-tier admin", async () => {
      const f = await loadFixture(fixture);
      expect(await f.pool.oracle()).to.equal(await f.oracle.getAddress());
      await expect(f.registry.connect(f.stranger).setModule(ModuleIds.ORACLE, f.M))
        .to.be.revertedWithCustomError(f.registry, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
      await expect(f.pool.connect(f.stranger).onModuleUpdated(ModuleIds.ORACLE, f.M))
        .to.be.revertedWithCustomError(f.pool, "PoolOnlyRegistry")
        .withArgs(f.stranger.address);
    });
  });

  describe("feed failures make borrows revert with the oracle's named error", () => {
    async function withCollateral() {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, 10n * E18, f.bob.address, 0);
      return f;
    }
    const borrow = (f: F) => f.pool.connect(f.bob).borrow(f.U, parseUnits("1000", 6), 2, 0, f.bob.address);

    it("stale WETH price (older than the 1-day heartbeat): OracleStalePrice", async () => {
      const f = await withCollateral();
      const [, , , updatedAt] = await f.wethFeed.latestRoundData();
      await time.increase(86401);
      await f.usdcFeed.setAnswer(10n ** 8n);
      await expect(borrow(f))
        .to.be.revertedWithCustomError(f.oracle, "OracleStalePrice")
        .withArgs(f.W, updatedAt, 86400n);
    });

    it("zero answer: OracleInvalidPrice", async () => {
      const f = await withCollateral();
      await f.wethFeed.setAnswer(0n);
      await expect(borrow(f)).to.be.revertedWithCustomError(f.oracle, "OracleInvalidPrice").withArgs(f.W, 0n);
    });

    it("negative answer: OracleInvalidPrice", async () => {
      const f = await withCollateral();
      await f.wethFeed.setAnswer(-1n);
      await expect(borrow(f)).to.be.revertedWithCustomError(f.oracle, "OracleInvalidPrice").withArgs(f.W, -1n);
    });

    it("incomplete round (answeredInRound < roundId): OracleIncompleteRound", async () => {
      const f = await withCollateral();
      const now = BigInt(await time.latest());
      await f.wethFeed.setRound(7n, 2000n * 10n ** 8n, now, now, 6n);
      await expect(borrow(f)).to.be.revertedWithCustomError(f.oracle, "OracleIncompleteRound").withArgs(f.W, 7n, 6n);
    });

    it("timestamp in the future: OracleInvalidTimestamp", async () => {
      const f = await withCollateral();
      const future = BigInt(await time.latest()) + 3600n;
      await f.wethFeed.setRound(7n, 2000n * 10n ** 8n, future, future, 7n);
      await expect(borrow(f)).to.be.revertedWithCustomError(f.oracle, "OracleInvalidTimestamp").withArgs(f.W, future);
    });

    it("feed reverting: OracleFeedReverted; withdrawing collateral with debt reverts likewise (no blind health check)", async () => {
      const f = await withCollateral();
      await borrow(f);
      const broken = await ethers.deployContract("MockBrokenAggregator", [8, 0]);
      await f.oracle.setFeed(f.W, await broken.getAddress(), 86400);
      await expect(borrow(f)).to.be.revertedWithCustomError(f.oracle, "OracleFeedReverted").withArgs(f.W);
      await expect(f.pool.connect(f.bob).withdraw(f.W, E18, f.bob.address))
        .to.be.revertedWithCustomError(f.oracle, "OracleFeedReverted")
        .withArgs(f.W);
    });
  });

  describe("finding 11: circuit-breaker answers and precision changes (Venus LUNA, May 2022; Chainlink phase changes)", () => {
    async function withCollateral() {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, 10n * E18, f.bob.address, 0);
      return f;
    }
    // The attacker (carol) buys collateral whose market collapsed far below the aggregator's minAnswer, which the
    // aggregator keeps reporting ($100 here while the market pays cents), and borrows against the clamped price.
    const CLAMP = 100n * 10n ** 8n;

    it("finding 11 (no circuit-breaker detection): without bounds the clamped answer lends $800 per 'worthless' WETH; with bounds the borrow reverts OracleAnswerOutOfBounds", async () => {
      const f = await withCollateral();
      await f.wethFeed.setAnswer(CLAMP); // the aggregator is stuck at its minAnswer
      await f.weth.mint(f.carol.address, 100n * E18);
      await f.weth.connect(f.carol).approve(f.poolAddress, MaxUint256);
      await f.pool.connect(f.carol).supply(f.W, 100n * E18, f.carol.address, 0);
      const power = (await f.pool.getUserAccountData(f.carol.address))[2];
      expect(power).to.equal(8000n * 10n ** 8n); // 100 WETH x $100 x 80% LTV: what the old oracle allowed against dust
      // The risk admin sets the feed's bounds to the aggregator's (minAnswer $100, maxAnswer $1M).
      await f.oracle.setFeedBounds(f.W, false, CLAMP, 1_000_000n * 10n ** 8n);
      await expect(f.pool.connect(f.carol).borrow(f.U, parseUnits("1000", 6), 2, 0, f.carol.address))
        .to.be.revertedWithCustomError(f.oracle, "OracleAnswerOutOfBounds")
        .withArgs(f.W, CLAMP, CLAMP, 1_000_000n * 10n ** 8n);
      // A price back inside the bounds lends again.
      await f.wethFeed.setAnswer(2000n * 10n ** 8n);
      await f.pool.connect(f.carol).borrow(f.U, parseUnits("1000", 6), 2, 0, f.carol.address);
    });

    it("finding 11 (oracle caches decimals): a feed moved to 18 decimals stops pricing (OracleFeedDecimalsChanged) instead of 10^10 x", async () => {
      const f = await withCollateral();
      const proxy = await ethers.deployContract("MockPhaseAggregator", [8, 2000n * 10n ** 8n]);
      await f.oracle.setFeed(f.W, await proxy.getAddress(), 86400);
      await proxy.setPhase(18, 2000n * E18); // same $2,000, new precision: read at 8 decimals it would be $2e13
      await expect(f.pool.connect(f.bob).borrow(f.U, parseUnits("1000000", 6), 2, 0, f.bob.address))
        .to.be.revertedWithCustomError(f.oracle, "OracleFeedDecimalsChanged")
        .withArgs(f.W, 8, 18);
    });
  });

  describe("decimal scales (Morpho PAXG)", () => {
    it("assets with 6/8/18 decimals priced by 8- and 18-decimal feeds: borrowing power is exact to the unit", async () => {
      const f = await loadFixture(fixture);
      const user = f.carol;
      let expectedCollateral = 0n;
      // [asset decimals, feed decimals, price as the feed reports it, price in 8 decimals]
      const specs: [number, number, bigint, bigint][] = [
        [6, 18, 2500n * E18, 2500n * 10n ** 8n],
        [8, 18, 1234567n * 10n ** 14n, 123_4567n * 10n ** 4n], // $123.4567
        [18, 8, 3n * 10n ** 8n, 3n * 10n ** 8n],
        [6, 8, 99_990_000n, 99_990_000n], // $0.9999
      ];
      for (const [dec, feedDec, answer, price8] of specs) {
        const t = await ethers.deployContract("MockERC20", [`T${String(dec)}`, `T${String(dec)}`, dec]);
        const T = await t.getAddress();
        const feed = await ethers.deployContract("MockAggregator", [feedDec, answer, "T / USD"]);
        await f.oracle.setFeed(T, await feed.getAddress(), 86400);
        expect(await f.oracle.getAssetPrice(T)).to.equal(price8);
        const kt = await ethers.deployContract("KToken", [f.poolAddress, T, dec, "kT", "kT"]);
        await t.mint(f.deployer.address, 10n ** 30n);
        await t.approve(f.poolAddress, MaxUint256);
        await f.listInHub(T);
        await f.pool.initReserve(T, await kt.getAddress(), wethLikeConfig(), 10n ** BigInt(dec));
        // 7 whole tokens of each.
        const amount = 7n * 10n ** BigInt(dec);
        await t.mint(user.address, amount);
        await t.connect(user).approve(f.poolAddress, MaxUint256);
        await f.pool.connect(user).supply(T, amount, user.address, 0);
        expectedCollateral += 7n * price8;
      }
      const d = await f.pool.getUserAccountData(user.address);
      expect(d.totalCollateralBase).to.equal(expectedCollateral);
      // Every listed token uses ltv 80%: borrowing power is 80% of each value, rounded down per asset.
      expect(d.availableBorrowsBase).to.equal(
        (7n * 2500n * 10n ** 8n * 8000n) / 10000n +
          (7n * 123_4567n * 10n ** 4n * 8000n) / 10000n +
          (7n * 3n * 10n ** 8n * 8000n) / 10000n +
          (7n * 99_990_000n * 8000n) / 10000n,
      );
      // Borrow exactly the power in USDC ($1, 8-decimal feed): one unit more is refused.
      const max = d.availableBorrowsBase / 100n; // 8-decimal USD to 6-decimal USDC
      await expect(f.pool.connect(user).borrow(f.U, max + 1n, 2, 0, user.address)).to.be.revertedWithCustomError(
        f.pool,
        "PoolInsufficientCollateral",
      );
      await f.pool.connect(user).borrow(f.U, max, 2, 0, user.address);
      expect(await f.pool.debtBalanceOf(f.U, user.address)).to.equal(max);
    });
  });
});
