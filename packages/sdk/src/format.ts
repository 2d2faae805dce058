// Display formatting of the contracts' fixed-point values: health factors (WAD) and rates or ratios (RAY) as
// decimal strings, truncated, never rounded up (a health factor of 0.99996 must not print as 1.0000).
import { MAX_HEALTH_FACTOR, RAY, WAD } from "./constants.js";

/** `value / unit` with `decimals` decimals, truncated toward zero. */
export function formatFixedDown(value: bigint, unit: bigint, decimals: number): string {
  const sign = value < 0n ? "-" : "";
  const scale = 10n ** BigInt(decimals);
  const scaled = ((value < 0n ? -value : value) * scale) / unit;
  const whole = (scaled / scale).toString();
  return decimals === 0 ? sign + whole : `${sign}${whole}.${(scaled % scale).toString().padStart(decimals, "0")}`;
}

/** A health factor (WAD) with `decimals` decimals, truncated; "∞" for an account without debt (MAX_HEALTH_FACTOR). */
export function formatHealthFactor(healthFactor: bigint, decimals = 4): string {
  return healthFactor === MAX_HEALTH_FACTOR ? "∞" : formatFixedDown(healthFactor, WAD, decimals);
}

/** A RAY fraction (an APR, a utilisation) as a percentage with `decimals` decimals, truncated: 5% of RAY → "5.00%". */
export function formatRayPercent(ray: bigint, decimals = 2): string {
  return `${formatFixedDown(ray * 100n, RAY, decimals)}%`;
}
