// Actions of the RWA spoke's tasks (`keel:rwa:*`). Each task file re-exports one of these as its default export, so
// Hardhat loads only what a task needs. Amounts in human units; the spoke and its collaterals come from the `rwa`
// section of deployments/<network>.json (deploy/spokes/rwa.ts).
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { MaxUint256 } from "ethers";
import { fmt, fmtHf, fmtUsd, KeelTaskError, type KeelContext, openKeel, parseAmount, runTask, signerAt } from "../lib/keel.js";
import type { RwaSpoke } from "../../types/ethers-contracts/index.js";

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
  k: KeelContext;
  spoke: RwaSpoke;
  token: string;
  symbol: string;
  decimals: number;
  debtAsset: string;
  debtDecimals: number;
}

async function openRwa(hre: HardhatRuntimeEnvironment, collateral: string): Promise<RwaOpen> {
  const k = await openKeel(hre);
  const spokes = Object.entries(k.record.rwa ?? {});
  if (spokes.length === 0) throw new KeelTaskError(`No RWA spoke in deployments/${k.networkName}.json (deploy/spokes/rwa.ts).`);
  const [, rec] = spokes[0];
  const entry = Object.entries(rec.collaterals).find(([sym, c]) => sym.toLowerCase() === collateral.toLowerCase() || c.token.toLowerCase() === collateral.toLowerCase());
  if (entry === undefined) throw new KeelTaskError(`Unknown RWA collateral "${collateral}". Listed: ${Object.keys(rec.collaterals).join(", ") || "none"}.`);
  const spoke = (await k.ethers.getContractAt("RwaSpoke", rec.address)) as unknown as RwaSpoke;
  const debt = await k.ethers.getContractAt("MockERC20", rec.debtAsset);
  return { k, spoke, token: entry[1].token, symbol: entry[0], decimals: entry[1].decimals, debtAsset: rec.debtAsset, debtDecimals: Number(await debt.decimals()) };
}

async function accountOf(r: RwaOpen, user: string, fallback: string): Promise<string> {
  if (user === "") return fallback;
  if (/^\d+$/.test(user)) return (await signerAt(r.k.ethers, Number(user))).address;
  if (!r.k.ethers.isAddress(user)) throw new KeelTaskError(`--user: expected an address or a signer index, got "${user}".`);
  return user;
}

async function approveIfNeeded(r: RwaOpen, tokenAddress: string, owner: string, amount: bigint) {
  const token = await r.k.ethers.getContractAt("MockERC20", tokenAddress, await r.k.ethers.getSigner(owner));
  if ((await token.allowance(owner, await r.spoke.getAddress())) < amount) await (await token.approve(await r.spoke.getAddress(), MaxUint256)).wait();
}

async function printPosition(r: RwaOpen, account: string) {
  const p = await r.spoke.getPosition(account, r.token);
  console.log(`  ${account} in ${r.symbol}: collateral ${fmt(p.collateral, r.decimals, r.symbol)} (${fmtUsd(p.collateralValue)}), debt ${fmt(p.debt, r.debtDecimals)} (${fmtUsd(p.debtValue)}), health factor ${fmtHf(p.healthFactor)}${p.unhealthySince !== 0n ? `, flagged since ${new Date(Number(p.unhealthySince) * 1000).toISOString()}` : ""}`);
}

export async function rwaSupply(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(r.k.ethers, args.from);
    await approveIfNeeded(r, r.token, signer.address, amount);
    const tx = await r.spoke.connect(signer).supply(r.token, amount);
    const rc = await tx.wait();
    console.log(`✔ supplied ${fmt(amount, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printPosition(r, signer.address);
  });
}

export async function rwaWithdraw(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
    const signer = await signerAt(r.k.ethers, args.from);
    const sent = await r.spoke.connect(signer).withdraw.staticCall(r.token, amount);
    const tx = await r.spoke.connect(signer).withdraw(r.token, amount);
    const rc = await tx.wait();
    console.log(`✔ withdrew ${fmt(sent, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printPosition(r, signer.address);
  });
}

export async function rwaBorrow(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    const amount = parseAmount(args.amount, r.debtDecimals);
    const signer = await signerAt(r.k.ethers, args.from);
    const tx = await r.spoke.connect(signer).borrow(r.token, amount, signer.address);
    const rc = await tx.wait();
    console.log(`✔ borrowed ${fmt(amount, r.debtDecimals)} against ${r.symbol} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printPosition(r, signer.address);
  });
}

export async function rwaRepay(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    const amount = parseAmount(args.amount, r.debtDecimals, { allowMax: true });
    const signer = await signerAt(r.k.ethers, args.from);
    const account = await accountOf(r, args.user, signer.address);
    await approveIfNeeded(r, r.debtAsset, signer.address, amount);
    const paid = await r.spoke.connect(signer).repay.staticCall(r.token, amount, account);
    const tx = await r.spoke.connect(signer).repay(r.token, amount, account);
    const rc = await tx.wait();
    console.log(`✔ repaid ${fmt(paid, r.debtDecimals)} for ${account} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printPosition(r, account);
  });
}

export async function rwaLiquidate(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    if (args.user === "") throw new KeelTaskError("--user: the account to liquidate is required.");
    const signer = await signerAt(r.k.ethers, args.from);
    const account = await accountOf(r, args.user, signer.address);
    const amount = parseAmount(args.amount, r.debtDecimals, { allowMax: true });
    await approveIfNeeded(r, r.debtAsset, signer.address, amount);
    const [repaid, seized] = await r.spoke.connect(signer).liquidate.staticCall(account, r.token, amount);
    const tx = await r.spoke.connect(signer).liquidate(account, r.token, amount);
    const rc = await tx.wait();
    console.log(`✔ liquidated ${account}: repaid ${fmt(repaid, r.debtDecimals)}, seized ${fmt(seized, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printPosition(r, account);
  });
}

export async function rwaStatus(args: RwaArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const r = await openRwa(hre, args.collateral);
    const c = await r.spoke.getCollateral(r.token);
    const hub = await r.k.ethers.getContractAt("LiquidityHub", await r.spoke.hub());
    const sa = await hub.getSpokeAsset(await r.spoke.getAddress(), r.debtAsset);
    const [, drawn] = await hub.spokeBalances(await r.spoke.getAddress(), r.debtAsset);
    console.log(`RWA spoke ${await r.spoke.getAddress()} (v${await r.spoke.version()})`);
    console.log(`  debt asset ${r.debtAsset}: drawn ${fmt(drawn, r.debtDecimals)} of a ${sa.drawCap} draw cap; deficits ${fmt(sa.deficit, r.debtDecimals)}`);
    console.log(`  ${r.symbol}: total ${fmt(c.total, r.decimals, r.symbol)}, accepted NAV ${fmtUsd(c.acceptedNav)}, coverage ${fmt(await r.spoke.coverage(r.token), 18)}`);
    console.log(`  LTV ${c.params.ltv} bps, threshold ${c.params.liquidationThreshold} bps, bonus ${c.params.liquidationBonus} bps, max NAV move ${c.params.maxNavMoveBps} bps, heartbeat ${c.params.heartbeat} s, grace ${c.params.gracePeriod} s, hard floor ${c.params.hardFloorBps} bps, account cap ${c.params.accountCap}`);
    if (args.user !== "") await printPosition(r, await accountOf(r, args.user, ""));
  });
}
