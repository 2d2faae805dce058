// A complete in-process Keel market for the periphery tests and the flash-loan safety suite, from the one deployer
// (`deployKeel` on `testConfig({ symbols: ["USDC", "WETH"] })`): the pool and Keel's real modules (KeelAccessManager,
// ModuleRegistry, KeelOracle over MockAggregator feeds, KinkedRateModel, KeelTreasury, KeelFlashLender; UUPS proxies
// deployed by the upgrades plugin), USDC (6 decimals) and WETH (18) reserves at $1 and $2000, the deployer's periphery
// helpers and AmmSwapAdapter, and funded users. The swap venue is a MockAmm USDC/WETH pool of AMM_USDC / AMM_WETH
// at the oracle price that the fixture adds and routes through the deployer's adapter, in place of the deployer's own
// deeper dev pair ($20M a side), so that the numbers of docs/flash-loans.md and scripts/leverage.ts hold.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import type { KeelSystem } from "../../deploy/keel.js";
import type {
  LiquidityHub,
  AmmSwapAdapter,
  CollateralSwap,
  FlashArbitrage,
  FlashLiquidator,
  KToken,
  KeelAccessManager,
  KeelFlashLender,
  KeelOracle,
  KeelTreasury,
  KinkedRateModel,
  LeverageHelper,
  MockAggregator,
  MockAmm,
  MockERC20,
  ModuleRegistry,
  Pool,
} from "../../types/ethers-contracts/index.js";
import { SEED, deployTestKeel, refreshFeedList, Roles, testConfig } from "./pool-fixture.js";

/** Liquidity the LP (the deployer) supplies to the pool, per asset. */
export const POOL_USDC = parseUnits("2000000", 6);
export const POOL_WETH = parseUnits("1000", 18);
/** Reserves of the market's USDC/WETH MockAmm at the oracle price (the venue of docs/flash-loans.md's walk-through
 *  and scripts/leverage.ts). */
export const AMM_USDC = parseUnits("2000000", 6);
export const AMM_WETH = parseUnits("1000", 18);
/** Each user's starting wallet. */
export const USER_USDC = parseUnits("50000", 6);
export const USER_WETH = parseUnits("10", 18);
/** Listing seed per reserve (locked for good at index 1). */
export { SEED };
export const BPS = 10_000n;

export interface KeelMarket {
  system: KeelSystem;
  deployer: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  liquidator: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  /** Holds TREASURY_MANAGER: may move the treasury's funds. */
  treasurer: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  manager: KeelAccessManager;
  registry: ModuleRegistry;
  pool: Pool;
  /** The liquidity hub: it holds the tokens and the interest (the pool is its core spoke). */
  hub: LiquidityHub;
  oracle: KeelOracle;
  rates: KinkedRateModel;
  treasury: KeelTreasury;
  treasuryAddress: string;
  lender: KeelFlashLender;
  usdcFeed: MockAggregator;
  wethFeed: MockAggregator;
  /** Re-publishes both feeds' answers now (after a time jump longer than HEARTBEAT). */
  refreshFeeds: () => Promise<void>;
  usdc: MockERC20;
  weth: MockERC20;
  kUsdc: KToken;
  kWeth: KToken;
  /** The market's USDC/WETH MockAmm at the oracle price (token0 = USDC, reserves AMM_USDC / AMM_WETH), routed by
   *  `adapter`. */
  amm: MockAmm;
  /** The deployer's swap adapter (owner: the deployer). */
  adapter: AmmSwapAdapter;
  leverageHelper: LeverageHelper;
  flashLiquidator: FlashLiquidator;
  collateralSwap: CollateralSwap;
  flashArbitrage: FlashArbitrage;
}

/**
 * Deploys the market. `rateBps` is every reserve's flat annual borrow rate (KinkedRateModel default parameters); 0
 * keeps debts constant so numbers can be checked to the wei across blocks. Roles: deployer = admin, guardian =
 * GUARDIAN, treasurer = TREASURY_MANAGER. The deployer supplies `POOL_USDC` and `POOL_WETH` and keeps 1e30 units of
 * each token, approved to the pool and the AMM; alice, bob and liquidator hold `USER_USDC` and `USER_WETH`
 * (not approved).
 */
export async function deployKeelMarket(connection: NetworkConnection, rateBps = 0): Promise<KeelMarket> {
  const { ethers } = connection;
  const [deployer, alice, bob, liquidator, guardian, treasurer, stranger] = await ethers.getSigners();
  const system = await deployTestKeel(connection, testConfig({ symbols: ["USDC", "WETH"], rateBps }), guardian.address);
  const at = system.address;
  const manager = await ethers.getContractAt("KeelAccessManager", at("AccessManager"));
  await manager.grantRole(Roles.TREASURY_MANAGER, treasurer.address, 0);
  await manager.revokeRole(Roles.RISK_ADMIN, deployer.address);
  const pool = await ethers.getContractAt("Pool", at("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const amm = await ethers.deployContract("MockAmm", [usdc.target, weth.target]);
  for (const t of [usdc, weth]) {
    await t.mint(deployer.address, 10n ** 30n);
    await t.approve(pool.target, MaxUint256);
    await t.approve(amm.target, MaxUint256);
  }
  await pool.supply(usdc.target, POOL_USDC, deployer.address, 0);
  await pool.supply(weth.target, POOL_WETH, deployer.address, 0);
  await amm.addLiquidity(AMM_USDC, AMM_WETH);
  const adapter = await ethers.getContractAt("AmmSwapAdapter", at("SwapAdapter"));
  await adapter.setPair(usdc.target, weth.target, amm.target);
  for (const u of [alice, bob, liquidator]) {
    await usdc.mint(u.address, USER_USDC);
    await weth.mint(u.address, USER_WETH);
  }
  const usdcFeed = await ethers.getContractAt("MockAggregator", system.reserves.USDC.feed);
  const wethFeed = await ethers.getContractAt("MockAggregator", system.reserves.WETH.feed);
  const treasuryAddress = at("Treasury");
  return {
    system,
    deployer,
    alice,
    bob,
    liquidator,
    guardian,
    treasurer,
    stranger,
    manager,
    pool,
    usdc,
    weth,
    amm,
    adapter,
    registry: await ethers.getContractAt("ModuleRegistry", at("ModuleRegistry")),
    hub: await ethers.getContractAt("LiquidityHub", at("LiquidityHub")),
    oracle: await ethers.getContractAt("KeelOracle", at("Oracle")),
    rates: await ethers.getContractAt("KinkedRateModel", at("RateModel")),
    treasury: await ethers.getContractAt("KeelTreasury", treasuryAddress),
    treasuryAddress,
    lender: await ethers.getContractAt("KeelFlashLender", at("FlashLender")),
    kUsdc: await ethers.getContractAt("KToken", system.reserves.USDC.kToken),
    kWeth: await ethers.getContractAt("KToken", system.reserves.WETH.kToken),
    leverageHelper: await ethers.getContractAt("LeverageHelper", at("LeverageHelper")),
    flashLiquidator: await ethers.getContractAt("FlashLiquidator", at("FlashLiquidator")),
    collateralSwap: await ethers.getContractAt("CollateralSwap", at("CollateralSwap")),
    flashArbitrage: await ethers.getContractAt("FlashArbitrage", at("FlashArbitrage")),
    usdcFeed,
    wethFeed,
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
