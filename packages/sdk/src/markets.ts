// Markets as the hub and each spoke expose them: per hub asset, cash, supplied, borrowed, utilisation, borrow and
// supply rates (APR and APY), and every spoke's account and caps with their use; per Pool-type spoke, its reserves'
// risk parameters and its own supply and borrow caps with their use. Values in asset units unless named otherwise.
import type { Contract, ContractRunner, Result } from "ethers";
import { erc20Abi, liquidityHubAbi, poolAbi } from "./abis.js";
import { BPS, HUB_UNLIMITED, HubFlags, RAY, ReserveFlags, SECONDS_PER_YEAR } from "./constants.js";
import { bpsMulDown, mulDivDown, rayMulUp } from "./math.js";
import { type ReadOptions, big, bool, contractAt, field, list, str, struct, view } from "./read.js";

/** An interest rate: the contract's per-second rate, its APR (RAY a year, what Aave-style views report) and, as
 *  numbers for display, APR and APY (per-second compounding) as fractions (0.05 = 5%). */
export interface Rate {
  perSecond: bigint;
  aprRay: bigint;
  apr: number;
  apy: number;
}

/** A rate from its APR in RAY a year (per second: the APR / SECONDS_PER_YEAR, rounded down). */
export function rateFromApr(aprRay: bigint): Rate {
  const apr = Number(aprRay) / Number(RAY);
  const perSecond = Number(aprRay / SECONDS_PER_YEAR) / Number(RAY);
  return {
    perSecond: aprRay / SECONDS_PER_YEAR,
    aprRay,
    apr,
    apy: Math.expm1(Number(SECONDS_PER_YEAR) * Math.log1p(perSecond)),
  };
}

/** A rate from the hub's per-second rate (RAY). */
export function rateFromPerSecond(perSecond: bigint): Rate {
  const r = rateFromApr(perSecond * SECONDS_PER_YEAR);
  return { ...r, perSecond };
}

/** A cap in whole tokens with its use in asset units. `cap` undefined = no cap. */
export interface CapUse {
  /** Whole tokens; undefined when unlimited. */
  cap: bigint | undefined;
  /** What counts against the cap, asset units (as the contract measures it when checking the cap). */
  used: bigint;
  /** Room left, asset units (undefined when unlimited; 0 when the use is above the cap). */
  room: bigint | undefined;
  /** used / cap in bps (undefined when unlimited; 0 cap with any use: 10_000). */
  useBps: bigint | undefined;
}

function capUse(cap: bigint | undefined, used: bigint, decimals: number): CapUse {
  if (cap === undefined) return { cap, used, room: undefined, useBps: undefined };
  const limit = cap * 10n ** BigInt(decimals);
  return {
    cap,
    used,
    room: limit > used ? limit - used : 0n,
    useBps: limit === 0n ? (used === 0n ? 0n : BPS) : mulDivDown(used, BPS, limit),
  };
}

/** One spoke's account in one hub asset. */
export interface HubSpokeMarket {
  spoke: string;
  /** Its supply (rounded down) and debt (rounded up) as of now. */
  supplied: bigint;
  drawn: bigint;
  shares: bigint;
  drawnShares: bigint;
  /** Add cap: the spoke's supply shares at the current liquidity index, rounded up (as `add` checks it). */
  addCap: CapUse;
  /** Draw cap: its debt (rounded up) plus every deficit it reported (as `draw` checks it). */
  drawCap: CapUse;
  deficit: bigint;
  frozen: boolean;
}

/** One asset of the hub, as of now (the latest block). */
export interface HubMarket {
  asset: string;
  symbol: string;
  decimals: number;
  /** Tokens held by the hub (net of what is drawn) and what can leave now. */
  cash: bigint;
  availableCash: bigint;
  /** Supplied by every spoke and the treasury (rounded down) and borrowed (rounded up), as of now. */
  supplied: bigint;
  borrowed: bigint;
  /** borrowed / (cash + borrowed), RAY, rounded down; 0 when both are 0. */
  utilisation: bigint;
  liquidityIndex: bigint;
  borrowIndex: bigint;
  /** The hub's stored borrow rate (set at the last action). */
  borrowRate: Rate;
  /** What suppliers earn: the borrow APR x the utilisation at the last action, less the reserve factor, rounded as
   *  the core spoke's `getReserveData().currentLiquidityRate`. */
  supplyRate: Rate;
  reserveFactorBps: bigint;
  flashFeeBps: bigint;
  rateModel: string;
  treasuryBalance: bigint;
  totalDeficit: bigint;
  flashLoans: boolean;
  spokes: HubSpokeMarket[];
}

/** Supply APR (RAY a year) from the hub's stored state of an asset, exactly as PositionLogic.getReserveData. */
export function supplyAprRay(
  borrowRatePerSecond: bigint,
  totalDrawnShares: bigint,
  storedBorrowIndex: bigint,
  cash: bigint,
  reserveFactorBps: bigint,
): bigint {
  const borrowApr = borrowRatePerSecond * SECONDS_PER_YEAR;
  const debt = rayMulUp(totalDrawnShares, storedBorrowIndex);
  if (debt === 0n) return 0n;
  return bpsMulDown(mulDivDown(borrowApr, debt, cash + debt), BPS - reserveFactorBps);
}

const capOf = (v: bigint): bigint | undefined => (v === HUB_UNLIMITED ? undefined : v);

async function symbolOf(asset: string, runner: ContractRunner, o: ReadOptions): Promise<string> {
  try {
    return str((await view(contractAt(asset, erc20Abi, runner), "symbol", [], o))[0]);
  } catch {
    return "?";
  }
}

async function hubSpokeMarket(
  hub: Contract,
  spoke: string,
  asset: string,
  decimals: number,
  liquidityIndex: bigint,
  o: ReadOptions,
): Promise<HubSpokeMarket> {
  const sa = struct((await view(hub, "getSpokeAsset", [spoke, asset], o))[0]);
  const [supplied, drawn] = (await view(hub, "spokeBalances", [spoke, asset], o)).toArray().map((v) => big(v));
  const shares = big(field(sa, "shares"));
  const drawnShares = big(field(sa, "drawnShares"));
  const deficit = big(field(sa, "deficit"));
  return {
    spoke,
    supplied: supplied ?? 0n,
    drawn: drawn ?? 0n,
    shares,
    drawnShares,
    addCap: capUse(capOf(big(field(sa, "addCap"))), rayMulUp(shares, liquidityIndex), decimals),
    // The draw check compares drawn shares at the current index, rounded up, plus the deficits: that is `drawn` + deficit.
    drawCap: capUse(capOf(big(field(sa, "drawCap"))), (drawn ?? 0n) + deficit, decimals),
    deficit,
    frozen: bool(field(sa, "frozen")),
  };
}

/** One hub asset as of now, with the accounts of `spokes` (default: every registered spoke). */
export async function readHubMarket(
  runner: ContractRunner,
  hubAddress: string,
  asset: string,
  spokes?: readonly string[],
  o: ReadOptions = {},
): Promise<HubMarket> {
  const hub = contractAt(hubAddress, liquidityHubAbi, runner);
  const a: Result = struct((await view(hub, "getAsset", [asset], o))[0]);
  const [liquidityIndex, borrowIndex] = (await view(hub, "currentIndexes", [asset], o)).toArray().map((v) => big(v));
  const [supplied, borrowed, cash] = (await view(hub, "assetTotals", [asset], o)).toArray().map((v) => big(v));
  if (
    liquidityIndex === undefined ||
    borrowIndex === undefined ||
    supplied === undefined ||
    borrowed === undefined ||
    cash === undefined
  ) {
    throw new Error("@keel/sdk: unexpected hub answer");
  }
  const decimals = Number(big(field(a, "decimals")));
  const reserveFactorBps = big(field(a, "reserveFactor"));
  const perSecond = big(field(a, "borrowRate"));
  const spokeList = spokes ?? list((await view(hub, "spokes", [], o))[0]).map((s) => str(s));
  return {
    asset,
    symbol: await symbolOf(asset, runner, o),
    decimals,
    cash,
    availableCash: big((await view(hub, "availableCash", [asset], o))[0]),
    supplied,
    borrowed,
    utilisation: cash + borrowed === 0n ? 0n : mulDivDown(borrowed, RAY, cash + borrowed),
    liquidityIndex,
    borrowIndex,
    borrowRate: rateFromPerSecond(perSecond),
    supplyRate: rateFromApr(
      supplyAprRay(
        perSecond,
        big(field(a, "totalDrawnShares")),
        big(field(a, "borrowIndex")),
        big(field(a, "cash")),
        reserveFactorBps,
      ),
    ),
    reserveFactorBps,
    flashFeeBps: big(field(a, "flashFee")),
    rateModel: str(field(a, "rateModel")),
    treasuryBalance: big((await view(hub, "treasuryBalance", [asset], o))[0]),
    totalDeficit: big(field(a, "totalDeficit")),
    flashLoans: (Number(big(field(a, "flags"))) & HubFlags.FLASH_LOANS) !== 0,
    spokes: await Promise.all(spokeList.map((s) => hubSpokeMarket(hub, s, asset, decimals, liquidityIndex, o))),
  };
}

/** Every asset listed in the hub, as of now, each with every registered spoke's account and caps. */
export async function readHubMarkets(
  runner: ContractRunner,
  hubAddress: string,
  o: ReadOptions = {},
): Promise<HubMarket[]> {
  const hub = contractAt(hubAddress, liquidityHubAbi, runner);
  const assets = list((await view(hub, "assets", [], o))[0]).map((s) => str(s));
  const spokes = list((await view(hub, "spokes", [], o))[0]).map((s) => str(s));
  return Promise.all(assets.map((asset) => readHubMarket(runner, hubAddress, asset, spokes, o)));
}

/** One reserve of a Pool-type spoke (the core spoke or an eMode-like one). */
export interface PoolMarket {
  asset: string;
  symbol: string;
  decimals: number;
  kToken: string;
  /** This spoke's supply (rounded down) and debt (rounded up) in the hub, as of now. */
  supplied: bigint;
  borrowed: bigint;
  /** Risk parameters, bps (bonus above 10_000: 10_500 = 5%). */
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
  liquidationProtocolFeeBps: bigint;
  /** The spoke's own caps (whole tokens, 0 in the contract = none) with their use as the pool checks them. */
  supplyCap: CapUse;
  borrowCap: CapUse;
  active: boolean;
  frozen: boolean;
  borrowing: boolean;
  collateral: boolean;
  flashLoans: boolean;
  /** Paused while now < pausedUntil (unix seconds). */
  pausedUntil: bigint;
}

/** Every reserve of the Pool-type spoke at `poolAddress`, as of now. */
export async function readPoolMarkets(
  runner: ContractRunner,
  poolAddress: string,
  o: ReadOptions = {},
): Promise<PoolMarket[]> {
  const pool = contractAt(poolAddress, poolAbi, runner);
  const hub = contractAt(str((await view(pool, "hub", [], o))[0]), liquidityHubAbi, runner);
  const assets = list((await view(pool, "getReservesList", [], o))[0]).map((s) => str(s));
  return Promise.all(
    assets.map(async (asset): Promise<PoolMarket> => {
      const d = struct((await view(pool, "getKeelReserveData", [asset], o))[0]);
      const c = struct(field(d, "config"));
      const decimals = Number(big(field(c, "decimals")));
      const flags = Number(big(field(c, "flags")));
      const [supplied, borrowed] = (await view(pool, "getReserveTotals", [asset], o)).toArray().map((v) => big(v));
      const [liquidityIndex] = (await view(hub, "currentIndexes", [asset], o)).toArray().map((v) => big(v));
      const sa = struct((await view(hub, "getSpokeAsset", [poolAddress, asset], o))[0]);
      const supplyCap = big(field(c, "supplyCap"));
      const borrowCap = big(field(c, "borrowCap"));
      return {
        asset,
        symbol: await symbolOf(asset, runner, o),
        decimals,
        kToken: str(field(d, "kToken")),
        supplied: supplied ?? 0n,
        borrowed: borrowed ?? 0n,
        ltvBps: big(field(c, "ltv")),
        liquidationThresholdBps: big(field(c, "liquidationThreshold")),
        liquidationBonusBps: big(field(c, "liquidationBonus")),
        liquidationProtocolFeeBps: big(field(c, "liquidationProtocolFee")),
        // SupplyLogic: spoke shares at the current index rounded up; BorrowLogic: the spoke's debt rounded up.
        supplyCap: capUse(
          supplyCap === 0n ? undefined : supplyCap,
          rayMulUp(big(field(sa, "shares")), liquidityIndex ?? 0n),
          decimals,
        ),
        borrowCap: capUse(borrowCap === 0n ? undefined : borrowCap, borrowed ?? 0n, decimals),
        active: (flags & ReserveFlags.ACTIVE) !== 0,
        frozen: (flags & ReserveFlags.FROZEN) !== 0,
        borrowing: (flags & ReserveFlags.BORROWING) !== 0,
        collateral: (flags & ReserveFlags.COLLATERAL) !== 0,
        flashLoans: (flags & ReserveFlags.FLASH_LOANS) !== 0,
        pausedUntil: big(field(d, "pausedUntil")),
      };
    }),
  );
}
