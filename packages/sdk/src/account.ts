// An account on a Pool-type spoke (the core spoke, or an eMode-like one): per reserve its supply, debt and values,
// and the whole account's collateral, debt, health factor, borrowing power and each collateral's liquidation price,
// computed off-chain with the contracts' own rounding (GenericLogic.accountData, PositionLogic.getUserAccountData),
// so they equal `getUserAccountData` to the wei at the same block.
import type { ContractRunner } from "ethers";
import { liquidityHubAbi, oracleAbi, poolAbi } from "./abis.js";
import { BPS, MAX_HEALTH_FACTOR, WAD } from "./constants.js";
import { bpsMulDown, mulDivDown, mulDivUp, rayMulDown, rayMulUp } from "./math.js";
import { type ReadOptions, big, contractAt, field, list, str, struct, view, viewBigs } from "./read.js";

/** What the valuation needs of one reserve the account uses (a snapshot: simulate.ts changes the scaled amounts). */
export interface AccountReserveState {
  asset: string;
  /** Index in the spoke's reserve list and bitmap. */
  id: number;
  decimals: number;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
  /** The treasury's share of a liquidation bonus paid in this collateral. */
  liquidationProtocolFeeBps: bigint;
  /** The reserve's `ReserveFlags` bits (may it be borrowed, be collateral, ...). */
  flags: number;
  /** Oracle price, base currency (8 decimals) per whole token. */
  price: bigint;
  liquidityIndex: bigint;
  borrowIndex: bigint;
  scaledSupply: bigint;
  scaledDebt: bigint;
  /** Keel bitmap bits: supply used as collateral, reserve borrowed. */
  collateral: boolean;
  borrowing: boolean;
}

export interface AccountReserve extends AccountReserveState {
  /** Supply (rounded down) and debt (rounded up), asset units. */
  supplied: bigint;
  debt: bigint;
  /** Collateral value (0 unless used as collateral; rounded down) and debt value (rounded up), base currency. */
  collateralBase: bigint;
  debtBase: bigint;
  /** Price (8 decimals) of this collateral at or below which the account's health factor is below 1, all else equal;
   *  undefined when no fall of its price makes the account liquidatable (no debt, not collateral, or the rest of
   *  the collateral carries the debt on its own). */
  liquidationPrice: bigint | undefined;
}

export interface AccountSummary {
  /** Base currency (8 decimals). */
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  /** Sum of collateral x LTV (rounded down per reserve), base currency. */
  borrowPowerBase: bigint;
  /** Borrowing power left (`availableBorrowsBase`), base currency. */
  availableBorrowsBase: bigint;
  /** Sum of collateral x liquidation threshold, base currency. */
  weightedThresholdBase: bigint;
  /** Averages over the collateral, bps (rounded down). */
  currentLiquidationThresholdBps: bigint;
  ltvBps: bigint;
  /** WAD; MAX_HEALTH_FACTOR without debt. */
  healthFactor: bigint;
}

export interface Account extends AccountSummary {
  spoke: string;
  user: string;
  reserves: AccountReserve[];
}

const unitOf = (decimals: number) => 10n ** BigInt(decimals);

function supplyValue(r: AccountReserveState): bigint {
  return mulDivDown(rayMulDown(r.scaledSupply, r.liquidityIndex), r.price, unitOf(r.decimals));
}

function debtValue(r: AccountReserveState): bigint {
  return mulDivUp(rayMulUp(r.scaledDebt, r.borrowIndex), r.price, unitOf(r.decimals));
}

/** GenericLogic.accountData + PositionLogic.getUserAccountData over a snapshot of the account's reserves. */
export function summarize(reserves: readonly AccountReserveState[]): AccountSummary {
  let totalCollateralBase = 0n;
  let totalDebtBase = 0n;
  let borrowPowerBase = 0n;
  let weightedThresholdBase = 0n;
  for (const r of reserves) {
    if (r.collateral && r.scaledSupply !== 0n) {
      const value = supplyValue(r);
      totalCollateralBase += value;
      borrowPowerBase += bpsMulDown(value, r.ltvBps);
      weightedThresholdBase += bpsMulDown(value, r.liquidationThresholdBps);
    }
    if (r.borrowing) totalDebtBase += debtValue(r);
  }
  const healthFactor = totalDebtBase === 0n ? MAX_HEALTH_FACTOR : mulDivDown(weightedThresholdBase, WAD, totalDebtBase);
  return {
    totalCollateralBase,
    totalDebtBase,
    borrowPowerBase,
    availableBorrowsBase: borrowPowerBase > totalDebtBase ? borrowPowerBase - totalDebtBase : 0n,
    weightedThresholdBase,
    currentLiquidationThresholdBps:
      totalCollateralBase === 0n ? 0n : mulDivDown(weightedThresholdBase, BPS, totalCollateralBase),
    ltvBps: totalCollateralBase === 0n ? 0n : mulDivDown(borrowPowerBase, BPS, totalCollateralBase),
    healthFactor,
  };
}

/**
 * The price p of collateral `r` at which the health factor reaches 1, others fixed: solves
 * W_other + s·p·LT = D_other + d·p (s, d: its supply and debt in whole tokens, LT its threshold; d counts when the
 * same asset is borrowed too), rounded down. The contracts round each reserve's value, which moves the exact
 * threshold by a few base units at most.
 */
function liquidationPriceOf(r: AccountReserveState, summary: AccountSummary): bigint | undefined {
  if (!r.collateral || r.scaledSupply === 0n || summary.totalDebtBase === 0n) return undefined;
  const unit = unitOf(r.decimals);
  const supplied = rayMulDown(r.scaledSupply, r.liquidityIndex);
  const debt = r.borrowing ? rayMulUp(r.scaledDebt, r.borrowIndex) : 0n;
  const own = supplyValue(r);
  const otherWeighted = summary.weightedThresholdBase - bpsMulDown(own, r.liquidationThresholdBps);
  const otherDebt = summary.totalDebtBase - (r.borrowing ? debtValue(r) : 0n);
  // Per unit of price: weighted value gained minus debt value gained, times unit * BPS.
  const slope = supplied * r.liquidationThresholdBps - debt * BPS;
  if (slope <= 0n) return undefined; // a lower price of this asset does not lower the health factor
  const gap = (otherDebt - otherWeighted) * unit * BPS;
  return gap <= 0n ? undefined : gap / slope; // gap <= 0: healthy even at a price of 0
}

/** The account's per-reserve view and summary from a snapshot (no chain access). */
export function valueAccount(spoke: string, user: string, reserves: readonly AccountReserveState[]): Account {
  const summary = summarize(reserves);
  return {
    spoke,
    user,
    ...summary,
    reserves: reserves.map((r) => ({
      ...r,
      supplied: rayMulDown(r.scaledSupply, r.liquidityIndex),
      debt: rayMulUp(r.scaledDebt, r.borrowIndex),
      collateralBase: r.collateral && r.scaledSupply !== 0n ? supplyValue(r) : 0n,
      debtBase: r.borrowing ? debtValue(r) : 0n,
      liquidationPrice: liquidationPriceOf(r, summary),
    })),
  };
}

/** Reads the snapshot of `user`'s reserves on the Pool-type spoke at `poolAddress`: every reserve it supplies,
 *  borrows or uses as collateral (`all`: every listed reserve). */
export async function readAccountState(
  runner: ContractRunner,
  poolAddress: string,
  user: string,
  opts: ReadOptions & { all?: boolean } = {},
): Promise<AccountReserveState[]> {
  const pool = contractAt(poolAddress, poolAbi, runner);
  const [hubAddress, oracleAddress] = await Promise.all(
    ["hub", "oracle"].map(async (fn) => str((await view(pool, fn, [], opts))[0])),
  );
  const hub = contractAt(hubAddress ?? "", liquidityHubAbi, runner);
  const oracle = contractAt(oracleAddress ?? "", oracleAbi, runner);
  const [cfg = 0n] = await viewBigs(pool, "getKeelUserConfiguration", [user], opts);
  const assets = list((await view(pool, "getReservesList", [], opts))[0]).map((a) => str(a));
  const out: AccountReserveState[] = [];
  for (const [id, asset] of assets.entries()) {
    const bits = (cfg >> BigInt(2 * id)) & 3n;
    const p = struct((await view(pool, "getUserPosition", [asset, user], opts))[0]);
    const scaledSupply = big(field(p, "scaledSupply"));
    const scaledDebt = big(field(p, "scaledDebt"));
    if (!opts.all && bits === 0n && scaledSupply === 0n && scaledDebt === 0n) continue;
    const c = struct(field(struct((await view(pool, "getKeelReserveData", [asset], opts))[0]), "config"));
    const [liquidityIndex = 0n, borrowIndex = 0n] = await viewBigs(hub, "currentIndexes", [asset], opts);
    let price = 0n;
    try {
      [price = 0n] = await viewBigs(oracle, "getAssetPrice", [asset], opts);
    } catch (e) {
      // A stale or missing feed makes the contract's valuation revert too: only tolerable for an unused reserve.
      if (bits !== 0n) throw e;
    }
    out.push({
      asset,
      id,
      decimals: Number(big(field(c, "decimals"))),
      ltvBps: big(field(c, "ltv")),
      liquidationThresholdBps: big(field(c, "liquidationThreshold")),
      liquidationBonusBps: big(field(c, "liquidationBonus")),
      liquidationProtocolFeeBps: big(field(c, "liquidationProtocolFee")),
      flags: Number(big(field(c, "flags"))),
      price,
      liquidityIndex,
      borrowIndex,
      scaledSupply,
      scaledDebt,
      collateral: (bits & 1n) !== 0n,
      borrowing: (bits & 2n) !== 0n,
    });
  }
  return out;
}

/** `user`'s account on the Pool-type spoke at `poolAddress`. */
export async function readAccount(
  runner: ContractRunner,
  poolAddress: string,
  user: string,
  opts: ReadOptions = {},
): Promise<Account> {
  return valueAccount(poolAddress, user, await readAccountState(runner, poolAddress, user, opts));
}
