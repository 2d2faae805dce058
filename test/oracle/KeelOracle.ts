import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { KeelOracle, MockAggregator } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { deployAccessManager, restrictFunctions } from "../helpers/access.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const HOUR = 3600;
const DAY = 86400;
const MIN_HEARTBEAT = 60;
const MAX_HEARTBEAT = 7 * DAY;

describe("KeelOracle", () => {
  async function deployFixture() {
    const [admin, riskAdmin, upgrader, stranger] = await ethers.getSigners();
    const manager = await deployAccessManager(ethers, upgradesApi, admin);
    const factory = await ethers.getContractFactory("KeelOracle", admin);
    const oracle = (await upgradesApi.deployProxy(factory, [await manager.getAddress()], {
      kind: "uups",
      initializer: "initialize",
    })) as unknown as KeelOracle;
    const oracleAddress = await oracle.getAddress();
    await restrictFunctions(
      manager,
      oracle,
      ["setFeed", "setFallbackFeed", "removeFallbackFeed", "removeFeed", "setFeedBounds"],
      Roles.RISK_ADMIN,
    );
    await restrictFunctions(manager, oracle, ["upgradeToAndCall"], Roles.UPGRADER);
    await manager.grantRole(Roles.RISK_ADMIN, riskAdmin.address, 0);
    await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);

    const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
    const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
    const wbtc = await ethers.deployContract("MockERC20", ["Wrapped BTC", "WBTC", 8]);
    const feed8 = await ethers.deployContract("MockAggregator", [8, 2000n * 10n ** 8n, "ETH / USD"]);
    const feed18 = await ethers.deployContract("MockAggregator", [18, 2001n * 10n ** 18n, "ETH / USD (18)"]);
    const feed6 = await ethers.deployContract("MockAggregator", [6, 1_000_000n, "USDC / USD (6)"]);
    return {
      manager,
      oracle: oracle.connect(riskAdmin),
      oracleAddress,
      admin,
      riskAdmin,
      upgrader,
      stranger,
      weth: await weth.getAddress(),
      usdc: await usdc.getAddress(),
      wbtc: await wbtc.getAddress(),
      feed8,
      feed18,
      feed6,
    };
  }

  /** WETH has a primary 8-decimal feed and an 18-decimal fallback, both with a one-hour heartbeat. */
  async function configuredFixture() {
    const f = await deployFixture();
    await f.oracle.setFeed(f.weth, await f.feed8.getAddress(), HOUR);
    await f.oracle.setFallbackFeed(f.weth, await f.feed18.getAddress(), HOUR);
    return f;
  }

  async function setRound(
    feed: MockAggregator,
    round: { roundId?: bigint; answer: bigint; updatedAt: number | bigint; answeredInRound?: bigint },
  ) {
    const roundId = round.roundId ?? 10n;
    await feed.setRound(roundId, round.answer, round.updatedAt, round.updatedAt, round.answeredInRound ?? roundId);
  }

  describe("initialize", () => {
    it("initialize: sets the authority, version and constants", async () => {
      const { oracle, manager } = await loadFixture(deployFixture);
      expect(await oracle.authority()).to.equal(await manager.getAddress());
      expect(await oracle.version()).to.equal("1.0.0");
      expect(await oracle.BASE_CURRENCY_UNIT()).to.equal(10n ** 8n);
      expect(await oracle.PRICE_DECIMALS()).to.equal(8n);
      expect(await oracle.MIN_HEARTBEAT()).to.equal(BigInt(MIN_HEARTBEAT));
      expect(await oracle.MAX_HEARTBEAT()).to.equal(BigInt(MAX_HEARTBEAT));
      expect(await oracle.MAX_FEED_DECIMALS()).to.equal(36n);
    });

    it("initialize: reverts when called a second time", async () => {
      const { oracle, stranger } = await loadFixture(deployFixture);
      await expect(oracle.initialize(stranger.address)).to.be.revertedWithCustomError(oracle, "InvalidInitialization");
    });

    it("initialize: the implementation cannot be initialised directly", async () => {
      const { oracleAddress, stranger } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "KeelOracle",
        await upgradesApi.erc1967.getImplementationAddress(oracleAddress),
      );
      await expect(impl.initialize(stranger.address)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    });
  });

  describe("setFeed", () => {
    it("setFeed: stores feed, heartbeat and cached decimals in one config and emits FeedSet", async () => {
      const { oracle, weth, feed18 } = await loadFixture(deployFixture);
      const feed = await feed18.getAddress();
      await expect(oracle.setFeed(weth, feed, HOUR))
        .to.emit(oracle, "FeedSet")
        .withArgs(weth, ethers.ZeroAddress, feed, 0, HOUR);
      const config = await oracle.getFeed(weth);
      expect([config.feed, config.heartbeat, config.decimals, config.hasBounds]).to.deep.equal([
        feed,
        BigInt(HOUR),
        18n,
        false,
      ]);
    });

    it("setFeed: replacing emits the old feed and heartbeat", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(deployFixture);
      const a = await feed8.getAddress();
      const b = await feed18.getAddress();
      await oracle.setFeed(weth, a, HOUR);
      await expect(oracle.setFeed(weth, b, DAY))
        .to.emit(oracle, "FeedSet")
        .withArgs(weth, a, b, HOUR, DAY);
      expect(await oracle.getAssetPrice(weth)).to.equal(2001n * 10n ** 8n);
    });

    it("setFeed: accepts the heartbeat bounds themselves", async () => {
      const { oracle, weth, usdc, feed8 } = await loadFixture(deployFixture);
      await oracle.setFeed(weth, await feed8.getAddress(), MIN_HEARTBEAT);
      await oracle.setFeed(usdc, await feed8.getAddress(), MAX_HEARTBEAT);
      expect((await oracle.getFeed(weth)).heartbeat).to.equal(BigInt(MIN_HEARTBEAT));
      expect((await oracle.getFeed(usdc)).heartbeat).to.equal(BigInt(MAX_HEARTBEAT));
    });

    it("setFeed: reverts with OracleInvalidHeartbeat below 60 s and above 7 days", async () => {
      const { oracle, weth, feed8 } = await loadFixture(deployFixture);
      const feed = await feed8.getAddress();
      for (const heartbeat of [0, MIN_HEARTBEAT - 1, MAX_HEARTBEAT + 1]) {
        await expect(oracle.setFeed(weth, feed, heartbeat))
          .to.be.revertedWithCustomError(oracle, "OracleInvalidHeartbeat")
          .withArgs(heartbeat, MIN_HEARTBEAT, MAX_HEARTBEAT);
      }
    });

    it("setFeed: reverts with OracleZeroAddress for a zero asset or feed", async () => {
      const { oracle, weth, feed8 } = await loadFixture(deployFixture);
      await expect(oracle.setFeed(ethers.ZeroAddress, await feed8.getAddress(), HOUR)).to.be.revertedWithCustomError(
        oracle,
        "OracleZeroAddress",
      );
      await expect(oracle.setFeed(weth, ethers.ZeroAddress, HOUR)).to.be.revertedWithCustomError(
        oracle,
        "OracleZeroAddress",
      );
    });

    it("setFeed: reverts with OracleInvalidFeedDecimals above 36 decimals", async () => {
      const { oracle, weth } = await loadFixture(deployFixture);
      const feed = await ethers.deployContract("MockAggregator", [37, 1n, "too precise"]);
      await expect(oracle.setFeed(weth, await feed.getAddress(), HOUR))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidFeedDecimals")
        .withArgs(await feed.getAddress(), 37, 36);
    });

    it("setFeed: reverts for an address that is not a feed", async () => {
      const { oracle, weth } = await loadFixture(deployFixture);
      // An account without code cannot answer decimals(), so the call reverts and nothing is stored.
      const [, , , , eoa] = await ethers.getSigners();
      await expect(oracle.setFeed(weth, eoa.address, HOUR)).to.be.revert(ethers);
      expect((await oracle.getFeed(weth)).feed).to.equal(ethers.ZeroAddress);
    });

    it("setFeed: reverts for a stranger", async () => {
      const { oracle, stranger, weth, feed8 } = await loadFixture(deployFixture);
      await expect(oracle.connect(stranger).setFeed(weth, await feed8.getAddress(), HOUR))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("setFallbackFeed / removeFallbackFeed / removeFeed", () => {
    it("setFallbackFeed: stores the config and emits FallbackFeedSet with old and new values", async () => {
      const { oracle, weth, feed6, feed18 } = await loadFixture(configuredFixture);
      const old = await feed18.getAddress();
      const feed = await feed6.getAddress();
      await expect(oracle.setFallbackFeed(weth, feed, DAY))
        .to.emit(oracle, "FallbackFeedSet")
        .withArgs(weth, old, feed, HOUR, DAY);
      const config = await oracle.getFallbackFeed(weth);
      expect([config.feed, config.heartbeat, config.decimals]).to.deep.equal([feed, BigInt(DAY), 6n]);
    });

    it("setFallbackFeed: reverts with OracleNoFeed when the asset has no primary feed", async () => {
      const { oracle, usdc, feed6 } = await loadFixture(deployFixture);
      await expect(oracle.setFallbackFeed(usdc, await feed6.getAddress(), HOUR))
        .to.be.revertedWithCustomError(oracle, "OracleNoFeed")
        .withArgs(usdc);
    });

    it("setFallbackFeed: validates heartbeat and addresses like setFeed", async () => {
      const { oracle, weth, feed6 } = await loadFixture(configuredFixture);
      await expect(oracle.setFallbackFeed(weth, await feed6.getAddress(), MAX_HEARTBEAT + 1))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidHeartbeat")
        .withArgs(MAX_HEARTBEAT + 1, MIN_HEARTBEAT, MAX_HEARTBEAT);
      await expect(oracle.setFallbackFeed(weth, ethers.ZeroAddress, HOUR)).to.be.revertedWithCustomError(
        oracle,
        "OracleZeroAddress",
      );
    });

    it("setFallbackFeed: reverts for a stranger", async () => {
      const { oracle, stranger, weth, feed6 } = await loadFixture(configuredFixture);
      await expect(oracle.connect(stranger).setFallbackFeed(weth, await feed6.getAddress(), HOUR))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("removeFallbackFeed: clears the fallback and emits FallbackFeedSet(asset, old, 0, oldHeartbeat, 0)", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      await expect(oracle.removeFallbackFeed(weth))
        .to.emit(oracle, "FallbackFeedSet")
        .withArgs(weth, await feed18.getAddress(), ethers.ZeroAddress, HOUR, 0);
      expect((await oracle.getFallbackFeed(weth)).feed).to.equal(ethers.ZeroAddress);
      // Without a fallback, a failing primary now reverts.
      await feed8.setAnswer(0n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(weth, 0n);
    });

    it("removeFallbackFeed: reverts with OracleNoFeed when there is no fallback", async () => {
      const { oracle, usdc } = await loadFixture(configuredFixture);
      await expect(oracle.removeFallbackFeed(usdc))
        .to.be.revertedWithCustomError(oracle, "OracleNoFeed")
        .withArgs(usdc);
    });

    it("removeFallbackFeed: reverts for a stranger", async () => {
      const { oracle, stranger, weth } = await loadFixture(configuredFixture);
      await expect(oracle.connect(stranger).removeFallbackFeed(weth))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("removeFeed: clears both feeds, emits FeedRemoved and leaves the asset unpriced", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      await expect(oracle.removeFeed(weth))
        .to.emit(oracle, "FeedRemoved")
        .withArgs(weth, await feed8.getAddress(), await feed18.getAddress());
      expect((await oracle.getFeed(weth)).feed).to.equal(ethers.ZeroAddress);
      expect((await oracle.getFallbackFeed(weth)).feed).to.equal(ethers.ZeroAddress);
      await expect(oracle.getAssetPrice(weth)).to.be.revertedWithCustomError(oracle, "OracleNoFeed").withArgs(weth);
    });

    it("removeFeed: reverts with OracleNoFeed for an unpriced asset", async () => {
      const { oracle, usdc } = await loadFixture(configuredFixture);
      await expect(oracle.removeFeed(usdc)).to.be.revertedWithCustomError(oracle, "OracleNoFeed").withArgs(usdc);
    });

    it("removeFeed: reverts for a stranger", async () => {
      const { oracle, stranger, weth } = await loadFixture(configuredFixture);
      await expect(oracle.connect(stranger).removeFeed(weth))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("decimals normalisation", () => {
    it("getAssetPrice: an 8-decimal feed is returned unchanged", async () => {
      const { oracle, weth } = await loadFixture(configuredFixture);
      expect(await oracle.getAssetPrice(weth)).to.equal(2000n * 10n ** 8n);
    });

    it("getAssetPrice: an 18-decimal feed is scaled down, rounding down", async () => {
      const { oracle, weth, feed18 } = await loadFixture(deployFixture);
      await oracle.setFeed(weth, await feed18.getAddress(), HOUR);
      expect(await oracle.getAssetPrice(weth)).to.equal(2001n * 10n ** 8n);
      await feed18.setAnswer(1_234_567_899_999_999_999n); // 1.234567899999999999 -> 1.23456789
      expect(await oracle.getAssetPrice(weth)).to.equal(123_456_789n);
    });

    it("getAssetPrice: a 6-decimal feed is scaled up", async () => {
      const { oracle, usdc, feed6 } = await loadFixture(deployFixture);
      await oracle.setFeed(usdc, await feed6.getAddress(), DAY);
      expect(await oracle.getAssetPrice(usdc)).to.equal(10n ** 8n);
      await feed6.setAnswer(999_987n);
      expect(await oracle.getAssetPrice(usdc)).to.equal(99_998_700n);
    });

    it("getAssetPrice: 0- and 36-decimal feeds are normalised", async () => {
      const { oracle, usdc, wbtc } = await loadFixture(deployFixture);
      const feed0 = await ethers.deployContract("MockAggregator", [0, 5n, "zero decimals"]);
      const feed36 = await ethers.deployContract("MockAggregator", [36, 65_000n * 10n ** 36n + 123n, "36"]);
      await oracle.setFeed(usdc, await feed0.getAddress(), HOUR);
      await oracle.setFeed(wbtc, await feed36.getAddress(), HOUR);
      expect(await oracle.getAssetPrice(usdc)).to.equal(5n * 10n ** 8n);
      expect(await oracle.getAssetPrice(wbtc)).to.equal(65_000n * 10n ** 8n);
    });

    it("getAssetPrice: an 18-decimal answer that rounds to zero reverts with OracleInvalidPrice", async () => {
      const { oracle, weth, feed18 } = await loadFixture(deployFixture);
      await oracle.setFeed(weth, await feed18.getAddress(), HOUR);
      await feed18.setAnswer(9_999_999_999n); // < 1e10: below 1e-8 USD
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(weth, 9_999_999_999n);
    });

    it("getAssetPrice: an answer that would overflow when scaled up reverts with OracleInvalidPrice", async () => {
      const { oracle, usdc } = await loadFixture(deployFixture);
      const huge = 2n ** 255n - 1n;
      const feed0 = await ethers.deployContract("MockAggregator", [0, huge, "absurd"]);
      await oracle.setFeed(usdc, await feed0.getAddress(), HOUR);
      await expect(oracle.getAssetPrice(usdc))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(usdc, huge);
    });
  });

  describe("validation of the primary feed (no fallback)", () => {
    async function primaryOnly() {
      const f = await deployFixture();
      await f.oracle.setFeed(f.weth, await f.feed8.getAddress(), HOUR);
      return f;
    }

    it("getAssetPrice: reverts with OracleNoFeed for an asset without a feed", async () => {
      const { oracle, usdc } = await loadFixture(primaryOnly);
      await expect(oracle.getAssetPrice(usdc)).to.be.revertedWithCustomError(oracle, "OracleNoFeed").withArgs(usdc);
    });

    it("getAssetPrice: reverts with OracleInvalidPrice for a zero answer", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      await feed8.setAnswer(0n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(weth, 0n);
    });

    it("getAssetPrice: reverts with OracleInvalidPrice for a negative answer", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      await feed8.setAnswer(-5n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(weth, -5n);
    });

    it("getAssetPrice: reverts with OracleInvalidTimestamp for updatedAt == 0", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      await setRound(feed8, { answer: 2000n * 10n ** 8n, updatedAt: 0 });
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidTimestamp")
        .withArgs(weth, 0);
    });

    it("getAssetPrice: reverts with OracleInvalidTimestamp for updatedAt in the future", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      const future = (await time.latest()) + 1000;
      await setRound(feed8, { answer: 2000n * 10n ** 8n, updatedAt: future });
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidTimestamp")
        .withArgs(weth, future);
    });

    it("getAssetPrice: reverts with OracleStalePrice once the answer is older than the heartbeat", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      const updatedAt = (await feed8.latestRoundData())[3];
      await time.increase(HOUR + 1);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleStalePrice")
        .withArgs(weth, updatedAt, HOUR);
      await feed8.setAnswer(2100n * 10n ** 8n);
      expect(await oracle.getAssetPrice(weth)).to.equal(2100n * 10n ** 8n);
    });

    it("getAssetPrice: an answer younger than the heartbeat is accepted, one just older is not", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      const now = await time.latest();
      await setRound(feed8, { answer: 7n * 10n ** 8n, updatedAt: now - HOUR + 2 });
      expect(await oracle.getAssetPrice(weth)).to.equal(7n * 10n ** 8n);
      await setRound(feed8, { answer: 7n * 10n ** 8n, updatedAt: now - HOUR - 1 });
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleStalePrice")
        .withArgs(weth, now - HOUR - 1, HOUR);
    });

    it("getAssetPrice: reverts with OracleIncompleteRound when answeredInRound < roundId", async () => {
      const { oracle, weth, feed8 } = await loadFixture(primaryOnly);
      await setRound(feed8, {
        roundId: 42n,
        answer: 2000n * 10n ** 8n,
        updatedAt: await time.latest(),
        answeredInRound: 41n,
      });
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleIncompleteRound")
        .withArgs(weth, 42n, 41n);
    });

    it("getAssetPrice: reverts with OracleFeedReverted for a reverting feed or malformed data", async () => {
      const { oracle, usdc } = await loadFixture(primaryOnly);
      const broken = await ethers.deployContract("MockBrokenAggregator", [8, 0]);
      await oracle.setFeed(usdc, await broken.getAddress(), HOUR);
      for (const mode of [0, 1, 2]) {
        await broken.setMode(mode);
        await expect(oracle.getAssetPrice(usdc))
          .to.be.revertedWithCustomError(oracle, "OracleFeedReverted")
          .withArgs(usdc);
      }
    });
    it("getAssetPrice: a round id wider than uint80 is an incomplete round, not a decoding revert", async () => {
      const { oracle, usdc, feed6 } = await loadFixture(primaryOnly);
      const dirty = await ethers.deployContract("MockBrokenAggregator", [8, 3]);
      await oracle.setFeed(usdc, await dirty.getAddress(), HOUR);
      await expect(oracle.getAssetPrice(usdc))
        .to.be.revertedWithCustomError(oracle, "OracleIncompleteRound")
        .withArgs(usdc, 2n ** 100n, 1n);
      // And so the fallback still gets its chance.
      await oracle.setFallbackFeed(usdc, await feed6.getAddress(), DAY);
      expect(await oracle.getAssetPrice(usdc)).to.equal(10n ** 8n);
    });
  });

  describe("fallback", () => {
    it("getPriceData: uses the primary while it is healthy", async () => {
      const { oracle, weth } = await loadFixture(configuredFixture);
      const [price, updatedAt, usedFallback] = await oracle.getPriceData(weth);
      expect(price).to.equal(2000n * 10n ** 8n);
      expect(updatedAt).to.be.greaterThan(0n);
      expect(usedFallback).to.equal(false);
    });

    it("getPriceData: falls back (normalised) when the primary is stale", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      await setRound(feed8, { answer: 2000n * 10n ** 8n, updatedAt: (await time.latest()) - 2 * HOUR });
      await feed18.setAnswer(1999_50n * 10n ** 16n); // 1999.50 with 18 decimals
      const fallbackUpdatedAt = await time.latest();
      expect(await oracle.getPriceData(weth)).to.deep.equal([1999_50n * 10n ** 6n, BigInt(fallbackUpdatedAt), true]);
      expect(await oracle.getAssetPrice(weth)).to.equal(1999_50n * 10n ** 6n);
    });

    it("getAssetPrice: falls back when the primary answers zero, negative or an incomplete round", async () => {
      const { oracle, weth, feed8 } = await loadFixture(configuredFixture);
      await feed8.setAnswer(0n);
      expect(await oracle.getAssetPrice(weth)).to.equal(2001n * 10n ** 8n);
      await feed8.setAnswer(-1n);
      expect(await oracle.getAssetPrice(weth)).to.equal(2001n * 10n ** 8n);
      await setRound(feed8, { roundId: 9n, answer: 1n, updatedAt: await time.latest(), answeredInRound: 8n });
      expect((await oracle.getPriceData(weth))[2]).to.equal(true);
    });

    it("getAssetPrice: falls back when the primary reverts", async () => {
      const { oracle, usdc, feed6 } = await loadFixture(deployFixture);
      const broken = await ethers.deployContract("MockBrokenAggregator", [8, 0]);
      await oracle.setFeed(usdc, await broken.getAddress(), HOUR);
      await oracle.setFallbackFeed(usdc, await feed6.getAddress(), DAY);
      expect(await oracle.getPriceData(usdc)).to.deep.equal([10n ** 8n, (await feed6.latestRoundData())[3], true]);
    });

    it("getAssetPrice: the fallback's own heartbeat applies", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      await oracle.setFallbackFeed(weth, await feed18.getAddress(), DAY);
      await time.increase(2 * HOUR); // primary (1 h) stale, fallback (1 day) fresh
      expect(await oracle.getPriceData(weth)).to.deep.equal([
        2001n * 10n ** 8n,
        (await feed18.latestRoundData())[3],
        true,
      ]);
      await feed8.setAnswer(2002n * 10n ** 8n); // primary healthy again
      expect((await oracle.getPriceData(weth))[2]).to.equal(false);
    });

    it("getAssetPrice: when both feeds fail, reverts with the primary's error", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      const updatedAt = (await feed8.latestRoundData())[3];
      await time.increase(HOUR + 10);
      // Primary: stale. Fallback: fresh but zero.
      await feed18.setAnswer(0n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleStalePrice")
        .withArgs(weth, updatedAt, HOUR);
      // Primary: negative. Fallback: stale after another two hours.
      await feed8.setAnswer(-3n);
      await time.increase(2 * HOUR);
      await feed8.setAnswer(-3n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleInvalidPrice")
        .withArgs(weth, -3n);
    });
  });

  describe("finding 11: decimals re-checked on every read, circuit-breaker bounds", () => {
    it("finding 11 (oracle caches decimals): a feed whose decimals() changed is a failure, the fallback prices the asset", async () => {
      const { oracle, weth, feed18 } = await loadFixture(deployFixture);
      // A Chainlink proxy at 8 decimals, $2,000. Its phase moves to an 18-decimal aggregator at the same $2,000:
      // with decimals cached at setFeed, the old code read 2000e18 as 8 decimals: $2e13 (a 10^10 overprice).
      const proxy = await ethers.deployContract("MockPhaseAggregator", [8, 2000n * 10n ** 8n]);
      await oracle.setFeed(weth, await proxy.getAddress(), HOUR);
      expect(await oracle.getAssetPrice(weth)).to.equal(2000n * 10n ** 8n);
      await proxy.setPhase(18, 2000n * 10n ** 18n);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleFeedDecimalsChanged")
        .withArgs(weth, 8, 18);
      await oracle.setFallbackFeed(weth, await feed18.getAddress(), HOUR);
      const [price, , usedFallback] = await oracle.getPriceData(weth);
      expect([price, usedFallback]).to.deep.equal([2001n * 10n ** 8n, true]);
      // Re-setting the feed caches the new decimals: the primary prices again, correctly scaled.
      await oracle.setFeed(weth, await proxy.getAddress(), HOUR);
      expect((await oracle.getPriceData(weth))[0]).to.equal(2000n * 10n ** 8n);
      expect((await oracle.getPriceData(weth))[2]).to.equal(false);
    });

    it("finding 11: a feed whose decimals() reverts is a failure (OracleFeedReverted), not a revert that skips the fallback", async () => {
      const { oracle, weth } = await loadFixture(deployFixture);
      const proxy = await ethers.deployContract("MockPhaseAggregator", [8, 2000n * 10n ** 8n]);
      await oracle.setFeed(weth, await proxy.getAddress(), HOUR);
      await proxy.setDecimals(37); // still answers decimals(); the check is equality with the cached value
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleFeedDecimalsChanged")
        .withArgs(weth, 8, 37);
    });

    it("finding 11 (no circuit-breaker detection): an answer at or outside the feed's bounds is a failure, fallback used, else a named revert", async () => {
      const { oracle, weth, feed8, feed18 } = await loadFixture(configuredFixture);
      // LUNA / Venus: the aggregator clamps at its minAnswer while the market trades far below; the stuck answer
      // must not price collateral. Bounds (in the feed's 8 decimals): ($100, $100,000) exclusive.
      const [lo, hi] = [100n * 10n ** 8n, 100_000n * 10n ** 8n];
      await expect(oracle.setFeedBounds(weth, false, lo, hi))
        .to.emit(oracle, "FeedBoundsSet")
        .withArgs(weth, false, 0, 0, lo, hi);
      expect((await oracle.getFeed(weth)).hasBounds).to.equal(true);
      expect(await oracle.getFeedBounds(weth, false)).to.deep.equal([lo, hi]);
      expect((await oracle.getPriceData(weth))[2]).to.equal(false); // $2,000 is inside
      for (const stuck of [lo, lo - 1n, hi, hi + 1n]) {
        await feed8.setAnswer(stuck);
        const [price, , usedFallback] = await oracle.getPriceData(weth);
        expect([price, usedFallback]).to.deep.equal([2001n * 10n ** 8n, true]);
      }
      // The fallback has bounds of its own (18 decimals) and is out of them too: the primary's error, with the values.
      await oracle.setFeedBounds(weth, true, 3000n * 10n ** 18n, 4000n * 10n ** 18n);
      await feed8.setAnswer(lo);
      await expect(oracle.getAssetPrice(weth))
        .to.be.revertedWithCustomError(oracle, "OracleAnswerOutOfBounds")
        .withArgs(weth, lo, lo, hi);
      expect(await feed18.getAddress()).to.equal((await oracle.getFallbackFeed(weth)).feed);
      // Just inside the bounds prices normally.
      await feed8.setAnswer(lo + 1n);
      expect(await oracle.getAssetPrice(weth)).to.equal(lo + 1n);
    });

    it("setFeedBounds: (0, 0) clears; a new feed clears its bounds, the same feed keeps them; stranger and bad bounds refused", async () => {
      const { oracle, weth, usdc, feed8, feed6, stranger } = await loadFixture(configuredFixture);
      await oracle.setFeedBounds(weth, false, 1n, 10n ** 12n);
      await oracle.setFeed(weth, await feed8.getAddress(), 2 * HOUR); // same feed, new heartbeat
      expect(await oracle.getFeedBounds(weth, false)).to.deep.equal([1n, 10n ** 12n]);
      expect((await oracle.getFeed(weth)).hasBounds).to.equal(true);
      await expect(oracle.setFeed(weth, await feed6.getAddress(), HOUR))
        .to.emit(oracle, "FeedBoundsSet")
        .withArgs(weth, false, 1n, 10n ** 12n, 0, 0);
      expect(await oracle.getFeedBounds(weth, false)).to.deep.equal([0n, 0n]);
      expect((await oracle.getFeed(weth)).hasBounds).to.equal(false);
      await oracle.setFeedBounds(weth, true, 1n, 2n);
      await expect(oracle.setFeedBounds(weth, true, 0, 0))
        .to.emit(oracle, "FeedBoundsSet")
        .withArgs(weth, true, 1n, 2n, 0, 0);
      expect((await oracle.getFallbackFeed(weth)).hasBounds).to.equal(false);
      for (const [lo, hi] of [
        [5n, 5n],
        [6n, 5n],
        [-1n, 5n],
        [0n, 2n ** 127n],
        [0n, 0n - 1n],
      ]) {
        await expect(oracle.setFeedBounds(weth, false, lo, hi))
          .to.be.revertedWithCustomError(oracle, "OracleInvalidBounds")
          .withArgs(lo, hi);
      }
      await expect(oracle.setFeedBounds(usdc, false, 1n, 2n))
        .to.be.revertedWithCustomError(oracle, "OracleNoFeed")
        .withArgs(usdc);
      await oracle.removeFallbackFeed(weth);
      await expect(oracle.setFeedBounds(weth, true, 1n, 2n))
        .to.be.revertedWithCustomError(oracle, "OracleNoFeed")
        .withArgs(weth);
      await expect(oracle.connect(stranger).setFeedBounds(weth, false, 1n, 2n))
        .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("stateDigest: covers the authority, every feed and its bounds", async () => {
      const { oracle, weth } = await loadFixture(configuredFixture);
      const before = await oracle.stateDigest();
      await oracle.setFeedBounds(weth, true, 1n, 10n ** 30n);
      const withFallbackBounds = await oracle.stateDigest();
      expect(withFallbackBounds).to.not.equal(before);
      await oracle.setFeedBounds(weth, false, 1n, 10n ** 12n);
      expect(await oracle.stateDigest()).to.not.equal(withFallbackBounds);
      await oracle.setFeedBounds(weth, false, 0n, 0n);
      expect(await oracle.stateDigest()).to.equal(withFallbackBounds);
    });
  });

  describe("getAssetsPrices", () => {
    it("getAssetsPrices: returns each asset's price in order", async () => {
      const { oracle, weth, usdc, wbtc, feed6, feed18 } = await loadFixture(configuredFixture);
      await oracle.setFeed(usdc, await feed6.getAddress(), DAY);
      await oracle.setFeed(wbtc, await feed18.getAddress(), DAY);
      expect(await oracle.getAssetsPrices([usdc, weth, wbtc])).to.deep.equal([
        10n ** 8n,
        2000n * 10n ** 8n,
        2001n * 10n ** 8n,
      ]);
      expect(await oracle.getAssetsPrices([])).to.deep.equal([]);
    });

    it("getAssetsPrices: reverts when any asset has no valid price", async () => {
      const { oracle, weth, usdc } = await loadFixture(configuredFixture);
      await expect(oracle.getAssetsPrices([weth, usdc]))
        .to.be.revertedWithCustomError(oracle, "OracleNoFeed")
        .withArgs(usdc);
    });

    it("getAssetsPrices: reads one packed config slot and one feed per healthy asset (gas budget)", async () => {
      const { oracle, weth } = await loadFixture(configuredFixture);
      const one = await oracle.getAssetsPrices.estimateGas([weth]);
      const two = await oracle.getAssetsPrices.estimateGas([weth, weth]);
      // One extra asset: one cold-ish SLOAD (warm here), one external call to a feed and the checks.
      expect(two - one).to.be.lessThan(12_000n);
    });
  });

  describe("upgradeToAndCall", () => {
    it("upgradeToAndCall: the upgrader upgrades and the feeds survive", async () => {
      const { oracle, oracleAddress, upgrader, weth } = await loadFixture(configuredFixture);
      const v2Factory = await ethers.getContractFactory("KeelOracleV2Mock", upgrader);
      const upgraded = await upgradesApi.upgradeProxy(oracleAddress, v2Factory, { kind: "uups" });
      expect(await upgraded.getFunction("version")()).to.equal("2.0.0");
      expect(await oracle.getAssetPrice(weth)).to.equal(2000n * 10n ** 8n);
    });

    it("upgradeToAndCall: reverts for a stranger and for the risk admin", async () => {
      const { oracle, oracleAddress, riskAdmin, stranger } = await loadFixture(deployFixture);
      const v2Factory = await ethers.getContractFactory("KeelOracleV2Mock");
      const impl = (await upgradesApi.prepareUpgrade(oracleAddress, v2Factory, { kind: "uups" })) as string;
      for (const caller of [stranger, riskAdmin]) {
        await expect(oracle.connect(caller).upgradeToAndCall(impl, "0x"))
          .to.be.revertedWithCustomError(oracle, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });
});
