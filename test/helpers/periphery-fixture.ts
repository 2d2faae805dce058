// A complete in-process Keel market for the periphery tests and the flash-loan safety suite: the pool and Keel's real
// modules (ModuleRegistry, KeelOracle over MockAggregator feeds, KinkedRateModel, KeelTreasury; all UUPS proxies
// deployed by the upgrades plugin, gated by an OZ AccessManager), USDC (6 decimals) and WETH (18) reserves at $1 and
// $2000, one MockAmm USDC/WETH pool at the same price behind an AmmSwapAdapter, and funded users.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, parseUnits } from "ethers";
import type {
  AccessManager,
  AmmSwapAdapter,
  KToken,
  KeelOracle,
  KeelTreasury,
  KinkedRateModel,
  MockAggregator,
  MockAmm,
  MockERC20,
  ModuleRegistry,
  Pool,
} from "../../types/ethers-contracts/index.js";
import type { UpgradesApi } from "./access.js";
import { HEARTBEAT, deployCoreModules, flatRate, refreshFeedList, reserveConfig, Roles } from "./pool-fixture.js";

/** Liquidity the LP supplies to the pool and puts in the AMM, per asset. */
export const POOL_USDC = parseUnits("2000000", 6);
export const POOL_WETH = parseUnits("1000", 18);
export const AMM_USDC = parseUnits("2000000", 6);
export const AMM_WETH = parseUnits("1000", 18);
/** Each user's starting wallet. */
export const USER_USDC = parseUnits("50000", 6);
export const USER_WETH = parseUnits("10", 18);
/** Listing seed per reserve (locked for good at index 1). */
export const SEED = 10000n;
export const BPS = 10_000n;

export interface KeelMarket {
  deployer: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  liquidator: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  /** Holds TREASURY_MANAGER: may move the treasury's funds. */
  treasurer: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  manager: AccessManager;
  registry: ModuleRegistry;
  pool: Pool;
  oracle: KeelOracle;
  rates: KinkedRateModel;
  treasury: KeelTreasury;
  treasuryAddress: string;
  usdcFeed: MockAggregator;
  wethFeed: MockAggregator;
  /** Re-publishes both feeds' answers now (after a time jump longer than HEARTBEAT). */
  refreshFeeds: () => Promise<void>;
  usdc: MockERC20;
  weth: MockERC20;
  kUsdc: KToken;
  kWeth: KToken;
  amm: MockAmm;
  adapter: AmmSwapAdapter;
}

/**
 * Deploys the market. `rateBps` is every reserve's flat annual borrow rate (KinkedRateModel default parameters); 0
 * keeps debts constant so numbers can be checked to the wei across blocks.
 */
export async function deployKeelMarket(ethers: HardhatEthers, upgradesApi: UpgradesApi, rateBps = 0): Promise<KeelMarket> {
  const [deployer, alice, bob, liquidator, guardian, treasurer, stranger] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [deployer.address]);
  const core = await deployCoreModules(ethers, upgradesApi, manager, flatRate(rateBps));
  const { pool, poolAddress: poolAddr, oracle } = core;
  await manager.grantRole(Roles.GUARDIAN, guardian.address, 0);
  await manager.grantRole(Roles.TREASURY_MANAGER, treasurer.address, 0);
  await manager.grantRole(Roles.RISK_ADMIN, deployer.address, 0); // to set the feeds below

  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const usdcFeed = await ethers.deployContract("MockAggregator", [8, 1n * 10n ** 8n, "USDC / USD"]);
  const wethFeed = await ethers.deployContract("MockAggregator", [8, 2000n * 10n ** 8n, "WETH / USD"]);
  await oracle.setFeed(await usdc.getAddress(), await usdcFeed.getAddress(), HEARTBEAT);
  await oracle.setFeed(await weth.getAddress(), await wethFeed.getAddress(), HEARTBEAT);
  const kTokens: KToken[] = [];
  for (const [t, sym] of [[usdc, "USDC"], [weth, "WETH"]] as const) {
    const kt = await ethers.deployContract("KToken", [poolAddr, await t.getAddress(), await t.decimals(), `Keel ${sym}`, `k${sym}`]);
    await t.mint(deployer.address, 10n ** 30n);
    await t.approve(poolAddr, MaxUint256);
    await pool.initReserve(await t.getAddress(), await kt.getAddress(), ethers.ZeroAddress, reserveConfig(), SEED);
    kTokens.push(kt);
  }
  await manager.revokeRole(Roles.RISK_ADMIN, deployer.address);
  await pool.supply(await usdc.getAddress(), POOL_USDC, deployer.address, 0);
  await pool.supply(await weth.getAddress(), POOL_WETH, deployer.address, 0);

  const amm = await ethers.deployContract("MockAmm", [await usdc.getAddress(), await weth.getAddress()]);
  await usdc.approve(await amm.getAddress(), MaxUint256);
  await weth.approve(await amm.getAddress(), MaxUint256);
  await amm.addLiquidity(AMM_USDC, AMM_WETH);
  const adapter = await ethers.deployContract("AmmSwapAdapter", [deployer.address]);
  await adapter.setPair(await usdc.getAddress(), await weth.getAddress(), await amm.getAddress());

  for (const u of [alice, bob, liquidator]) {
    await usdc.mint(u.address, USER_USDC);
    await weth.mint(u.address, USER_WETH);
  }
  return {
    deployer, alice, bob, liquidator, guardian, treasurer, stranger, manager, ...core, usdc, weth,
    kUsdc: kTokens[0], kWeth: kTokens[1], amm, adapter, usdcFeed, wethFeed,
    refreshFeeds: () => refreshFeedList([usdcFeed, wethFeed]),
  };
}

/** Flash-loan premium as the pool computes it: ceil(amount * premiumBps / 10_000). */
export function premiumOf(amount: bigint, premiumBps: bigint): bigint {
  return (amount * premiumBps + BPS - 1n) / BPS;
}

/** Uniswap V2 exact-in output (MockAmm rounding: down). */
export function ammOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
}

/** Uniswap V2 exact-out input (MockAmm rounding: up). */
export function ammIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const num = reserveIn * amountOut * 1000n;
  const den = (reserveOut - amountOut) * 997n;
  return (num + den - 1n) / den;
}
