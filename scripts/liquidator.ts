// Keeper: finds unhealthy accounts from the pool's Borrow events and liquidates them. Run it as the task
// `keel keeper` (tasks/keeper/run.ts; `npm run keeper -- <flags>`):
//   npx hardhat keel keeper --network localhost             (liquidates)
//   npx hardhat keel keeper --dry-run --network localhost   (reports only)
//   npx hardhat keel keeper --flash                         (no capital: flash-borrows the debt, swaps the seized collateral, keeps the profit)
//   npx hardhat keel keeper --flash --slippage-bps 1000     (flash mode: share of the quoted profit a price move or sandwich may take, default 10%)
//   npx hardhat keel keeper --watch 30                      (a round every 30 seconds until stopped)
// The core, `runKeeper`, is exported for the task, the demo and the tests.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256, formatUnits } from "ethers";
import type { DeploymentRecord } from "../deploy/records.js";
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
  error?: string;
}

export { DEFAULT_SLIPPAGE_BPS };

const WAD = 10n ** 18n;

export async function runKeeper(
  ethers: HardhatEthers,
  record: DeploymentRecord,
  opts: KeeperOptions = {},
): Promise<KeeperAction[]> {
  const log = opts.log ?? (() => {});
  const keeper = opts.keeper ?? (await ethers.getSigners())[0];
  const pool = await ethers.getContractAt("Pool", record.contracts.Pool.address);
  const fromBlock = opts.fromBlock ?? record.contracts.Pool.block ?? 0;
  const events = await pool.queryFilter(pool.filters.Borrow(), fromBlock);
  const users = [...new Set(events.map((e) => e.args.onBehalfOf))];
  log(`keeper: ${String(users.length)} borrower(s) seen since block ${String(fromBlock)}`);
  const reserveBook = record.reserves ?? {};
  const reserves = Object.entries(reserveBook);
  const actions: KeeperAction[] = [];
  for (const user of users) {
    const data = await pool.getUserAccountData(user);
    const hf = data[5];
    if (hf >= WAD) continue;
    // Largest debt and largest collateral position, valued in the base currency.
    const oracle = await ethers.getContractAt("IPriceOracle", await pool.oracle());
    let best = { debt: "", debtValue: 0n, col: "", colValue: 0n };
    const cfg = await pool.getKeelUserConfiguration(user);
    for (const [symbol, r] of reserves) {
      const price = await oracle.getAssetPrice(r.asset);
      const unit = 10n ** BigInt(r.decimals);
      const debtValue = ((await pool.debtBalanceOf(r.asset, user)) * price) / unit;
      const id = (await pool.getKeelReserveData(r.asset)).config.id;
      const isCol = ((cfg >> (2n * id)) & 1n) === 1n;
      const colValue = isCol ? ((await pool.supplyBalanceOf(r.asset, user)) * price) / unit : 0n;
      if (debtValue > best.debtValue) best = { ...best, debt: symbol, debtValue };
      if (colValue > best.colValue) best = { ...best, col: symbol, colValue };
    }
    const action: KeeperAction = { user, healthFactor: hf, collateral: best.col, debt: best.debt, liquidated: false };
    actions.push(action);
    log(
      `keeper: ${user} health factor ${String(Number((hf * 10000n) / WAD) / 10000)} → liquidate ${best.debt} debt against ${best.col}`,
    );
    if (opts.dryRun || !best.col || !best.debt) continue;
    const debt = reserveBook[best.debt];
    const col = reserveBook[best.col];
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
          `keeper: quoted profit ${formatUnits(quoted, debt.decimals)} ${best.debt}, minimum ${formatUnits(minProfit, debt.decimals)} (${String(Number(slippageBps) / 100)}% slippage tolerance)`,
        );
        const rc = await (await fl.liquidate(col.asset, debt.asset, user, MaxUint256, adapter, minProfit)).wait();
        const profit = (await debtToken.balanceOf(keeper.address)) - before;
        const ev = rc?.logs
          .map((l) => {
            try {
              return pool.interface.parseLog(l);
            } catch {
              return null;
            }
          })
          .find((p) => p?.name === "LiquidationCall");
        action.liquidated = true;
        action.debtCovered = ev?.args.debtToCover as bigint | undefined;
        action.collateralSeized = ev?.args.liquidatedCollateralAmount as bigint | undefined;
        log(
          `keeper: flash-liquidated ${user} with no capital: covered ${formatUnits(action.debtCovered ?? 0n, debt.decimals)} ${best.debt}, seized ${formatUnits(action.collateralSeized ?? 0n, col.decimals)} ${best.col}, profit ${formatUnits(profit, debt.decimals)} ${best.debt}`,
        );
      } catch (e) {
        action.error = (e as Error).message.split("\n")[0];
        log(`keeper: flash liquidation of ${user} failed: ${action.error}`);
      }
      continue;
    }
    const token = await ethers.getContractAt("MockERC20", debt.asset, keeper);
    if ((await token.allowance(keeper.address, await pool.getAddress())) < MaxUint256 / 2n) {
      await (await token.approve(await pool.getAddress(), MaxUint256)).wait();
    }
    try {
      const tx = await pool.connect(keeper).liquidationCall(col.asset, debt.asset, user, MaxUint256, false);
      const rc = await tx.wait();
      const ev = rc?.logs
        .map((l) => {
          try {
            return pool.interface.parseLog(l);
          } catch {
            return null;
          }
        })
        .find((p) => p?.name === "LiquidationCall");
      action.liquidated = true;
      action.debtCovered = ev?.args.debtToCover as bigint | undefined;
      action.collateralSeized = ev?.args.liquidatedCollateralAmount as bigint | undefined;
      log(
        `keeper: liquidated ${user}: covered ${formatUnits(action.debtCovered ?? 0n, debt.decimals)} ${best.debt}, seized ${formatUnits(action.collateralSeized ?? 0n, col.decimals)} ${best.col}`,
      );
    } catch (e) {
      action.error = (e as Error).message.split("\n")[0];
      log(`keeper: liquidation of ${user} failed: ${action.error}`);
    }
  }
  if (actions.length === 0) log("keeper: every account is healthy");
  return actions;
}
