// Units of Keel's contracts (contracts/libraries/math/WadRayMath.sol, RateLimits.sol, LiquidityHub.sol), defined once.

/** 1e18: unit of health factors and WAD ratios. */
export const WAD = 10n ** 18n;
/** 1e27: unit of indexes, per-second rates and annual rates. */
export const RAY = 10n ** 27n;
/** 10_000 = 100% for basis-point parameters. */
export const BPS = 10_000n;
/** Seconds in the contracts' year (RateLimits.SECONDS_PER_YEAR: 365 days). */
export const SECONDS_PER_YEAR = 31_536_000n;
/** Decimals of the oracle's base currency (USD): every `...Base` value and every price. */
export const BASE_DECIMALS = 8;
/** The hub's "no cap" value for add and draw caps (`LiquidityHub.UNLIMITED`, whole tokens). */
export const HUB_UNLIMITED = 2n ** 64n - 1n;
/** The health factor of an account without debt (`type(uint256).max`). */
export const MAX_HEALTH_FACTOR = 2n ** 256n - 1n;
/** ERC-1967 implementation slot: keccak256("eip1967.proxy.implementation") - 1. */
export const ERC1967_IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** Bits of a Pool spoke's `ReserveConfig.flags` (contracts/libraries/types/DataTypes.sol `ReserveFlags`). */
export const ReserveFlags = { ACTIVE: 1, FROZEN: 2, PAUSED: 4, BORROWING: 8, COLLATERAL: 16, FLASH_LOANS: 32 } as const;
/** Bits of the hub's `Asset.flags` (contracts/libraries/types/HubFlags.sol). */
export const HubFlags = { LISTED: 1, FLASH_LOANS: 2, DEFAULT_MODEL: 4, HAS_TREASURY: 8, NATIVE_CURVE: 16 } as const;
