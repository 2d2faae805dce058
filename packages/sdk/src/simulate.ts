// The result of an action on a Pool-type spoke before sending it: the account after supply / withdraw / borrow /
// repay at a given timestamp, computed off-chain with the contracts' own rounding (the hub's accrual, shares minted
// and burned, the spoke's valuation), and whether the spoke's health checks would refuse it. Equal to the chain's
// `getUserAccountData` after the action to the wei (test/sdk/simulate.ts).
import { type ContractRunner, MaxUint256 } from "ethers";
import { liquidityHubAbi, poolAbi } from "./abis.js";
import { type AccountReserveState, type AccountSummary, readAccountState, summarize } from "./account.js";
import { HubFlags, RAY, ReserveFlags, WAD } from "./constants.js";
import { bpsMulDown, compoundedGrowthDown, mulDivDown, rayDivDown, rayDivUp, rayMulDown, rayMulUp } from "./math.js";
import { type ReadOptions, big, contractAt, field, str, struct, view } from "./read.js";

const UINT128_MAX = 2n ** 128n - 1n;

/** The hub's stored state of an asset that its indexes at a later time follow from (`ILiquidityHub.Asset`). */
export interface HubAssetState {
  liquidityIndex: bigint;
  borrowIndex: bigint;
  totalShares: bigint;
  totalDrawnShares: bigint;
  lastUpdate: bigint;
  /** RAY per second. */
  borrowRate: bigint;
  reserveFactorBps: bigint;
  hasTreasury: boolean;
}

/** The hub's indexes of an asset at `timestamp` (LiquidityHub._currentState: compounded borrow index rounded up
 *  and saturating, suppliers' share of the interest into the liquidity index rounded down). */
export function indexesAt(a: HubAssetState, timestamp: bigint): { liquidityIndex: bigint; borrowIndex: bigint } {
  if (timestamp <= a.lastUpdate || a.borrowRate === 0n || a.totalDrawnShares === 0n) {
    return { liquidityIndex: a.liquidityIndex, borrowIndex: a.borrowIndex };
  }
  let borrowIndex = rayMulUp(a.borrowIndex, RAY + compoundedGrowthDown(a.borrowRate, timestamp - a.lastUpdate));
  if (borrowIndex > UINT128_MAX) borrowIndex = UINT128_MAX;
  const interest = rayMulUp(a.totalDrawnShares, borrowIndex) - rayMulUp(a.totalDrawnShares, a.borrowIndex);
  const toTreasury = a.hasTreasury ? bpsMulDown(interest, a.reserveFactorBps) : 0n;
  let liquidityIndex = a.liquidityIndex;
  if (a.totalShares !== 0n) {
    const grown = liquidityIndex + mulDivDown(interest - toTreasury, RAY, a.totalShares);
    if (grown <= UINT128_MAX) liquidityIndex = grown;
  }
  return { liquidityIndex, borrowIndex };
}

/** Everything a simulation needs: the account's snapshot over every listed reserve, and the hub's state of each. */
export interface SimulationState {
  user: string;
  reserves: AccountReserveState[];
  hub: Record<string, HubAssetState>;
}

/** Reads the simulation state of `user` on the Pool-type spoke at `poolAddress`. */
export async function readSimulationState(
  runner: ContractRunner,
  poolAddress: string,
  user: string,
  opts: ReadOptions = {},
): Promise<SimulationState> {
  const reserves = await readAccountState(runner, poolAddress, user, { ...opts, all: true });
  const pool = contractAt(poolAddress, poolAbi, runner);
  const hub = contractAt(str((await view(pool, "hub", [], opts))[0]), liquidityHubAbi, runner);
  const states: Record<string, HubAssetState> = {};
  for (const r of reserves) {
    const a = struct((await view(hub, "getAsset", [r.asset], opts))[0]);
    states[r.asset] = {
      liquidityIndex: big(field(a, "liquidityIndex")),
      borrowIndex: big(field(a, "borrowIndex")),
      totalShares: big(field(a, "totalShares")),
      totalDrawnShares: big(field(a, "totalDrawnShares")),
      lastUpdate: big(field(a, "lastUpdate")),
      borrowRate: big(field(a, "borrowRate")),
      reserveFactorBps: big(field(a, "reserveFactor")),
      hasTreasury: (Number(big(field(a, "flags"))) & HubFlags.HAS_TREASURY) !== 0,
    };
  }
  return { user, reserves, hub: states };
}

export type ActionKind = "supply" | "withdraw" | "borrow" | "repay";

/** An action of the account's owner on its own account; `amount` in asset units, MaxUint256 = all (withdraw, repay). */
export interface Action {
  kind: ActionKind;
  asset: string;
  amount: bigint;
}

export interface SimulationResult {
  /** The account after the action (unchanged when it would revert). */
  account: AccountSummary;
  reserves: AccountReserveState[];
  /** What moves: supplied, withdrawn, borrowed or repaid, asset units. */
  amount: bigint;
  /** The spoke's health check that would refuse the action, with the values it would revert with. */
  revert?:
    | { name: "PoolInsufficientCollateral"; borrowPowerBase: bigint; debtBase: bigint }
    | { name: "PoolHealthFactorTooLow"; healthFactor: bigint };
}

/**
 * The account after `action` in a block at `timestamp` (unix seconds, at or after the state's block), prices as in
 * the state. Models the spoke's and the hub's arithmetic and its health checks (borrowing power after a borrow,
 * health factor after withdrawing collateral); not the other refusals (caps, liquidity, pauses, allowances).
 */
export function simulate(state: SimulationState, action: Action, timestamp: bigint): SimulationResult {
  const { reserves } = accountAt(state, timestamp);
  const r = reserves.find((x) => x.asset.toLowerCase() === action.asset.toLowerCase());
  if (r === undefined) throw new Error(`@keel/sdk: ${action.asset} is not a reserve of the simulated spoke`);
  let amount = action.amount;
  switch (action.kind) {
    case "supply": {
      const before = r.scaledSupply;
      r.scaledSupply += rayDivDown(amount, r.liquidityIndex); // SupplyLogic / hub.add: shares rounded down
      if (before === 0n && (r.flags & ReserveFlags.COLLATERAL) !== 0 && r.ltvBps !== 0n) r.collateral = true;
      break;
    }
    case "withdraw": {
      const balance = rayMulDown(r.scaledSupply, r.liquidityIndex);
      if (amount === MaxUint256) amount = balance;
      // hub._burnShares / InterestMath.sharesToBurnUp: rounded up, all shares on a full exit.
      let burn = amount === balance ? r.scaledSupply : rayDivUp(amount, r.liquidityIndex);
      if (burn > r.scaledSupply) burn = r.scaledSupply;
      const wasCollateral = r.collateral;
      r.scaledSupply -= burn;
      if (wasCollateral && r.scaledSupply === 0n) r.collateral = false;
      const after = summarize(reserves);
      const hasDebt = reserves.some((x) => x.borrowing);
      if (wasCollateral && hasDebt && after.healthFactor < WAD) {
        return {
          ...accountAt(state, timestamp),
          amount,
          revert: { name: "PoolHealthFactorTooLow", healthFactor: after.healthFactor },
        };
      }
      return { account: after, reserves, amount };
    }
    case "borrow": {
      r.scaledDebt += rayDivUp(amount, r.borrowIndex); // hub.draw: drawn shares rounded up
      r.borrowing = true;
      const after = summarize(reserves);
      if (after.totalDebtBase > after.borrowPowerBase) {
        return {
          ...accountAt(state, timestamp),
          amount,
          revert: {
            name: "PoolInsufficientCollateral",
            borrowPowerBase: after.borrowPowerBase,
            debtBase: after.totalDebtBase,
          },
        };
      }
      return { account: after, reserves, amount };
    }
    case "repay": {
      const debt = rayMulUp(r.scaledDebt, r.borrowIndex);
      amount = amount < debt ? amount : debt;
      // hub.restore: drawn shares rounded down, all of them when the whole debt is paid.
      const burn = amount === debt ? r.scaledDebt : rayDivDown(amount, r.borrowIndex);
      r.scaledDebt -= burn;
      if (r.scaledDebt === 0n) r.borrowing = false;
      break;
    }
  }
  return { account: summarize(reserves), reserves, amount };
}

/** The account as it stands in a block at `timestamp`, without any action: interest accrued, prices as in the state. */
export function accountAt(
  state: SimulationState,
  timestamp: bigint,
): { account: AccountSummary; reserves: AccountReserveState[] } {
  const reserves = state.reserves.map((r) => {
    const hub = state.hub[r.asset];
    return hub === undefined ? { ...r } : { ...r, ...indexesAt(hub, timestamp) };
  });
  return { account: summarize(reserves), reserves };
}

/** Largest `amount` in [0, hi] for which `ok(amount)` holds, `ok` monotone (true then false); 0 when none. */
function largest(hi: bigint, ok: (amount: bigint) => boolean): bigint {
  let lo = 0n;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/**
 * The most of `asset` the account can borrow in a block at `timestamp` before the spoke's borrowing-power check
 * refuses it (exact: a search over `simulate`, so the contracts' rounding decides). Not capped by the hub's cash or
 * the caps: compare with the market's `availableCash` and cap room.
 */
export function maxBorrowable(state: SimulationState, asset: string, timestamp: bigint): bigint {
  const now = accountAt(state, timestamp);
  const r = now.reserves.find((x) => x.asset.toLowerCase() === asset.toLowerCase());
  if (r === undefined || r.price === 0n || now.account.availableBorrowsBase === 0n) return 0n;
  // An upper bound: the borrowing power left, in asset units, rounded up, plus one unit.
  const hi = (now.account.availableBorrowsBase * 10n ** BigInt(r.decimals)) / r.price + 1n;
  return largest(hi, (amount) => simulate(state, { kind: "borrow", asset, amount }, timestamp).revert === undefined);
}

/** The most of `asset` the account can withdraw in a block at `timestamp`: its whole supply, or less when the
 *  spoke's health check would refuse more (exact, as `maxBorrowable`). Not capped by the hub's cash. */
export function maxWithdrawable(state: SimulationState, asset: string, timestamp: bigint): bigint {
  const now = accountAt(state, timestamp);
  const r = now.reserves.find((x) => x.asset.toLowerCase() === asset.toLowerCase());
  if (r === undefined) return 0n;
  const balance = rayMulDown(r.scaledSupply, r.liquidityIndex);
  return largest(
    balance,
    (amount) => simulate(state, { kind: "withdraw", asset, amount }, timestamp).revert === undefined,
  );
}
