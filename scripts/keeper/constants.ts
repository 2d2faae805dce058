// The keeper's defaults, with no imports: the `keel keeper` task definition (loaded with hardhat.config.ts) reads them.

/** Flash mode's default slippage tolerance: the share of the quoted profit, in bps, a price move may take (10%). */
export const DEFAULT_SLIPPAGE_BPS = 1_000n;
