// The random core-spoke action of the SDK's simulation fuzz (test/sdk/simulate.ts in-process, scripts/sdk-fuzz-node.ts
// on real nodes): a random kind on a random asset, sized from the account, some borrows beyond its power and some
// withdrawals of everything, so the refusals are reached too.
import { MaxUint256 } from "ethers";
import { type Action, type ActionKind, type SimulationState, RAY, accountAt } from "../../packages/sdk/src/index.js";

export interface FuzzMarket {
  /** The assets to draw from, in a fixed order (the seed's sequence depends on it). */
  assets: readonly string[];
  decimals: Readonly<Record<string, number>>;
  /** Oracle prices now (base currency, 8 decimals). */
  prices: Readonly<Record<string, bigint>>;
  /** A supply is `unit x rand(1, supplyMax) / supplyDivisor(asset)`. */
  supplyMax: number;
  supplyDivisor: (asset: string) => bigint;
}

/** The next action for `state` at `timestamp`: the same seed and market give the same sequence. */
export function randomAction(
  rand: (lo: number, hi: number) => number,
  state: SimulationState,
  timestamp: bigint,
  m: FuzzMarket,
): Action {
  const asset = m.assets[rand(0, m.assets.length - 1)] ?? "";
  const r = state.reserves.find((x) => x.asset === asset);
  if (r === undefined) throw new Error(`${asset} is not a reserve of the simulated spoke`);
  const unit = 10n ** BigInt(m.decimals[asset] ?? 0);
  let kind: ActionKind = (["supply", "withdraw", "borrow", "repay"] as const)[rand(0, 3)] ?? "supply";
  if (kind === "repay" && r.scaledDebt === 0n) kind = "borrow";
  if (kind === "withdraw" && r.scaledSupply === 0n) kind = "supply";
  const now = accountAt(state, timestamp).account;
  let amount: bigint;
  if (kind === "supply") amount = (unit * BigInt(rand(1, m.supplyMax))) / m.supplyDivisor(asset);
  else if (kind === "withdraw")
    amount =
      rand(1, 6) === 1 ? MaxUint256 : (((r.scaledSupply * r.liquidityIndex) / RAY) * BigInt(rand(5, 100))) / 100n;
  else if (kind === "repay")
    amount = rand(1, 5) === 1 ? MaxUint256 : (((r.scaledDebt * r.borrowIndex) / RAY) * BigInt(rand(5, 100))) / 100n;
  else amount = (now.availableBorrowsBase * unit * BigInt(rand(10, 125))) / 100n / (m.prices[asset] ?? 1n);
  if (amount === 0n) amount = unit / 100n;
  return { kind, asset, amount };
}
