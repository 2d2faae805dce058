// Actions of the kUSD and synth tasks (each task file re-exports one), and the summary `keel status` prints.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256 } from "ethers";
import type { DeploymentRecord, SynthRecord } from "../../deploy/records.js";
import { formatRayPercent } from "../../packages/sdk/src/index.js";
import { fmt, fmtUsd, KeelTaskError, latestTimestamp, openKeel, parseAmount, runTask, signerAt } from "../lib/keel.js";

export interface PsmArgs {
  amount: string;
  minOut: string;
  from: number;
}

const KUSD_DECIMALS = 18;

/** kUSD's record and its PSM, or a readable error. */
async function psmOf(ethers: HardhatEthers, record: DeploymentRecord) {
  const kusd: SynthRecord | undefined = record.synths?.kUSD;
  if (kusd?.psm === undefined || kusd.psmReserve === undefined)
    throw new KeelTaskError("This deployment has no kUSD peg stability module.");
  const psm = await ethers.getContractAt("PegStabilityModule", kusd.psm);
  const reserve = await ethers.getContractAt("MockERC20", kusd.psmReserve);
  const decimals = Number(await reserve.decimals());
  return { kusd, psm, reserve, decimals, symbol: await reserve.symbol() };
}

export async function buy(args: PsmArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const p = await psmOf(k.ethers, k.record);
    const amount = parseAmount(args.amount, p.decimals);
    const signer = await signerAt(k.ethers, args.from);
    const [out, fee] = await p.psm.quoteBuy(amount);
    const minOut = args.minOut === "" ? out : parseAmount(args.minOut, KUSD_DECIMALS);
    const balance = await p.reserve.balanceOf(signer.address);
    if (balance < amount)
      throw new KeelTaskError(
        `${signer.address} holds ${fmt(balance, p.decimals, p.symbol)}, less than ${fmt(amount, p.decimals, p.symbol)}.`,
      );
    const psmAddress = await p.psm.getAddress();
    if ((await p.reserve.allowance(signer.address, psmAddress)) < amount)
      await (await p.reserve.connect(signer).approve(psmAddress, MaxUint256)).wait();
    const tx = await p.psm.connect(signer).buy(amount, minOut, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ bought ${fmt(out, KUSD_DECIMALS, "kUSD")} for ${fmt(amount, p.decimals, p.symbol)} (fee ${fmt(fee, KUSD_DECIMALS, "kUSD")}; tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
    const kusd = await k.ethers.getContractAt("SynthToken", p.kusd.token);
    console.log(`  ${signer.address} holds ${fmt(await kusd.balanceOf(signer.address), KUSD_DECIMALS, "kUSD")}`);
  });
}

export async function sell(args: PsmArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const p = await psmOf(k.ethers, k.record);
    const amount = parseAmount(args.amount, KUSD_DECIMALS);
    const signer = await signerAt(k.ethers, args.from);
    const kusd = await k.ethers.getContractAt("SynthToken", p.kusd.token, signer);
    const balance = await kusd.balanceOf(signer.address);
    if (balance < amount)
      throw new KeelTaskError(
        `${signer.address} holds ${fmt(balance, KUSD_DECIMALS, "kUSD")}, less than ${fmt(amount, KUSD_DECIMALS, "kUSD")}.`,
      );
    const [out, fee] = await p.psm.quoteSell(amount);
    const minOut = args.minOut === "" ? out : parseAmount(args.minOut, p.decimals);
    const psmAddress = await p.psm.getAddress();
    if ((await kusd.allowance(signer.address, psmAddress)) < amount)
      await (await kusd.approve(psmAddress, MaxUint256)).wait();
    const tx = await p.psm.connect(signer).sell(amount, minOut, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ sold ${fmt(amount, KUSD_DECIMALS, "kUSD")} for ${fmt(out, p.decimals, p.symbol)} (fee ${fmt(fee, KUSD_DECIMALS, "kUSD")}; tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
  });
}

/** Lines of the synths' summary (also printed by `keel status`). */
export async function synthLines(ethers: HardhatEthers, record: DeploymentRecord, user?: string): Promise<string[]> {
  const synths = Object.entries(record.synths ?? {});
  if (synths.length === 0) return [];
  const hub = await ethers.getContractAt("LiquidityHub", record.contracts.LiquidityHub.address);
  const oracle = await ethers.getContractAt("KeelOracle", record.contracts.Oracle.address);
  const pool = await ethers.getContractAt("Pool", record.contracts.Pool.address);
  const lines = ["Synths minted into the hub (supply == the facilitators' levels)"];
  for (const [symbol, s] of synths) {
    const token = await ethers.getContractAt("SynthToken", s.token);
    const [, drawn, cash] = await hub.assetTotals(s.token);
    const rate = (await pool.getReserveData(s.token)).currentVariableBorrowRate;
    // A stopped feed is news, not an error: the status still prints (no new loans of the synth until it answers).
    const price = await oracle.getAssetPrice(s.token).then(fmtUsd, () => "STALE");
    lines.push(
      `  ${symbol.padEnd(5)} supply ${fmt(await token.totalSupply(), KUSD_DECIMALS)}  price ${price}  ` +
        `borrowed ${fmt(drawn, KUSD_DECIMALS)}  idle in the hub ${fmt(cash, KUSD_DECIMALS)}  rate ${formatRayPercent(rate)}`,
    );
    for (const f of await token.facilitators()) {
      const b = await token.getBucket(f);
      lines.push(
        `        ${b.label.padEnd(14)} ${fmt(b.level, KUSD_DECIMALS).padStart(16)} of ${fmt(b.cap, KUSD_DECIMALS)}  (${f})`,
      );
    }
    if (s.psm !== undefined && s.psmReserve !== undefined) {
      const psm = await ethers.getContractAt("PegStabilityModule", s.psm);
      const reserve = await ethers.getContractAt("MockERC20", s.psmReserve);
      const d = Number(await reserve.decimals());
      const until = await psm.pausedUntil();
      const now = BigInt(await latestTimestamp(ethers.provider));
      lines.push(
        `        PSM ${s.psm}: holds ${fmt(await reserve.balanceOf(s.psm), d, await reserve.symbol())}, fees buy ${String(Number(await psm.buyFeeBps()) / 100)}% / sell ${String(Number(await psm.sellFeeBps()) / 100)}%` +
          (until > now ? `, PAUSED until ${new Date(Number(until) * 1000).toISOString()}` : ""),
      );
    }
    if (user !== undefined) {
      lines.push(
        `        ${user}: holds ${fmt(await token.balanceOf(user), KUSD_DECIMALS, symbol)}, owes ${fmt(await pool.debtBalanceOf(s.token, user), KUSD_DECIMALS, symbol)}`,
      );
    }
  }
  return lines;
}

export async function synthStatus(args: { user: string }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    let user: string | undefined;
    if (args.user !== "")
      user = /^\d+$/.test(args.user)
        ? (await signerAt(k.ethers, Number(args.user))).address
        : k.ethers.getAddress(args.user);
    for (const line of await synthLines(k.ethers, k.record, user)) console.log(line);
  });
}
