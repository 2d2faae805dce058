// The random core-spoke action of the SDK's simulation fuzz (test/sdk/simulate.ts in-process, scripts/sdk-fuzz-node.ts
// on real nodes): a random kind on a random asset, sized from the account, some borrows beyond its power and some
// withdrawals of everything, so the refusals are reached too; the action sent on chain, and what the chain then holds
// beside what the simulation predicted.
import { type ContractTransactionResponse, MaxUint256 } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  type Action,
  type ActionKind,
  type SimulationResult,
  type SimulationState,
  RAY,
  accountAt,
} from "../../packages/sdk/src/index.js";
import type { Pool } from "../../types/ethers-contracts/index.js";

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

/** Sends `action` from `user` on the Pool-type spoke `pool` (Aave V3's calls, variable rate, for the user itself). */
export function sendAction(
  pool: Pool,
  user: HardhatEthersSigner,
  action: Action,
): Promise<ContractTransactionResponse> {
  const p = pool.connect(user);
  const { kind, asset, amount } = action;
  if (kind === "supply") return p.supply(asset, amount, user.address, 0);
  if (kind === "withdraw") return p.withdraw(asset, amount, user.address);
  if (kind === "borrow") return p.borrow(asset, amount, 2, 0, user.address);
  return p.repay(asset, amount, 2, user.address);
}

/** The simulated account (getUserAccountData's six values, then the action's asset's scaled supply and debt) and the
 *  chain's at `blockTag`, in that order, to compare to the wei. */
export async function simulatedAndChain(
  pool: Pool,
  user: string,
  asset: string,
  predicted: SimulationResult,
  blockTag: number,
): Promise<{ simulated: bigint[]; chain: bigint[] }> {
  const a = predicted.account;
  const after = predicted.reserves.find((x) => x.asset === asset);
  if (after === undefined) throw new Error(`${asset} is not a reserve of the simulated spoke`);
  const d = await pool.getUserAccountData(user, { blockTag });
  const position = await pool.getUserPosition(asset, user, { blockTag });
  return {
    simulated: [
      a.totalCollateralBase,
      a.totalDebtBase,
      a.availableBorrowsBase,
      a.currentLiquidationThresholdBps,
      a.ltvBps,
      a.healthFactor,
      after.scaledSupply,
      after.scaledDebt,
    ],
    chain: [d[0], d[1], d[2], d[3], d[4], d[5], position.scaledSupply, position.scaledDebt],
  };
}
