// Actions of the RWA spoke's tasks (`keel rwa ...`). Each task file re-exports one of the task wrappers at the bottom as
// its default export, so Hardhat loads only what a task needs. The work itself is in the `rwa<Action>` functions,
// which take an open session (the connection's ethers and the deployment record) and return the lines the task
// prints: tests call them on an in-process chain (test/tasks/rwa.ts). Amounts in human units; the spoke and its
// collaterals come from the `rwa` section of deployments/<network>.json (deploy/spokes/rwa.ts).
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  approveUnlessRefused,
  emitted,
  fmt,
  fmtHf,
  fmtUsd,
  KeelTaskError,
  type KeelSession,
  openKeel,
  parseAmount,
  runTask,
  signerAt,
} from "../lib/keel.js";
import type { RwaSpoke } from "../../types/ethers-contracts/index.js";
import { MAX_HEALTH_FACTOR, readRwaAccount } from "../../packages/sdk/src/index.js";

export interface RwaArgs {
  /** Collateral symbol (e.g. TBILL) or token address. */
  collateral: string;
  /** Human units, or "max" where the action allows it. */
  amount: string;
  /** Account (address or signer index) for repay, liquidate, status; empty = the signer. */
  user: string;
  from: number;
}

interface RwaOpen {
  k: KeelSession;
  spoke: RwaSpoke;
  token: string;
  symbol: string;
  decimals: number;
  debtAsset: string;
  debtDecimals: number;
  /** The debt asset's symbol among the core reserves ("" if it is not one). */
  debtSymbol: string;
}

async function openRwa(k: KeelSession, collateral: string): Promise<RwaOpen> {
  const spokes = Object.entries(k.record.rwa ?? {});
  if (spokes.length === 0)
    throw new KeelTaskError(`No RWA spoke in deployments/${k.networkName}.json (deploy/spokes/rwa.ts).`);
  const [, rec] = spokes[0];
  const entry = Object.entries(rec.collaterals).find(
    ([sym, c]) => sym.toLowerCase() === collateral.toLowerCase() || c.token.toLowerCase() === collateral.toLowerCase(),
  );
  if (entry === undefined)
    throw new KeelTaskError(
      `Unknown RWA collateral "${collateral}". Listed: ${Object.keys(rec.collaterals).join(", ") || "none"}.`,
    );
  const spoke = await k.ethers.getContractAt("RwaSpoke", rec.address);
  const debt = await k.ethers.getContractAt("MockERC20", rec.debtAsset);
  const debtSymbol =
    Object.entries(k.record.reserves ?? {}).find(
      ([, r]) => r.asset.toLowerCase() === rec.debtAsset.toLowerCase(),
    )?.[0] ?? "";
  return {
    k,
    spoke,
    token: entry[1].token,
    symbol: entry[0],
    decimals: entry[1].decimals,
    debtAsset: rec.debtAsset,
    debtDecimals: Number(await debt.decimals()),
    debtSymbol,
  };
}

async function accountOf(r: RwaOpen, user: string, fallback: string): Promise<string> {
  if (user === "") return fallback;
  if (/^\d+$/.test(user)) return (await signerAt(r.k.ethers, Number(user))).address;
  if (!r.k.ethers.isAddress(user))
    throw new KeelTaskError(`--user: expected an address or a signer index, got "${String(user)}".`);
  return user;
}

/** Approves the spoke for `amount` of `tokenAddress` as `owner` if needed, unless the spoke refuses `action` anyway. */
function approveFor(
  r: RwaOpen,
  tokenAddress: string,
  owner: HardhatEthersSigner,
  amount: bigint,
  action: () => Promise<unknown>,
) {
  return approveUnlessRefused(r.k.ethers, {
    token: tokenAddress,
    owner,
    spender: r.spoke.target as string,
    amount,
    refuser: r.spoke,
    action,
  });
}

const debtFmt = (r: RwaOpen, amount: bigint) => fmt(amount, r.debtDecimals, r.debtSymbol);

/** The account's position in the task's collateral, read through the SDK (`readRwaAccount`), with the NAV at which
 *  it becomes liquidatable. */
async function positionLine(r: RwaOpen, account: string): Promise<string> {
  const read = await readRwaAccount(r.k.ethers.provider, await r.spoke.getAddress(), account);
  const p = read.positions.find((x) => x.token.toLowerCase() === r.token.toLowerCase());
  if (p === undefined)
    return `  ${account} in ${r.symbol}: collateral ${fmt(0n, r.decimals, r.symbol)} (${fmtUsd(0n)}), debt ${debtFmt(r, 0n)} (${fmtUsd(0n)}), health factor ${fmtHf(MAX_HEALTH_FACTOR)}`;
  const flagged =
    p.unhealthySince !== 0n ? `, flagged since ${new Date(Number(p.unhealthySince) * 1000).toISOString()}` : "";
  const liquidatable = p.liquidationNav === undefined ? "" : `; liquidatable at a NAV of ${fmtUsd(p.liquidationNav)}`;
  return `  ${account} in ${r.symbol}: collateral ${fmt(p.collateral, r.decimals, r.symbol)} (${fmtUsd(p.collateralValueBase)}), debt ${debtFmt(r, p.debt)} (${fmtUsd(p.debtValueBase)}), health factor ${fmtHf(p.healthFactor)}${flagged}${liquidatable}`;
}

/** Supplies `amount` of the RWA collateral as signer `from` (an allowlisted holder). */
export async function rwaSupply(k: KeelSession, args: RwaArgs): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  const amount = parseAmount(args.amount, r.decimals);
  const signer = await signerAt(r.k.ethers, args.from);
  await approveFor(r, r.token, signer, amount, () => r.spoke.connect(signer).supply.staticCall(r.token, amount));
  const tx = await r.spoke.connect(signer).supply(r.token, amount);
  const rc = await tx.wait();
  return [
    `✔ supplied ${fmt(amount, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await positionLine(r, signer.address),
  ];
}

/** Withdraws `amount` (or "max") of signer `from`'s RWA collateral. */
export async function rwaWithdraw(k: KeelSession, args: RwaArgs): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
  const signer = await signerAt(r.k.ethers, args.from);
  const tx = await r.spoke.connect(signer).withdraw(r.token, amount);
  const rc = await tx.wait();
  const sent = emitted(rc, r.spoke, r.spoke.target as string, "Withdraw").sent as bigint;
  return [
    `✔ withdrew ${fmt(sent, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await positionLine(r, signer.address),
  ];
}

/** Borrows `amount` of the spoke's debt asset against signer `from`'s RWA collateral. */
export async function rwaBorrow(k: KeelSession, args: RwaArgs): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  const amount = parseAmount(args.amount, r.debtDecimals);
  const signer = await signerAt(r.k.ethers, args.from);
  const tx = await r.spoke.connect(signer).borrow(r.token, amount, signer.address);
  const rc = await tx.wait();
  return [
    `✔ borrowed ${debtFmt(r, amount)} against ${r.symbol} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await positionLine(r, signer.address),
  ];
}

/** Repays `amount` (or "max") of `user`'s RWA debt (default: signer `from`'s) as signer `from`. */
export async function rwaRepay(k: KeelSession, args: RwaArgs): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  const amount = parseAmount(args.amount, r.debtDecimals, { allowMax: true });
  const signer = await signerAt(r.k.ethers, args.from);
  const account = await accountOf(r, args.user, signer.address);
  await approveFor(r, r.debtAsset, signer, amount, () =>
    r.spoke.connect(signer).repay.staticCall(r.token, amount, account),
  );
  const tx = await r.spoke.connect(signer).repay(r.token, amount, account);
  const rc = await tx.wait();
  const repaid = emitted(rc, r.spoke, r.spoke.target as string, "Repay").amount as bigint;
  return [
    `✔ repaid ${debtFmt(r, repaid)} for ${account} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await positionLine(r, account),
  ];
}

/** Liquidates `user`'s RWA position as signer `from` (an allowlisted holder), covering `amount` (or "max") of debt. */
export async function rwaLiquidate(k: KeelSession, args: RwaArgs): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  if (args.user === "") throw new KeelTaskError("The account to liquidate is required.");
  const signer = await signerAt(r.k.ethers, args.from);
  const account = await accountOf(r, args.user, signer.address);
  const amount = parseAmount(args.amount, r.debtDecimals, { allowMax: true });
  await approveFor(r, r.debtAsset, signer, amount, () =>
    r.spoke.connect(signer).liquidate.staticCall(account, r.token, amount),
  );
  const tx = await r.spoke.connect(signer).liquidate(account, r.token, amount);
  const rc = await tx.wait();
  const ev = emitted(rc, r.spoke, r.spoke.target as string, "Liquidation");
  const [repaid, seized] = [ev.repaid as bigint, ev.seized as bigint];
  return [
    `✔ liquidated ${account}: repaid ${debtFmt(r, repaid)}, seized ${fmt(seized, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await positionLine(r, account),
  ];
}

/** The spoke's caps, deficits, NAV and parameters, and `user`'s position when given. */
export async function rwaStatus(k: KeelSession, args: Pick<RwaArgs, "collateral" | "user">): Promise<string[]> {
  const r = await openRwa(k, args.collateral);
  const c = await r.spoke.getCollateral(r.token);
  const hub = await r.k.ethers.getContractAt("LiquidityHub", await r.spoke.hub());
  const sa = await hub.getSpokeAsset(await r.spoke.getAddress(), r.debtAsset);
  const [, drawn] = await hub.spokeBalances(await r.spoke.getAddress(), r.debtAsset);
  const lines = [
    `RWA spoke ${await r.spoke.getAddress()} (v${await r.spoke.version()})`,
    `  debt asset ${r.debtSymbol || r.debtAsset}: drawn ${debtFmt(r, drawn)} of a ${fmt(sa.drawCap, 0)} draw cap; deficits ${debtFmt(r, sa.deficit)}`,
    `  ${r.symbol}: total ${fmt(c.total, r.decimals, r.symbol)}, accepted NAV ${fmtUsd(c.acceptedNav)}, coverage ${fmt(await r.spoke.coverage(r.token), 18)}`,
    `  LTV ${String(c.params.ltv)} bps, threshold ${String(c.params.liquidationThreshold)} bps, bonus ${String(c.params.liquidationBonus)} bps, max NAV move ${String(c.params.maxNavMoveBps)} bps, heartbeat ${String(c.params.heartbeat)} s, grace ${String(c.params.gracePeriod)} s, hard floor ${String(c.params.hardFloorBps)} bps, account cap ${fmt(c.params.accountCap, 0, r.symbol)}`,
  ];
  if (args.user !== "") lines.push(await positionLine(r, await accountOf(r, args.user, "")));
  return lines;
}

/* The task wrappers: open the deployment of the task's network, run the action, print its lines (or the decoded
 * error, with a failing exit code). */
const printed =
  <A>(action: (k: KeelSession, args: A) => Promise<string[]>) =>
  (args: A, hre: HardhatRuntimeEnvironment) =>
    runTask(hre, async () => {
      for (const line of await action(await openKeel(hre), args)) console.log(line);
    });

export const supplyTask = printed(rwaSupply);
export const withdrawTask = printed(rwaWithdraw);
export const borrowTask = printed(rwaBorrow);
export const repayTask = printed(rwaRepay);
export const liquidateTask = printed(rwaLiquidate);
export const statusTask = printed(rwaStatus);
