import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import { Flags, ModuleIds, linkedPoolFactory } from "../../deploy/keel.js";
import { FunctionRoles, Roles } from "../../deploy/roles.js";
import { selectorOf } from "../../deploy/tiers.js";
import type {
  KToken,
  KeelOracle,
  KeelTreasury,
  KinkedRateModel,
  MockAggregator,
  MockERC20,
  ModuleRegistry,
  Pool,
} from "../../types/ethers-contracts/index.js";
import type { UpgradesApi } from "./access.js";

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

export { linkedPoolFactory };

interface RoleTarget {
  setTargetFunctionRole(target: string, selectors: string[], role: bigint): Promise<unknown>;
}

/** Grants the function roles of `FunctionRoles[name]` on `target`. */
export async function mapRoles(manager: RoleTarget, name: string, target: string, ethers: HardhatEthers) {
  const byRole = new Map<bigint, string[]>();
  for (const [sig, role] of Object.entries(FunctionRoles[name] ?? {})) {
    const sel = selectorOf(sig);
    byRole.set(role, [...(byRole.get(role) ?? []), sel]);
  }
  for (const [role, sels] of byRole) await manager.setTargetFunctionRole(target, sels, role);
}

export type Signers = Record<
  "deployer" | "alice" | "bob" | "carol" | "dave" | "liquidator" | "guardian" | "risk" | "stranger" | "treasurer",
  HardhatEthersSigner
>;

export async function signers(ethers: HardhatEthers): Promise<Signers> {
  const [deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasurer] = await ethers.getSigners();
  return { deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasurer };
}

export type { UpgradesApi };

/** The real modules every pool fixture stands on: registry, KeelOracle, KinkedRateModel and KeelTreasury. */
export interface CoreModules {
  registry: ModuleRegistry;
  oracle: KeelOracle;
  rates: KinkedRateModel;
  treasury: KeelTreasury;
  treasuryAddress: string;
  pool: Pool;
  poolAddress: string;
}

/**
 * Deploys the registry, oracle, rate model (default parameters `defaultRates`), pool and treasury behind UUPS
 * proxies (validated by the upgrades plugin), wired as deploy/keel.ts wires them: oracle and rate model registered
 * before the pool's `initialize`, then the pool subscribed and the treasury registered (pushed to the pool's cache).
 * Function roles come from deploy/roles.ts; granting roles is left to the caller.
 */
export async function deployCoreModules(
  ethers: HardhatEthers,
  upgradesApi: UpgradesApi,
  manager: RoleTarget & { getAddress(): Promise<string> },
  defaultRates: ReturnType<typeof flatRate>,
): Promise<CoreModules> {
  const uups = { kind: "uups" as const, initializer: "initialize" };
  const authority = await manager.getAddress();
  const proxy = async (name: string, args: unknown[]) => {
    const c = await upgradesApi.deployProxy(await ethers.getContractFactory(name), args, uups);
    await c.waitForDeployment();
    return c.getAddress();
  };
  const registry: ModuleRegistry = await ethers.getContractAt("ModuleRegistry", await proxy("ModuleRegistry", [authority]));
  const oracle: KeelOracle = await ethers.getContractAt("KeelOracle", await proxy("KeelOracle", [authority]));
  const rates: KinkedRateModel = await ethers.getContractAt(
    "KinkedRateModel",
    await proxy("KinkedRateModel", [authority, defaultRates]),
  );
  await registry.setModule(ModuleIds.ORACLE, await oracle.getAddress());
  await registry.setModule(ModuleIds.RATE_MODEL, await rates.getAddress());

  const poolProxy = await upgradesApi.deployProxy(await linkedPoolFactory(ethers), [authority, await registry.getAddress()], {
    ...uups,
    unsafeAllow: ["external-library-linking"],
  });
  const poolAddress = await poolProxy.getAddress();
  const pool: Pool = await ethers.getContractAt("Pool", poolAddress);
  const treasuryAddress = await proxy("KeelTreasury", [authority, poolAddress]);
  const treasury: KeelTreasury = await ethers.getContractAt("KeelTreasury", treasuryAddress);
  await registry.setConsumer(poolAddress, true);
  await registry.setModule(ModuleIds.TREASURY, treasuryAddress);

  await mapRoles(manager, "Pool", poolAddress, ethers);
  await mapRoles(manager, "KeelOracle", await oracle.getAddress(), ethers);
  await mapRoles(manager, "KinkedRateModel", await rates.getAddress(), ethers);
  await mapRoles(manager, "KeelTreasury", treasuryAddress, ethers);
  await mapRoles(manager, "ModuleRegistry", await registry.getAddress(), ethers);
  return { registry, oracle, rates, treasury, treasuryAddress, pool, poolAddress };
}

/** Re-publishes every feed's current answer, timestamped now (call after a time jump longer than HEARTBEAT). */
export async function refreshFeedList(feeds: MockAggregator[]): Promise<void> {
  for (const feed of feeds) {
    const [, answer] = await feed.latestRoundData();
    await feed.setAnswer(answer);
  }
}

/**
 * The pool behind a UUPS proxy with three listed reserves (USDC 6 decimals, WBTC 8, WETH 18), each seeded with
 * `SEED` units, on Keel's real modules: ModuleRegistry, KeelOracle over MockAggregator feeds (8 decimals, `Prices`,
 * heartbeat `HEARTBEAT`), KinkedRateModel at a flat 10% a year (`RATE_10_PCT` per second) and KeelTreasury, all
 * behind UUPS proxies, gated by an OZ AccessManager (deployer = admin, guardian = GUARDIAN, risk = RISK_ADMIN,
 * treasurer = TREASURY_MANAGER).
 * alice, bob, carol, dave and liquidator hold 1M USDC, 100 WBTC and 1000 WETH each, approved to the pool.
 * Price changes: `usdcFeed/wbtcFeed/wethFeed.setAnswer(price)`; after a time jump: `refreshFeeds()`.
 */
export async function deployPoolFixture(ethers: HardhatEthers, upgradesApi: UpgradesApi) {
  const s = await signers(ethers);
  const manager = await ethers.deployContract("AccessManager", [s.deployer.address]);
  const core = await deployCoreModules(ethers, upgradesApi, manager, flatRate(1000));
  const { pool, poolAddress, oracle } = core;
  await manager.grantRole(Roles.GUARDIAN, s.guardian.address, 0);
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);
  await manager.grantRole(Roles.RISK_ADMIN, s.deployer.address, 0);
  await manager.grantRole(Roles.TREASURY_MANAGER, s.treasurer.address, 0);

  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const wbtc = await ethers.deployContract("MockERC20", ["Wrapped Bitcoin", "WBTC", 8]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const kTokens: KToken[] = [];
  const feeds: MockAggregator[] = [];
  const listed: [MockERC20, string, bigint][] = [
    [usdc, "USDC", Prices.USDC],
    [wbtc, "WBTC", Prices.WBTC],
    [weth, "WETH", Prices.WETH],
  ];
  for (const [t, sym, price] of listed) {
    const asset = await t.getAddress();
    const feed = await ethers.deployContract("MockAggregator", [8, price, `${sym} / USD`]);
    await oracle.setFeed(asset, await feed.getAddress(), HEARTBEAT);
    feeds.push(feed);
    const kt = await ethers.deployContract("KToken", [poolAddress, asset, await t.decimals(), `Keel ${sym}`, `k${sym}`]);
    kTokens.push(kt);
    await t.mint(s.deployer.address, 10n ** 30n);
    await t.approve(poolAddress, MaxUint256);
    await pool.initReserve(asset, await kt.getAddress(), ethers.ZeroAddress, reserveConfig(), SEED);
  }
  await manager.revokeRole(Roles.RISK_ADMIN, s.deployer.address);
  for (const u of [s.alice, s.bob, s.carol, s.dave, s.liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await wbtc.mint(u.address, parseUnits("100", 8));
    await weth.mint(u.address, parseUnits("1000", 18));
    for (const t of [usdc, wbtc, weth]) await t.connect(u).approve(poolAddress, MaxUint256);
  }
  const [kUsdc, kWbtc, kWeth] = kTokens;
  const [usdcFeed, wbtcFeed, wethFeed] = feeds;
  const U = await usdc.getAddress();
  const B = await wbtc.getAddress();
  const W = await weth.getAddress();
  const feedOf = new Map<string, (typeof feeds)[number]>([[U, usdcFeed], [B, wbtcFeed], [W, wethFeed]]);
  return {
    ...s,
    ...core,
    manager,
    usdc,
    wbtc,
    weth,
    kUsdc,
    kWbtc,
    kWeth,
    usdcFeed,
    wbtcFeed,
    wethFeed,
    /** Sets the rate model's default parameters to a flat `bps` a year (as the risk admin). */
    setFlatRate: async (bps: number) => {
      await core.rates.connect(s.risk).setDefaultRateParams(flatRate(bps));
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
      const current = (await core.oracle.getFeed(asset)).feed;
      if (current !== ethers.ZeroAddress) {
        await (await ethers.getContractAt("MockAggregator", current)).setAnswer(price);
        return;
      }
      const feed = await ethers.deployContract("MockAggregator", [8, price, "test / USD"]);
      await core.oracle.connect(s.risk).setFeed(asset, await feed.getAddress(), HEARTBEAT);
    },
    U,
    B,
    W,
  };
}

export type PoolFixture = Awaited<ReturnType<typeof deployPoolFixture>>;

export { encodeBytes32String, parseUnits, Roles };
