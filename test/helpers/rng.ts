// A reproducible stream of integers for the fixed-seed fuzz tests (xorshift32): the same seed, the same sequence.

/** Returns `(lo, hi) => an integer in [lo, hi]`, seeded with `seed`. */
export function rng(seed: number): (lo: number, hi: number) => number {
  let x = seed >>> 0 || 1;
  return (lo: number, hi: number): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return lo + (x % (hi - lo + 1));
  };
}
