// The test system of the pool, attack and integration suites: Keel as the one deployer (`deployKeel`) builds it, with
// the test configuration `testConfig` (see `deployTestSystem`), plus the signers' roles and funded users. There is no
// second assembly: a test that needs another shape passes other options to `testConfig`.
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, ZeroAddress, encodeBytes32String, formatUnits, parseUnits } from "ethers";
import { Flags, HUB_UNLIMITED, type KeelSystem, deployKeel } from "../../deploy/keel.js";
import { type NetworkConfig, type ReserveSpec, devGovernance } from "../../deploy/config.js";
import { Roles } from "../../deploy/roles.js";
import type { MockAggregator } from "../../types/ethers-contracts/index.js";

export const RAY = 10n ** 27n;
export const WAD = 10n ** 18n;
export const SECONDS_PER_YEAR = 31_536_000n;
/** KinkedRateModel parameters of a flat rate: `bps` a year at any utilisation (slopes 0, kink at 80%). */
export function flatRate(bps: number) {
  return { baseRateBps: bps, slope1Bps: 0, slope2Bps: 0, optimalUtilizationBps: 8000 };
}
/** Per-second rate (RAY) KinkedRateModel returns for an annual rate of `bps`: ceil(annual / 365 days). */
export function ratePerSecondOf(bps: bigint): bigint {
  const annual = (bps * RAY) / 10_000n;
  return (annual + SECONDS_PER_YEAR - 1n) / SECONDS_PER_YEAR;
}
/** Per-second borrow rate of the fixture's rate model (flat 10% a year, KinkedRateModel rounds up). */
export const RATE_10_PCT = ratePerSecondOf(1000n);
/** Heartbeat of the fixture's price feeds (seconds): after a longer time jump, call `refreshFeeds()`. */
export const HEARTBEAT = 86_400;
/** Seed supplied at listing for every reserve (asset units), held by DEAD for good. */
export const SEED = 10_000n;
export const DEAD = "0x000000000000000000000000000000000000dEaD";
/** Reserve flag bits: the one definition is deploy/keel.ts (checked against ReserveFlags by test/conventions). */
export { Flags };
/** Oracle prices of the fixture, base currency with 8 decimals. */
export const Prices = { USDC: 1n * 10n ** 8n, WBTC: 60_000n * 10n ** 8n, WETH: 2_000n * 10n ** 8n } as const;

export interface ReserveConfig {
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  reserveFactor: number;
  liquidationProtocolFee: number;
  decimals: number;
  id: number;
  flags: number;
  supplyCap: bigint;
  borrowCap: bigint;
  liquidationGraceUntil: bigint;
}

export function reserveConfig(over: Partial<ReserveConfig> = {}): ReserveConfig {
  return {
    ltv: 8000,
    liquidationThreshold: 8500,
    liquidationBonus: 10500,
    reserveFactor: 1000,
    liquidationProtocolFee: 1000,
    decimals: 0,
    id: 0,
    flags: Flags.BORROWING | Flags.COLLATERAL | Flags.FLASH_LOANS,
    supplyCap: 0n,
    borrowCap: 0n,
    liquidationGraceUntil: 0n,
    ...over,
  };
}

export type Signers = Record<
  "deployer" | "alice" | "bob" | "carol" | "dave" | "liquidator" | "guardian" | "risk" | "stranger" | "treasurer",
  HardhatEthersSigner
>;

export async function signers(ethers: HardhatEthers): Promise<Signers> {
  const [deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasurer] =
    await ethers.getSigners();
  return { deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasurer };
}

/** The test reserves: mock token, feed at `Prices`, every one with the risk parameters of `reserveConfig()`. */
const TEST_RESERVES = {
  USDC: { name: "USD Coin", decimals: 6, mockPrice: 1 },
  WBTC: { name: "Wrapped Bitcoin", decimals: 8, mockPrice: 60_000 },
  WETH: { name: "Wrapped Ether", decimals: 18, mockPrice: 2_000 },
} as const;

/**
 * The deployer's configuration of the test system (a development network: mock tokens and MockAggregator feeds):
 * `symbols` listed in that order, each with the risk parameters of `reserveConfig()` (no caps), seeded with `SEED`
 * units, price feeds at `Prices` with heartbeat `HEARTBEAT`, no per-reserve rate curve (every reserve follows the
 * rate model's default, a flat `rateBps` a year), the pool's default flash premium (5 bps, 10% to the protocol), the
 * dev governance settings and the whole KEEL supply to the timelock. (The Solidity suite's fixture,
 * test/invariant/utils/PoolFixture.sol, mirrors the deployer on the dev reserves of deploy/config.ts instead.)
 */
export function testConfig(
  opts: { symbols?: readonly (keyof typeof TEST_RESERVES)[]; rateBps?: number } = {},
): NetworkConfig {
  const c = reserveConfig();
  const reserves: ReserveSpec[] = (opts.symbols ?? ["USDC", "WBTC", "WETH"]).map((symbol) => {
    const r = TEST_RESERVES[symbol];
    return {
      symbol,
      name: r.name,
      decimals: r.decimals,
      mockPrice: r.mockPrice,
      heartbeat: HEARTBEAT,
      ltv: c.ltv,
      liquidationThreshold: c.liquidationThreshold,
      liquidationBonus: c.liquidationBonus,
      reserveFactor: c.reserveFactor,
      liquidationProtocolFee: c.liquidationProtocolFee,
      supplyCap: Number(c.supplyCap),
      borrowCap: Number(c.borrowCap),
      borrowing: (c.flags & Flags.BORROWING) !== 0,
      collateral: (c.flags & Flags.COLLATERAL) !== 0,
      flashLoans: (c.flags & Flags.FLASH_LOANS) !== 0,
      seed: formatUnits(SEED, r.decimals),
    };
  });
  return {
    dev: true,
    reserves,
    governance: devGovernance,
    flashPremiumBps: 5,
    flashPremiumToProtocolBps: 1000,
    defaultRates: flatRate(opts.rateBps ?? 1000),
  };
}

/** Deploys the test system with the one deployer: `deployKeel` on `config`, records in memory only, the admin
 *  kept by the deployer (no hand-over to the timelock, so tests can list reserves and unpause), `guardian` as the
 *  guardian. */
export function deployTestKeel(
  connection: NetworkConnection,
  config: NetworkConfig,
  guardian: string,
): Promise<KeelSystem> {
  return deployKeel(hre, connection, { networkName: "test", recordDir: null, config, handOver: false, guardian });
}

/** Re-publishes every feed's current answer, timestamped now (call after a time jump longer than HEARTBEAT). */
export async function refreshFeedList(feeds: MockAggregator[]): Promise<void> {
  for (const feed of feeds) {
    const [, answer] = await feed.latestRoundData();
    await feed.setAnswer(answer);
  }
}

/**
 * Keel from the one deployer (`deployKeel` on `testConfig()`): the pool behind its UUPS proxy with three listed
 * reserves (USDC 6 decimals, WBTC 8, WETH 18), each seeded with `SEED` units, on Keel's real modules:
 * KeelAccessManager, ModuleRegistry, KeelOracle over MockAggregator feeds (8 decimals, `Prices`, heartbeat
 * `HEARTBEAT`), KinkedRateModel at a flat 10% a year (`RATE_10_PCT` per second), KeelTreasury, KeelFlashLender and
 * the rest of the system (periphery, governance), the admin kept by the deployer. Roles: deployer = admin,
 * guardian = GUARDIAN, risk = RISK_ADMIN, treasurer = TREASURY_MANAGER (the deployer gives up the RISK_ADMIN it
 * configured with). The deployer holds 1e30 units of every token, approved to the pool; alice, bob, carol, dave and
 * liquidator hold 1M USDC, 100 WBTC and 1000 WETH each, approved to the pool.
 * Price changes: `usdcFeed/wbtcFeed/wethFeed.setAnswer(price)`; after a time jump: `refreshFeeds()`.
 */
export async function deployTestSystem(connection: NetworkConnection) {
  const { ethers } = connection;
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, testConfig(), s.guardian.address);
  const at = system.address;
  const manager = await ethers.getContractAt("KeelAccessManager", at("AccessManager"));
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);
  await manager.grantRole(Roles.TREASURY_MANAGER, s.treasurer.address, 0);
  await manager.revokeRole(Roles.RISK_ADMIN, s.deployer.address);
  const pool = await ethers.getContractAt("Pool", at("Pool"));
  const hub = await ethers.getContractAt("LiquidityHub", at("LiquidityHub"));
  const poolAddress = at("Pool");
  const oracle = await ethers.getContractAt("KeelOracle", at("Oracle"));
  const rates = await ethers.getContractAt("KinkedRateModel", at("RateModel"));
  const treasuryAddress = at("Treasury");
  const { USDC, WBTC, WETH } = system.reserves;
  const [usdc, wbtc, weth] = await Promise.all(
    [USDC, WBTC, WETH].map((r) => ethers.getContractAt("MockERC20", r.asset)),
  );
  const [kUsdc, kWbtc, kWeth] = await Promise.all(
    [USDC, WBTC, WETH].map((r) => ethers.getContractAt("KToken", r.kToken)),
  );
  const [usdcFeed, wbtcFeed, wethFeed] = await Promise.all(
    [USDC, WBTC, WETH].map((r) => ethers.getContractAt("MockAggregator", r.feed)),
  );
  for (const t of [usdc, wbtc, weth]) {
    await t.mint(s.deployer.address, 10n ** 30n);
    await t.approve(poolAddress, MaxUint256);
  }
  for (const u of [s.alice, s.bob, s.carol, s.dave, s.liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await wbtc.mint(u.address, parseUnits("100", 8));
    await weth.mint(u.address, parseUnits("1000", 18));
    for (const t of [usdc, wbtc, weth]) await t.connect(u).approve(poolAddress, MaxUint256);
  }
  const [U, B, W] = [USDC.asset, WBTC.asset, WETH.asset];
  const feedOf = new Map<string, MockAggregator>([
    [U, usdcFeed],
    [B, wbtcFeed],
    [W, wethFeed],
  ]);
  return {
    ...s,
    system,
    manager,
    registry: await ethers.getContractAt("ModuleRegistry", at("ModuleRegistry")),
    oracle,
    rates,
    treasury: await ethers.getContractAt("KeelTreasury", treasuryAddress),
    treasuryAddress,
    lender: await ethers.getContractAt("KeelFlashLender", at("FlashLender")),
    hub,
    /** The hub holds every token (the pool holds none). */
    hubAddress: await hub.getAddress(),
    /** Lists `asset` in the hub (default rate model, reserve factor `reserveFactor` bps) with unlimited caps for the
     *  core spoke, as governance does before the spoke's `initReserve` (the deployer keeps ADMIN in tests). */
    listInHub: async (asset: string, reserveFactor = 1000) => {
      if (((await hub.getAsset(asset)).flags & 1n) !== 0n) return; // listed already
      await hub.connect(s.deployer).listAsset(asset, ZeroAddress, reserveFactor, 5);
      await hub.connect(s.deployer).setSpokeCaps(await pool.getAddress(), asset, HUB_UNLIMITED, HUB_UNLIMITED);
    },
    pool,
    poolAddress,
    usdc,
    wbtc,
    weth,
    kUsdc,
    kWbtc,
    kWeth,
    usdcFeed,
    wbtcFeed,
    wethFeed,
    /** Sets the rate model's default parameters (every test reserve's curve) to a flat `bps` a year, as the risk
     *  admin. */
    setFlatRate: async (bps: number) => {
      await rates.connect(s.risk).setDefaultRateParams(flatRate(bps));
    },
    /** Re-publishes every feed's answer now, so prices are fresh again after a time jump. */
    refreshFeeds: () => refreshFeedList([...feedOf.values()]),
    /** Publishes `price` (8 decimals) for `asset` on its feed; for an asset without one, deploys a MockAggregator
     *  and registers it in the oracle as the risk admin. */
    setPrice: async (asset: string, price: bigint) => {
      const known = feedOf.get(asset);
      if (known !== undefined) {
        await known.setAnswer(price);
        return;
      }
      // Look the feed up on chain (not in a JS cache: loadFixture reverts the chain, not this closure).
      const current = (await oracle.getFeed(asset)).feed;
      if (current !== ethers.ZeroAddress) {
        await (await ethers.getContractAt("MockAggregator", current)).setAnswer(price);
        return;
      }
      const feed = await ethers.deployContract("MockAggregator", [8, price, "test / USD"]);
      await oracle.connect(s.risk).setFeed(asset, await feed.getAddress(), HEARTBEAT);
    },
    U,
    B,
    W,
  };
}

export type TestSystem = Awaited<ReturnType<typeof deployTestSystem>>;

export { encodeBytes32String, parseUnits, Roles };
