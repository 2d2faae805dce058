import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractFactory } from "ethers";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import { FunctionRoles, Roles } from "../../deploy/roles.js";
import type { KToken, MockERC20, Pool } from "../../types/ethers-contracts/index.js";

export const RAY = 10n ** 27n;
export const WAD = 10n ** 18n;
export const SECONDS_PER_YEAR = 31_536_000n;
/** Per-second borrow rate the fixture's MockRateModel returns: ~10% a year (simple). */
export const RATE_10_PCT = RAY / SECONDS_PER_YEAR / 10n;
/** Seed supplied at listing for every reserve (asset units), held by DEAD for good. */
export const SEED = 10_000n;
export const DEAD = "0x000000000000000000000000000000000000dEaD";
export const Flags = { ACTIVE: 1, FROZEN: 2, PAUSED: 4, BORROWING: 8, COLLATERAL: 16, FLASH_LOANS: 32 } as const;
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

export async function linkedPoolFactory(ethers: HardhatEthers): Promise<ContractFactory> {
  const libs: Record<string, string> = {};
  for (const name of ["LiquidationLogic", "FlashLoanLogic", "PoolConfigLogic", "PositionLogic"]) {
    const lib = await ethers.deployContract(name);
    libs[name] = await lib.getAddress();
  }
  return ethers.getContractFactory("Pool", { libraries: libs });
}

interface RoleTarget {
  setTargetFunctionRole(target: string, selectors: string[], role: bigint): Promise<unknown>;
}

/** Grants the function roles of `FunctionRoles[name]` on `target`. */
export async function mapRoles(manager: RoleTarget, name: string, target: string, ethers: HardhatEthers) {
  const byRole = new Map<bigint, string[]>();
  for (const [sig, role] of Object.entries(FunctionRoles[name] ?? {})) {
    const sel = ethers.id(sig).slice(0, 10);
    byRole.set(role, [...(byRole.get(role) ?? []), sel]);
  }
  for (const [role, sels] of byRole) await manager.setTargetFunctionRole(target, sels, role);
}

export type Signers = Record<
  "deployer" | "alice" | "bob" | "carol" | "dave" | "liquidator" | "guardian" | "risk" | "stranger" | "treasury",
  HardhatEthersSigner
>;

export async function signers(ethers: HardhatEthers): Promise<Signers> {
  const [deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasury] = await ethers.getSigners();
  return { deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger, treasury };
}

/** The part of the upgrades plugin the fixture uses. */
export interface UpgradesApi {
  deployProxy(
    factory: ContractFactory,
    args: unknown[],
    opts: { kind: "uups"; unsafeAllow: "external-library-linking"[] },
  ): Promise<{ getAddress(): Promise<string> }>;
}

/**
 * The pool behind a UUPS proxy with three listed reserves (USDC 6 decimals, WBTC 8, WETH 18), each seeded with
 * `SEED` units. Stand-ins: OZ AccessManager (deployer = admin, guardian = GUARDIAN, risk = RISK_ADMIN), TmpRegistry,
 * MockPriceOracle (Prices), MockRateModel (RATE_10_PCT per second) and the `treasury` signer as treasury address.
 * alice, bob, carol, dave and liquidator hold 1M USDC, 100 WBTC and 1000 WETH each, approved to the pool.
 */
export async function deployPoolFixture(ethers: HardhatEthers, upgradesApi: UpgradesApi) {
  const s = await signers(ethers);
  const manager = await ethers.deployContract("AccessManager", [s.deployer.address]);
  const registry = await ethers.deployContract("TmpRegistry");
  const oracle = await ethers.deployContract("MockPriceOracle");
  const rates = await ethers.deployContract("MockRateModel");
  await rates.setRate(RATE_10_PCT);
  await registry.set(encodeBytes32String("ORACLE"), await oracle.getAddress());
  await registry.set(encodeBytes32String("RATE_MODEL"), await rates.getAddress());
  await registry.set(encodeBytes32String("TREASURY"), s.treasury.address);
  const factory = await linkedPoolFactory(ethers);
  const proxy = await upgradesApi.deployProxy(factory, [await manager.getAddress(), await registry.getAddress()], {
    kind: "uups",
    unsafeAllow: ["external-library-linking"],
  });
  const poolAddress = await proxy.getAddress();
  const pool: Pool = await ethers.getContractAt("Pool", poolAddress);
  await mapRoles(manager, "Pool", poolAddress, ethers);
  await manager.grantRole(Roles.GUARDIAN, s.guardian.address, 0);
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);

  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const wbtc = await ethers.deployContract("MockERC20", ["Wrapped Bitcoin", "WBTC", 8]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const kTokens: KToken[] = [];
  const listed: [MockERC20, string, bigint][] = [
    [usdc, "USDC", Prices.USDC],
    [wbtc, "WBTC", Prices.WBTC],
    [weth, "WETH", Prices.WETH],
  ];
  for (const [t, sym, price] of listed) {
    const asset = await t.getAddress();
    await oracle.setPrice(asset, price);
    const kt = await ethers.deployContract("KToken", [poolAddress, asset, await t.decimals(), `Keel ${sym}`, `k${sym}`]);
    kTokens.push(kt);
    await t.mint(s.deployer.address, 10n ** 30n);
    await t.approve(poolAddress, MaxUint256);
    await pool.initReserve(asset, await kt.getAddress(), ethers.ZeroAddress, reserveConfig(), SEED);
  }
  for (const u of [s.alice, s.bob, s.carol, s.dave, s.liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await wbtc.mint(u.address, parseUnits("100", 8));
    await weth.mint(u.address, parseUnits("1000", 18));
    for (const t of [usdc, wbtc, weth]) await t.connect(u).approve(poolAddress, MaxUint256);
  }
  const [kUsdc, kWbtc, kWeth] = kTokens;
  return {
    ...s,
    pool,
    poolAddress,
    manager,
    registry,
    oracle,
    rates,
    usdc,
    wbtc,
    weth,
    kUsdc,
    kWbtc,
    kWeth,
    U: await usdc.getAddress(),
    B: await wbtc.getAddress(),
    W: await weth.getAddress(),
  };
}

export type PoolFixture = Awaited<ReturnType<typeof deployPoolFixture>>;

export { encodeBytes32String, parseUnits, Roles };
