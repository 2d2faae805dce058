// Keeper: finds unhealthy accounts from the pool's Borrow events and liquidates them. Run it as the task
// `keel keeper` (tasks/keeper/run.ts; `npm run keeper -- <flags>`):
//   npx hardhat keel keeper --network localhost             (liquidates)
//   npx hardhat keel keeper --dry-run --network localhost   (reports only)
//   npx hardhat keel keeper --flash                         (no capital: flash-borrows the debt, swaps the seized collateral, keeps the profit)
//   npx hardhat keel keeper --flash --slippage-bps 1000     (flash mode: share of the quoted profit a price move or sandwich may take, default 10%)
//   npx hardhat keel keeper --watch 30                      (a round every 30 seconds until stopped)
// The core, `runKeeper`, is exported for the task, the demo and the tests. It is built on the SDK (packages/sdk):
// `readAccount` values each borrower (health factor, the largest debt and collateral), `simulateLiquidation` predicts
// the liquidation before it is sent (logged, also in a dry run), and the chain's LiquidationCall is checked against
// the prediction afterwards (a mismatch is logged with both amounts); capital mode sends with `poolTx` / `sendTx`.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Interface, MaxUint256, type TransactionReceipt, formatUnits } from "ethers";
import type { DeploymentRecord } from "../deploy/records.js";
import {
  type AccountReserve,
  type LiquidationInput,
  type LiquidationResult,
  type SimulationState,
  WAD,
  approvalFor,
  formatHealthFactor,
  poolTx,
  readAccount,
  readSimulationState,
  sendTx,
  simulateLiquidation,
} from "../packages/sdk/src/index.js";
import { DEFAULT_SLIPPAGE_BPS } from "./keeper/constants.js";

export interface KeeperOptions {
  dryRun?: boolean;
  log?: (line: string) => void;
  keeper?: HardhatEthersSigner;
  /** Scan Borrow events from this block (default: the pool's deployment block). */
  fromBlock?: number;
  /** Liquidate with no capital through the deployment's FlashLiquidator and swap adapter (dev networks). */
  useFlashLiquidator?: boolean;
  /**
   * Flash mode: the share of the quoted profit, in bps, the keeper accepts to lose between its quote and its
   * transaction (price moves, a sandwich around the swap). `minProfit = quote * (10_000 - slippageBps) / 10_000`, so a
   * sandwich can take at most this share; more makes the transaction revert. Default 1,000 (10%).
   */
  slippageBps?: bigint;
}

/** The SDK's simulation of the liquidation (packages/sdk/src/liquidation.ts) before it is sent, and how the chain's
 *  LiquidationCall event compares with it. */
export interface KeeperPrediction {
  /** The block timestamp the prediction is for (the block after the one the state was read at). */
  timestamp: bigint;
  /** Debt the liquidation repays (debt-asset units) and collateral the keeper receives, the treasury's fee excluded
   *  (collateral units): the event's `debtToCover` and `liquidatedCollateralAmount`. */
  debtCovered: bigint;
  collateralSeized: bigint;
  /** The treasury's share of the bonus, collateral units. */
  protocolFee: bigint;
  /** The custom error the spoke would refuse with, when the SDK predicts a refusal. */
  refusal?: string;
  /** After sending: the event equals the simulation for the block it was mined in (re-run for that block's timestamp
   *  when it is not `timestamp`). Undefined when nothing was liquidated. */
  matches?: boolean;
}

export interface KeeperAction {
  user: string;
  healthFactor: bigint;
  collateral: string;
  debt: string;
  liquidated: boolean;
  debtCovered?: bigint;
  collateralSeized?: bigint;
  /** Flash mode: the profit the liquidation gives now (simulated), and the minimum passed to the contract. */
  quotedProfit?: bigint;
  minProfit?: bigint;
  /** What the SDK predicted before sending (also in a dry run). */
  prediction?: KeeperPrediction;
  error?: string;
}

export { DEFAULT_SLIPPAGE_BPS };

/** The reserve with the largest `value` (the first of equals; undefined when every value is 0). */
function largest(
  reserves: readonly AccountReserve[],
  value: (r: AccountReserve) => bigint,
): AccountReserve | undefined {
  let best: AccountReserve | undefined;
  for (const r of reserves) if (value(r) > (best === undefined ? 0n : value(best))) best = r;
  return best;
}

/** The pool's LiquidationCall event in `rc`, as the two amounts the keeper reports. */
function liquidationEvent(
  iface: Interface,
  rc: TransactionReceipt | null,
): { debtCovered: bigint; collateralSeized: bigint } | undefined {
  for (const l of rc?.logs ?? []) {
    let parsed;
    try {
      parsed = iface.parseLog(l);
    } catch {
      continue;
    }
    if (parsed?.name === "LiquidationCall")
      return {
        debtCovered: parsed.args.debtToCover as bigint,
        collateralSeized: parsed.args.liquidatedCollateralAmount as bigint,
      };
  }
  return undefined;
}

function predictionOf(result: LiquidationResult, timestamp: bigint): KeeperPrediction {
  return {
    timestamp,
    debtCovered: result.debtRepaid,
    collateralSeized: result.toLiquidator,
    protocolFee: result.protocolFee,
    refusal: result.revert?.name,
  };
}

export async function runKeeper(
  ethers: HardhatEthers,
  record: DeploymentRecord,
  opts: KeeperOptions = {},
): Promise<KeeperAction[]> {
  const log = opts.log ?? (() => {});
  const keeper = opts.keeper ?? (await ethers.getSigners())[0];
  const pool = await ethers.getContractAt("Pool", record.contracts.Pool.address);
  const poolAddress = await pool.getAddress();
  const fromBlock = opts.fromBlock ?? record.contracts.Pool.block ?? 0;
  const events = await pool.queryFilter(pool.filters.Borrow(), fromBlock);
  const users = [...new Set(events.map((e) => e.args.onBehalfOf))];
  log(`keeper: ${String(users.length)} borrower(s) seen since block ${String(fromBlock)}`);
  const reserveBook = record.reserves ?? {};
  const symbolOf = (asset: string) =>
    Object.entries(reserveBook).find(([, r]) => r.asset.toLowerCase() === asset.toLowerCase())?.[0] ?? asset;
  const actions: KeeperAction[] = [];
  for (const user of users) {
    // The account as the SDK values it (equal to getUserAccountData to the wei), read at one block so every value
    // and the simulation state below agree.
    const blockTag = await ethers.provider.getBlockNumber();
    const account = await readAccount(ethers.provider, poolAddress, user, { blockTag });
    const hf = account.healthFactor;
    if (hf >= WAD) continue;
    // Largest debt and largest collateral position, valued in the base currency.
    const debt = largest(account.reserves, (r) => r.debtBase);
    const col = largest(account.reserves, (r) => r.collateralBase);
    const [debtSymbol, colSymbol] = [debt ? symbolOf(debt.asset) : "", col ? symbolOf(col.asset) : ""];
    const action: KeeperAction = { user, healthFactor: hf, collateral: colSymbol, debt: debtSymbol, liquidated: false };
    actions.push(action);
    log(`keeper: ${user} health factor ${formatHealthFactor(hf)} → liquidate ${debtSymbol} debt against ${colSymbol}`);
    if (debt === undefined || col === undefined) continue;
    const fmtDebt = (v: bigint) => `${formatUnits(v, debt.decimals)} ${debtSymbol}`;
    const fmtCol = (v: bigint) => `${formatUnits(v, col.decimals)} ${colSymbol}`;
    // Capital mode approves first, so the prediction is for the block the liquidation itself goes into.
    if (!opts.dryRun && !opts.useFlashLiquidator) {
      const approval = await approvalFor(keeper, debt.asset, keeper.address, poolAddress, MaxUint256 / 2n, {
        unlimited: true,
      });
      if (approval !== undefined) await sendTx(keeper, approval);
    }
    // The SDK's simulation of the liquidation for the next block: what it repays and seizes, or why it is refused.
    const input: LiquidationInput = { collateral: col.asset, debt: debt.asset, debtToCover: MaxUint256 };
    const stateBlock = await ethers.provider.getBlockNumber();
    const state: SimulationState = await readSimulationState(ethers.provider, poolAddress, user, {
      blockTag: stateBlock,
    });
    const nextTimestamp = BigInt((await ethers.provider.getBlock(stateBlock))?.timestamp ?? 0) + 1n;
    const prediction = predictionOf(simulateLiquidation(state, input, nextTimestamp), nextTimestamp);
    action.prediction = prediction;
    log(
      prediction.refusal === undefined
        ? `keeper: predicted (SDK): cover ${fmtDebt(prediction.debtCovered)}, seize ${fmtCol(prediction.collateralSeized)} (treasury fee ${fmtCol(prediction.protocolFee)})`
        : `keeper: predicted (SDK): the spoke refuses with ${prediction.refusal}`,
    );
    if (opts.dryRun) continue;
    /** Compares the chain's event with the simulation for the block the transaction was mined in. */
    const check = async (rc: TransactionReceipt | null, ev: { debtCovered: bigint; collateralSeized: bigint }) => {
      const minedAt = BigInt((rc === null ? null : await ethers.provider.getBlock(rc.blockNumber))?.timestamp ?? 0);
      let expected = prediction;
      if (minedAt !== prediction.timestamp) {
        expected = predictionOf(simulateLiquidation(state, input, minedAt), minedAt);
        log(
          `keeper: mined at ${String(minedAt)}, not ${String(prediction.timestamp)}: prediction re-run for that block`,
        );
      }
      prediction.matches = ev.debtCovered === expected.debtCovered && ev.collateralSeized === expected.collateralSeized;
      if (!prediction.matches)
        log(
          `keeper: MISMATCH for ${user}: the SDK predicted cover ${fmtDebt(expected.debtCovered)}, seize ${fmtCol(expected.collateralSeized)}; the chain covered ${fmtDebt(ev.debtCovered)}, seized ${fmtCol(ev.collateralSeized)}`,
        );
    };
    if (opts.useFlashLiquidator) {
      const fl = await ethers.getContractAt("FlashLiquidator", record.contracts.FlashLiquidator.address, keeper);
      try {
        const debtToken = await ethers.getContractAt("MockERC20", debt.asset);
        const before = await debtToken.balanceOf(keeper.address);
        // Quote: the whole flash liquidation simulated against the latest block (the loan sized by the contract, the
        // pool's close factor and bonus, the adapter's swap of the seized collateral, the premium), so the quote is
        // "swap output of the seized collateral - (debt repaid + premium)" with nothing re-implemented here.
        const adapter = record.contracts.SwapAdapter.address;
        const quoted = await fl.liquidate.staticCall(col.asset, debt.asset, user, MaxUint256, adapter, 0n);
        const slippageBps = opts.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
        if (slippageBps < 0n || slippageBps > 10_000n)
          throw new Error(`slippageBps ${String(slippageBps)} outside [0, 10000]`);
        const minProfit = (quoted * (10_000n - slippageBps)) / 10_000n;
        action.quotedProfit = quoted;
        action.minProfit = minProfit;
        log(
          `keeper: quoted profit ${fmtDebt(quoted)}, minimum ${fmtDebt(minProfit)} (${String(Number(slippageBps) / 100)}% slippage tolerance)`,
        );
        const rc = await (await fl.liquidate(col.asset, debt.asset, user, MaxUint256, adapter, minProfit)).wait();
        const profit = (await debtToken.balanceOf(keeper.address)) - before;
        const ev = liquidationEvent(pool.interface, rc);
        action.liquidated = true;
        action.debtCovered = ev?.debtCovered;
        action.collateralSeized = ev?.collateralSeized;
        log(
          `keeper: flash-liquidated ${user} with no capital: covered ${fmtDebt(action.debtCovered ?? 0n)}, seized ${fmtCol(action.collateralSeized ?? 0n)}, profit ${fmtDebt(profit)}`,
        );
        if (ev !== undefined) await check(rc, ev);
      } catch (e) {
        action.error = (e as Error).message.split("\n")[0];
        log(`keeper: flash liquidation of ${user} failed: ${action.error}`);
      }
      continue;
    }
    try {
      const rc = await sendTx(keeper, poolTx.liquidate(poolAddress, col.asset, debt.asset, user, MaxUint256, false));
      const ev = liquidationEvent(pool.interface, rc);
      action.liquidated = true;
      action.debtCovered = ev?.debtCovered;
      action.collateralSeized = ev?.collateralSeized;
      log(
        `keeper: liquidated ${user}: covered ${fmtDebt(action.debtCovered ?? 0n)}, seized ${fmtCol(action.collateralSeized ?? 0n)}`,
      );
      if (ev !== undefined) await check(rc, ev);
    } catch (e) {
      action.error = (e as Error).message.split("\n")[0];
      log(`keeper: liquidation of ${user} failed: ${action.error}`);
    }
  }
  if (actions.length === 0) log("keeper: every account is healthy");
  return actions;
}
