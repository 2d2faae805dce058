// Accounts on the collateral spokes, from the spokes' own valuations (their views already round as their checks
// do): the NFT spoke (items valued at floor x premium, one debt) and the RWA spoke (one isolated position per
// collateral token). Each with the price at which it becomes liquidatable, all else equal.
import type { ContractRunner } from "ethers";
import { nftSpokeAbi, rwaSpokeAbi } from "./abis.js";
import { BPS, MAX_HEALTH_FACTOR, WAD } from "./constants.js";
import { type ReadOptions, big, contractAt, field, list, str, struct, view, viewBigs } from "./read.js";

export interface NftItem {
  collection: string;
  tokenId: bigint;
  /** Floor x the item's premium, base currency (8 decimals, rounded down). */
  value: bigint;
}

export interface NftCollectionExposure {
  collection: string;
  /** The collection's floor now, base currency (8 decimals). */
  floor: bigint;
  liquidationThresholdBps: bigint;
  /** The account's items of this collection, valued. */
  value: bigint;
  /** The floor (8 decimals) at or below which the account's health factor is below 1, other collections' floors
   *  unchanged (undefined without debt, or when the other collections carry the debt on their own). */
  liquidationFloor: bigint | undefined;
}

export interface NftAccount {
  spoke: string;
  user: string;
  items: NftItem[];
  /** The debt: its asset (zero address without one), hub drawn shares, amount as of now (rounded up). */
  debtAsset: string;
  drawnShares: bigint;
  debt: bigint;
  /** Base currency (8 decimals): collateral, borrowing power and liquidation value (rounded down), debt (up). */
  collateralBase: bigint;
  borrowPowerBase: bigint;
  liquidationValueBase: bigint;
  debtBase: bigint;
  /** WAD; MAX_HEALTH_FACTOR without debt. */
  healthFactor: bigint;
  collections: NftCollectionExposure[];
}

/** `user`'s account on the NFT spoke at `spokeAddress`. */
export async function readNftAccount(
  runner: ContractRunner,
  spokeAddress: string,
  user: string,
  opts: ReadOptions = {},
): Promise<NftAccount> {
  const spoke = contractAt(spokeAddress, nftSpokeAbi, runner);
  const items: NftItem[] = [];
  for (const raw of list((await view(spoke, "itemsOf", [user], opts))[0])) {
    const it = struct(raw);
    const collection = str(field(it, "collection"));
    const tokenId = big(field(it, "tokenId"));
    const [value = 0n] = await viewBigs(spoke, "nftValue", [collection, tokenId], opts);
    items.push({ collection, tokenId, value });
  }
  const debt = await view(spoke, "debtOf", [user], opts);
  const [
    collateralBase = 0n,
    borrowPowerBase = 0n,
    liquidationValueBase = 0n,
    debtBase = 0n,
    healthFactor = MAX_HEALTH_FACTOR,
  ] = await viewBigs(spoke, "accountData", [user], opts);
  const collections: NftCollectionExposure[] = [];
  for (const collection of [...new Set(items.map((i) => i.collection))]) {
    const c = struct((await view(spoke, "getCollection", [collection], opts))[0]);
    const lt = big(field(c, "liquidationThresholdBps"));
    const [floor = 0n] = await viewBigs(spoke, "floorPrice", [collection], opts);
    const value = items.filter((i) => i.collection === collection).reduce((s, i) => s + i.value, 0n);
    let liquidationFloor: bigint | undefined;
    const own = (value * lt) / BPS;
    if (debtBase !== 0n && own !== 0n) {
      // Item values scale with the floor: solve other + own * f / floor = debt for f.
      const other = liquidationValueBase > own ? liquidationValueBase - own : 0n;
      liquidationFloor = debtBase <= other ? undefined : ((debtBase - other) * floor) / own;
    }
    collections.push({ collection, floor, liquidationThresholdBps: lt, value, liquidationFloor });
  }
  return {
    spoke: spokeAddress,
    user,
    items,
    debtAsset: str(debt[0]),
    drawnShares: big(debt[1]),
    debt: big(debt[2]),
    collateralBase,
    borrowPowerBase,
    liquidationValueBase,
    debtBase,
    healthFactor,
    collections,
  };
}

export interface RwaPosition {
  token: string;
  /** Collateral claimed, token units; debt in the hub's drawn shares and as of now (debt-asset units, rounded up). */
  collateral: bigint;
  drawnShares: bigint;
  debt: bigint;
  /** Base currency (8 decimals): collateral (rounded down, after any seizure's haircut) and debt (rounded up). */
  collateralValueBase: bigint;
  debtValueBase: bigint;
  /** WAD; MAX_HEALTH_FACTOR without debt. */
  healthFactor: bigint;
  /** When it was flagged below 1 (0: not flagged). */
  unhealthySince: bigint;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  /** The NAV the spoke values with now (8 decimals), and the NAV at or below which the health factor is below 1
   *  (the value scales with the NAV; undefined without debt). */
  nav: bigint;
  liquidationNav: bigint | undefined;
}

export interface RwaAccount {
  spoke: string;
  user: string;
  debtAsset: string;
  /** Positions with collateral or debt, one per collateral token (isolated: each has its own health factor). */
  positions: RwaPosition[];
}

/** `user`'s positions on the RWA spoke at `spokeAddress` (reverts, as the spoke does, on a stale or halted NAV). */
export async function readRwaAccount(
  runner: ContractRunner,
  spokeAddress: string,
  user: string,
  opts: ReadOptions = {},
): Promise<RwaAccount> {
  const spoke = contractAt(spokeAddress, rwaSpokeAbi, runner);
  const positions: RwaPosition[] = [];
  for (const token of list((await view(spoke, "collaterals", [], opts))[0]).map((t) => str(t))) {
    const [stored = 0n, shares = 0n] = await viewBigs(spoke, "positionOf", [user, token], opts);
    if (stored === 0n && shares === 0n) continue;
    const p = struct((await view(spoke, "getPosition", [user, token], opts))[0]);
    const params = struct(field(struct((await view(spoke, "getCollateral", [token], opts))[0]), "params"));
    const [nav = 0n] = await viewBigs(spoke, "navOf", [token], opts);
    const healthFactor = big(field(p, "healthFactor"));
    positions.push({
      token,
      collateral: big(field(p, "collateral")),
      drawnShares: big(field(p, "drawnShares")),
      debt: big(field(p, "debt")),
      collateralValueBase: big(field(p, "collateralValue")),
      debtValueBase: big(field(p, "debtValue")),
      healthFactor,
      unhealthySince: big(field(p, "unhealthySince")),
      ltvBps: big(field(params, "ltv")),
      liquidationThresholdBps: big(field(params, "liquidationThreshold")),
      nav,
      liquidationNav: healthFactor === MAX_HEALTH_FACTOR ? undefined : (nav * WAD) / healthFactor,
    });
  }
  return { spoke: spokeAddress, user, debtAsset: str((await view(spoke, "debtAsset", [], opts))[0]), positions };
}
