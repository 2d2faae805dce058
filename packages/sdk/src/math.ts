// The contracts' fixed-point helpers (contracts/libraries/math/WadRayMath.sol) on bigint, rounding named as there, so
// off-chain values match the chain to the wei.
import { BPS, RAY } from "./constants.js";

/** x * y / d rounded down. */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d;
}

/** x * y / d rounded up (0 stays 0). */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const p = x * y;
  return p === 0n ? 0n : (p - 1n) / d + 1n;
}

export const rayMulDown = (a: bigint, b: bigint): bigint => (a * b) / RAY;
export const rayMulUp = (a: bigint, b: bigint): bigint => mulDivUp(a, b, RAY);
export const rayDivDown = (a: bigint, b: bigint): bigint => (a * RAY) / b;
export const rayDivUp = (a: bigint, b: bigint): bigint => mulDivUp(a, RAY, b);
export const bpsMulDown = (a: bigint, bps: bigint): bigint => (a * bps) / BPS;
export const bpsMulUp = (a: bigint, bps: bigint): bigint => mulDivUp(a, bps, BPS);

/** Growth factor minus one of a per-second rate over `elapsed` seconds (RAY): third-order Taylor, terms rounded down. */
export function compoundedGrowthDown(ratePerSecond: bigint, elapsed: bigint): bigint {
  const first = ratePerSecond * elapsed;
  const second = mulDivDown(first, first, 2n * RAY);
  const third = mulDivDown(second, first, 3n * RAY);
  return first + second + third;
}
