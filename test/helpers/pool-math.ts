// Independent TypeScript model of the pool's index maths (WadRayMath + ReserveLogic.accrue), written from the
// specification: per-second rate compounded by a 3-term Taylor expansion (each term rounded down), borrow index
// rounded up, interest = difference of rounded-up debts, reserve factor to the treasury (rounded down), the rest to
// suppliers through the liquidity index (rounded down), treasury credited in scaled units at the new index (down).
import type { Pool } from "../../types/ethers-contracts/index.js";
import { LiquidityHub__factory } from "../../types/ethers-contracts/index.js";
import { RAY } from "./pool-fixture.js";

export const BPS = 10_000n;

export const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
export const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => {
  const p = x * y;
  return p === 0n ? 0n : (p - 1n) / d + 1n;
};
export const rayMulDown = (a: bigint, b: bigint) => mulDivDown(a, b, RAY);
export const rayMulUp = (a: bigint, b: bigint) => mulDivUp(a, b, RAY);
export const rayDivDown = (a: bigint, b: bigint) => mulDivDown(a, RAY, b);
export const rayDivUp = (a: bigint, b: bigint) => mulDivUp(a, RAY, b);
export const bpsMulDown = (a: bigint, bps: bigint) => mulDivDown(a, bps, BPS);
export const bpsMulUp = (a: bigint, bps: bigint) => mulDivUp(a, bps, BPS);

/** e^(rt) - 1 by rt + (rt)^2/2 + (rt)^3/6, each term rounded down, RAY. */
export function compoundedGrowthDown(ratePerSecond: bigint, elapsed: bigint): bigint {
  const first = ratePerSecond * elapsed;
  const second = mulDivDown(first, first, 2n * RAY);
  const third = mulDivDown(second, first, 3n * RAY);
  return first + second + third;
}

/** The accrual-relevant state of one reserve. */
export interface ReserveState {
  liquidityIndex: bigint;
  borrowIndex: bigint;
  totalSupplyScaled: bigint;
  totalDebtScaled: bigint;
  lastUpdate: bigint;
  borrowRate: bigint;
  reserveFactor: bigint;
  treasuryScaled: bigint;
}

export interface AccrualResult {
  state: ReserveState;
  toTreasury: bigint;
  interest: bigint;
}

/** Accrues `st` to `now` (pure: returns a new state). */
export function accrue(st: ReserveState, now: bigint): AccrualResult {
  const out = { ...st };
  if (now === st.lastUpdate || st.borrowRate === 0n || st.totalDebtScaled === 0n) {
    out.lastUpdate = now;
    return { state: out, toTreasury: 0n, interest: 0n };
  }
  const growth = compoundedGrowthDown(st.borrowRate, now - st.lastUpdate);
  const newBorrowIndex = rayMulUp(st.borrowIndex, RAY + growth);
  const interest = rayMulUp(st.totalDebtScaled, newBorrowIndex) - rayMulUp(st.totalDebtScaled, st.borrowIndex);
  const toTreasury = bpsMulDown(interest, st.reserveFactor);
  if (st.totalSupplyScaled !== 0n) {
    out.liquidityIndex = st.liquidityIndex + mulDivDown(interest - toTreasury, RAY, st.totalSupplyScaled);
  }
  if (toTreasury !== 0n) {
    const scaled = mulDivDown(toTreasury, RAY, out.liquidityIndex);
    out.treasuryScaled += scaled;
    out.totalSupplyScaled += scaled;
  }
  out.borrowIndex = newBorrowIndex;
  out.lastUpdate = now;
  return { state: out, toTreasury, interest };
}

/** Reads the stored accrual state of `asset` in the pool's hub: indexes, the hub's totals (every spoke's shares and
 *  the treasury's), the rate, the reserve factor and the treasury's shares (its income). */
export async function readReserveState(pool: Pool, asset: string): Promise<ReserveState> {
  const hub = LiquidityHub__factory.connect(await pool.hub(), pool.runner);
  const a = await hub.getAsset(asset);
  return {
    liquidityIndex: a.liquidityIndex,
    borrowIndex: a.borrowIndex,
    totalSupplyScaled: a.totalShares,
    totalDebtScaled: a.totalDrawnShares,
    lastUpdate: a.lastUpdate,
    borrowRate: a.borrowRate,
    reserveFactor: a.reserveFactor,
    treasuryScaled: a.treasuryShares,
  };
}

/** JSON-able snapshot of reserves, positions, user bitmaps and token balances, for "state unchanged" checks. */
export async function snapshotState(
  pool: Pool,
  assets: string[],
  users: string[],
  tokens: { balanceOf(a: string): Promise<bigint> }[] = [],
): Promise<string> {
  const out: unknown[] = [];
  for (const a of assets) {
    out.push(await pool.getKeelReserveData(a));
    for (const u of users) out.push(await pool.getUserPosition(a, u));
  }
  for (const u of users) out.push(await pool.getKeelUserConfiguration(u));
  const poolAddr = await pool.getAddress();
  for (const t of tokens) for (const u of [...users, poolAddr]) out.push(await t.balanceOf(u));
  out.push(await pool.paused());
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
