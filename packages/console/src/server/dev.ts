// The console's dev signer (`npm run console -- --dev-signer`): on a development node whose accounts are unlocked
// (`hardhat node`, anvil), the Accounts view simulates a user action on the core spoke with the SDK (`simulate`, for
// the next block) and sends it from one of those accounts with the SDK's builders (`poolTx`, the approval only when the
// allowance falls short). A prediction of a refusal sends nothing; a refusal the node gives is decoded. Off by default:
// without the flag the server answers every POST with 405 and the page has no form.
import { type JsonRpcProvider, MaxUint256, parseUnits } from "ethers";
import {
  type Account,
  type DeploymentRecord,
  KeelTxError,
  accountAt,
  addressOf,
  formatError,
  poolTx,
  readAccount,
  readSimulationState,
  sendTx,
  sendWithApproval,
  simulate,
} from "@keel/sdk";
import { DEV_KINDS, type DevAccountLine, type DevKind, type DevRequest, type DevResult } from "../shared/api.js";

/** A request the dev signer refuses (HTTP 400), with what was wrong and what is allowed. */
export class DevRequestError extends Error {}

interface DevAction {
  from: string;
  kind: DevKind;
  asset: string;
  amount: bigint;
}

/** Checks a request's shape and values against the record and the dev accounts; amounts in the asset's units. */
export function parseDevRequest(body: unknown, record: DeploymentRecord, accounts: string[]): DevAction {
  if (body === null || typeof body !== "object") throw new DevRequestError("expected a JSON object");
  const { account, kind, asset, amount } = body as Partial<Record<keyof DevRequest, unknown>>;
  if (typeof account !== "number" || !Number.isInteger(account) || account < 0 || account >= accounts.length)
    throw new DevRequestError(`account: an index from 0 to ${String(accounts.length - 1)}, got ${String(account)}`);
  if (typeof kind !== "string" || !(DEV_KINDS as readonly string[]).includes(kind))
    throw new DevRequestError(`kind: one of ${DEV_KINDS.join(", ")}, got ${String(kind)}`);
  const reserves = record.reserves ?? {};
  const symbol = Object.keys(reserves).find((s) => s.toLowerCase() === String(asset).toLowerCase());
  const reserve = symbol === undefined ? undefined : reserves[symbol];
  if (reserve === undefined)
    throw new DevRequestError(`asset: one of ${Object.keys(reserves).join(", ")}, got ${String(asset)}`);
  const text = String(amount).trim();
  const from = accounts[account] ?? "";
  if (text === "max") {
    if (kind !== "withdraw" && kind !== "repay")
      throw new DevRequestError(`amount: "max" is for a withdrawal or a repayment, not a ${kind}`);
    return { from, kind, asset: reserve.asset, amount: MaxUint256 };
  }
  const places = new RegExp(`^\\d+(\\.\\d{1,${String(reserve.decimals)}})?$`);
  if (!places.test(text))
    throw new DevRequestError(
      `amount: a positive number with at most ${String(reserve.decimals)} decimals${kind === "withdraw" || kind === "repay" ? ' or "max"' : ""}, got ${text}`,
    );
  const units = parseUnits(text, reserve.decimals);
  if (units === 0n) throw new DevRequestError("amount: must be greater than zero");
  return { from, kind: kind as DevKind, asset: reserve.asset, amount: units };
}

const line = (a: Pick<Account, keyof DevAccountLine>): DevAccountLine => ({
  totalCollateralBase: a.totalCollateralBase,
  totalDebtBase: a.totalDebtBase,
  availableBorrowsBase: a.availableBorrowsBase,
  healthFactor: a.healthFactor,
});

/** The SDK's prediction of `action` for the block after the latest one. */
export async function simulateDev(
  provider: JsonRpcProvider,
  record: DeploymentRecord,
  action: DevAction,
): Promise<DevResult> {
  const block = await provider.getBlock("latest");
  if (block === null) throw new Error("the node has no latest block");
  const pool = addressOf(record, "Pool");
  const state = await readSimulationState(provider, pool, action.from, { blockTag: block.number });
  const timestamp = block.timestamp + 1;
  // The account now, from the state just read (the pool's getUserAccountData at that block, as readAccount has it).
  const before = accountAt(state, BigInt(block.timestamp)).account;
  const result = simulate(state, { kind: action.kind, asset: action.asset, amount: action.amount }, BigInt(timestamp));
  const base = { from: action.from, kind: action.kind, asset: action.asset, amount: action.amount, timestamp };
  if (result.revert !== undefined) {
    const { name, ...args } = result.revert;
    const shown = Object.entries(args).map(([k, v]) => `${k}=${String(v)}`);
    return { ...base, before: line(before), refusal: `${name}(${shown.join(", ")})` };
  }
  return { ...base, before: line(before), predicted: line(result.account) };
}

/** Simulates `action`, then (unless the SDK predicts a refusal) sends it from its dev account. */
export async function sendDev(
  provider: JsonRpcProvider,
  record: DeploymentRecord,
  action: DevAction,
): Promise<DevResult> {
  const predicted = await simulateDev(provider, record, action);
  if (predicted.refusal !== undefined) return predicted;
  const pool = addressOf(record, "Pool");
  const signer = await provider.getSigner(action.from);
  const { from, asset, amount } = action;
  try {
    const receipt =
      action.kind === "supply"
        ? (await sendWithApproval(signer, asset, pool, amount, poolTx.supply(pool, asset, amount, from))).receipt
        : action.kind === "repay"
          ? (await sendWithApproval(signer, asset, pool, amount, poolTx.repay(pool, asset, amount, from))).receipt
          : action.kind === "withdraw"
            ? await sendTx(signer, poolTx.withdraw(pool, asset, amount, from))
            : await sendTx(signer, poolTx.borrow(pool, asset, amount, from));
    const after = await readAccount(provider, pool, from, { blockTag: receipt.blockNumber });
    return { ...predicted, sent: { txHash: receipt.hash, block: receipt.blockNumber, account: line(after) } };
  } catch (e) {
    // What the SDK does not model (the hub's caps and cash, a paused spoke): the node's refusal, decoded.
    if (e instanceof KeelTxError)
      return { ...predicted, refusal: e.decoded === undefined ? e.message : formatError(e.decoded) };
    throw e;
  }
}
