// A complete in-process Keel market for the periphery tests, the flash-loan safety suite and scripts/leverage.ts:
// pool (UUPS proxy, linked libraries, OZ AccessManager), USDC (6 decimals) and WETH (18) reserves at $1 and $2000,
// one MockAmm USDC/WETH pool at the same price behind an AmmSwapAdapter, and funded users.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import type {
  AccessManager,
  AmmSwapAdapter,
  KToken,
  MockAmm,
  MockERC20,
  MockPriceOracle,
  MockRateModel,
  Pool,
} from "../../types/ethers-contracts/index.js";
import { linkedPoolFactory, mapRoles, reserveConfig, Roles } from "./pool-fixture.js";

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
  treasury: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  manager: AccessManager;
  pool: Pool;
  oracle: MockPriceOracle;
  rates: MockRateModel;
  usdc: MockERC20;
  weth: MockERC20;
  kUsdc: KToken;
  kWeth: KToken;
  amm: MockAmm;
  adapter: AmmSwapAdapter;
}

/**
 * Deploys the market. `ratePerSecond` (RAY) is the borrow rate of every reserve; 0 keeps debts constant so numbers
 * can be checked to the wei across blocks.
 */
export async function deployKeelMarket(ethers: HardhatEthers, ratePerSecond = 0n): Promise<KeelMarket> {
  const [deployer, alice, bob, liquidator, guardian, treasury, stranger] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [deployer.address]);
  const registry = await ethers.deployContract("TmpRegistry");
  const oracle = await ethers.deployContract("MockPriceOracle");
  const rates = await ethers.deployContract("MockRateModel");
  await rates.setRate(ratePerSecond);
  await registry.set(encodeBytes32String("ORACLE"), await oracle.getAddress());
  await registry.set(encodeBytes32String("RATE_MODEL"), await rates.getAddress());
  await registry.set(encodeBytes32String("TREASURY"), treasury.address);

  const impl = await (await linkedPoolFactory(ethers)).deploy();
  const init = impl.interface.encodeFunctionData("initialize", [await manager.getAddress(), await registry.getAddress()]);
  const proxy = await ethers.deployContract("ERC1967Proxy", [await impl.getAddress(), init]);
  const pool = await ethers.getContractAt("Pool", await proxy.getAddress());
  const poolAddr = await pool.getAddress();
  await mapRoles(manager, "Pool", poolAddr, ethers);
  await manager.grantRole(Roles.GUARDIAN, guardian.address, 0);

  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  await oracle.setPrice(await usdc.getAddress(), 1n * 10n ** 8n);
  await oracle.setPrice(await weth.getAddress(), 2000n * 10n ** 8n);
  const kTokens: KToken[] = [];
  for (const [t, sym] of [[usdc, "USDC"], [weth, "WETH"]] as const) {
    const kt = await ethers.deployContract("KToken", [poolAddr, await t.getAddress(), await t.decimals(), `Keel ${sym}`, `k${sym}`]);
    await t.mint(deployer.address, 10n ** 30n);
    await t.approve(poolAddr, MaxUint256);
    await pool.initReserve(await t.getAddress(), await kt.getAddress(), ethers.ZeroAddress, reserveConfig(), SEED);
    kTokens.push(kt);
  }
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
    deployer, alice, bob, liquidator, guardian, treasury, stranger, manager, pool, oracle, rates, usdc, weth,
    kUsdc: kTokens[0], kWeth: kTokens[1], amm, adapter,
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
