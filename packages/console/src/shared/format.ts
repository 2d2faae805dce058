// Display formats of the console, defined once: the page renders with them and the browser test formats the values it
// reads through the SDK with them, so "the page shows the chain's number" is an exact text comparison.

/** Decimals shown for token amounts, base-currency values, health factors and rates. */
export const AMOUNT_DECIMALS = 2;
export const HEALTH_DECIMALS = 4;
export const PERCENT_DECIMALS = 2;

/** The SDK's units (@keel/sdk `WAD`, `RAY`, `BPS`, `MAX_HEALTH_FACTOR`), restated because the page cannot load the SDK
 *  (it needs ethers); test/console.spec.ts checks that they equal the SDK's. */
export const WAD = 10n ** 18n;
export const RAY = 10n ** 27n;
export const BPS = 10_000n;
export const MAX_HEALTH_FACTOR = 2n ** 256n - 1n;

/** `value` (an integer with `decimals` decimals, as a bigint or its decimal string) rounded down to `shown` decimals,
 *  with thousands separators: units(1234567891n, 6) = "1,234.56". Rounded down so the page never shows more than is there. */
export function units(value: bigint | string, decimals: number, shown = AMOUNT_DECIMALS): string {
  const v = BigInt(value);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const frac = decimals === 0 ? 0n : ((abs % scale) * 10n ** BigInt(shown)) / scale;
  const w = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + (shown === 0 ? w : `${w}.${frac.toString().padStart(shown, "0")}`);
}

/** Base currency (USD, 8 decimals). */
export function usd(value: bigint | string): string {
  return `$${units(value, 8)}`;
}

/** A WAD health factor; "∞" without debt. */
export function healthFactor(value: bigint | string): string {
  return BigInt(value) === MAX_HEALTH_FACTOR ? "∞" : units(value, 18, HEALTH_DECIMALS);
}

/** A RAY fraction (utilisation, an APR in RAY a year) as a percentage. */
export function rayPercent(value: bigint | string): string {
  return `${units(BigInt(value) * 100n, 27, PERCENT_DECIMALS)}%`;
}

/** Basis points as a percentage. */
export function bpsPercent(value: bigint | string): string {
  return `${units(value, 2, PERCENT_DECIMALS)}%`;
}

/** A cap in whole tokens; "unlimited" when absent. */
export function cap(value: bigint | string | undefined): string {
  return value === undefined ? "unlimited" : units(value, 0, 0);
}

/** Seconds as "2d 03h 04m 05s" (negative: "ready"). */
export function countdown(seconds: number): string {
  if (seconds <= 0) return "ready";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = Math.floor(seconds % 60);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d > 0 ? `${d}d ` : ""}${p(h)}h ${p(m)}m ${p(s)}s`;
}

/** 0x1234…abcd */
export function shortAddress(a: string): string {
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}
