// A liquidation before sending it: what the core spoke's LiquidationLogic would repay, seize, pay the liquidator and
// the treasury, and whether it would write off bad debt or refuse, computed off-chain with its own rounding from a
// simulation state (simulate.ts). Equal to the chain's `LiquidationCall` event to the wei (test/sdk/liquidation.ts).
import { MaxUint256 } from "ethers";
import { BPS, WAD } from "./constants.js";
import { bpsMulDown, mulDivDown, mulDivUp, rayMulDown, rayMulUp } from "./math.js";
import { type SimulationState, accountAt } from "./simulate.js";

/** LiquidationLogic's constants: the health factor above which the close factor may be 50%, the value both the
 *  debt and the collateral must reach for it, and the least a partial liquidation may leave (base currency). */
export const CLOSE_FACTOR_HF_THRESHOLD = (WAD * 95n) / 100n;
export const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000n * 10n ** 8n;
export const MIN_LEFTOVER_BASE = 1000n * 10n ** 8n;

export interface LiquidationInput {
  collateral: string;
  debt: string;
  /** Debt the liquidator offers to repay, debt-asset units (MaxUint256 = as much as allowed). */
  debtToCover: bigint;
  /** The spoke has a treasury (it takes its fee from the bonus); true on every deployment of the one deployer. */
  hasTreasury?: boolean;
}

export type LiquidationRevert =
  | { name: "PoolHealthFactorNotBelowThreshold"; healthFactor: bigint }
  | { name: "PoolCollateralNotEnabled" }
  | { name: "PoolNoDebt" }
  | { name: "PoolMustNotLeaveDust" }
  | { name: "PoolAmountTooSmall"; amount: bigint };

export interface LiquidationResult {
  healthFactor: bigint;
  /** Debt repaid by the liquidator (after the close factor and the collateral limit), debt-asset units. */
  debtRepaid: bigint;
  /** Collateral taken from the account, the protocol's fee included, collateral units. */
  collateralSeized: bigint;
  /** The bonus part of it (what the seizure pays beyond the debt's value), collateral units. */
  bonus: bigint;
  /** The treasury's share of the bonus, and what the liquidator receives (`liquidatedCollateralAmount`). */
  protocolFee: bigint;
  toLiquidator: bigint;
  /** No collateral value is left: the rest of the account's debt is written off as bad debt. */
  writesOffBadDebt: boolean;
  /** The refusal the spoke would give (the amounts are then 0). Not modelled: pauses, grace periods, allowances. */
  revert?: LiquidationRevert;
}

const refused = (healthFactor: bigint, revert: LiquidationRevert): LiquidationResult => ({
  healthFactor,
  debtRepaid: 0n,
  collateralSeized: 0n,
  bonus: 0n,
  protocolFee: 0n,
  toLiquidator: 0n,
  writesOffBadDebt: false,
  revert,
});

/** The liquidation of the state's account in a block at `timestamp` (LiquidationLogic.executeLiquidationCall). */
export function simulateLiquidation(
  state: SimulationState,
  input: LiquidationInput,
  timestamp: bigint,
): LiquidationResult {
  const { account, reserves } = accountAt(state, timestamp);
  const hf = account.healthFactor;
  if (hf >= WAD) return refused(hf, { name: "PoolHealthFactorNotBelowThreshold", healthFactor: hf });
  const find = (a: string) => reserves.find((r) => r.asset.toLowerCase() === a.toLowerCase());
  const col = find(input.collateral);
  const debt = find(input.debt);
  if (col === undefined || debt === undefined)
    throw new Error("@keel/sdk: collateral or debt is not a reserve of the simulated spoke");
  if (!col.collateral) return refused(hf, { name: "PoolCollateralNotEnabled" });
  const userDebt = rayMulUp(debt.scaledDebt, debt.borrowIndex);
  if (userDebt === 0n) return refused(hf, { name: "PoolNoDebt" });
  const colBalance = rayMulDown(col.scaledSupply, col.liquidityIndex);
  const [colUnit, debtUnit] = [10n ** BigInt(col.decimals), 10n ** BigInt(debt.decimals)];
  const [colPrice, debtPrice] = [col.price, debt.price];

  // Close factor: all of this debt, or at most half the account's debt value when only mildly unhealthy and both
  // sides are worth at least $2,000.
  let maxDebt = userDebt;
  if (
    hf > CLOSE_FACTOR_HF_THRESHOLD &&
    mulDivUp(userDebt, debtPrice, debtUnit) >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
    mulDivDown(colBalance, colPrice, colUnit) >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
  ) {
    const halfTotal = mulDivDown(account.totalDebtBase / 2n, debtUnit, debtPrice);
    if (halfTotal < maxDebt) maxDebt = halfTotal;
  }
  let debtToCover = input.debtToCover === MaxUint256 || input.debtToCover > maxDebt ? maxDebt : input.debtToCover;
  const bonusBps = col.liquidationBonusBps;
  let colAmount = bpsMulDown(mulDivDown(debtToCover, debtPrice * colUnit, colPrice * debtUnit), bonusBps);
  if (colAmount > colBalance) {
    colAmount = colBalance;
    debtToCover = mulDivUp(mulDivUp(colBalance, colPrice * debtUnit, debtPrice * colUnit), BPS, bonusBps);
    if (debtToCover > userDebt) debtToCover = userDebt;
  }
  if (debtToCover < userDebt && colAmount < colBalance) {
    const debtLeftBig = mulDivDown(userDebt - debtToCover, debtPrice, debtUnit) >= MIN_LEFTOVER_BASE;
    const colLeftBig = mulDivDown(colBalance - colAmount, colPrice, colUnit) >= MIN_LEFTOVER_BASE;
    if (!debtLeftBig || !colLeftBig) return refused(hf, { name: "PoolMustNotLeaveDust" });
  }
  const writesOffBadDebt = mulDivDown(colAmount, colPrice, colUnit) >= account.totalCollateralBase;
  if (colAmount === 0n && !writesOffBadDebt && debtToCover !== userDebt)
    return refused(hf, { name: "PoolAmountTooSmall", amount: input.debtToCover });
  const bonus = colAmount - mulDivUp(colAmount, BPS, bonusBps);
  const protocolFee = input.hasTreasury === false ? 0n : bpsMulDown(bonus, col.liquidationProtocolFeeBps);
  return {
    healthFactor: hf,
    debtRepaid: debtToCover,
    collateralSeized: colAmount,
    bonus,
    protocolFee,
    toLiquidator: colAmount - protocolFee,
    writesOffBadDebt,
  };
}
