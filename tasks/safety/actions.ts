// Actions of the safety module tasks (each task file re-exports one), and the summary `keel status` prints.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256 } from "ethers";
import type { DeploymentRecord } from "../../deploy/records.js";
import type { SafetyModule } from "../../types/ethers-contracts/index.js";
import { fmt, KeelTaskError, openKeel, parseAmount, reserveOf, runTask, signerAt } from "../lib/keel.js";

export interface SafetyAmountArgs {
  asset: string;
  amount: string;
  from: number;
}

async function moduleOf(ethers: HardhatEthers, record: DeploymentRecord): Promise<SafetyModule> {
  const c = record.contracts.SafetyModule;
  if (c === undefined) throw new KeelTaskError("This deployment has no SafetyModule.");
  return await ethers.getContractAt("SafetyModule", c.address);
}

const when = (t: bigint) => new Date(Number(t) * 1000).toISOString();

export async function stake(args: SafetyAmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = reserveOf(k.record, args.asset);
    const m = await moduleOf(k.ethers, k.record);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(k.ethers, args.from);
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    const balance = await token.balanceOf(signer.address);
    if (balance < amount)
      throw new KeelTaskError(
        `${signer.address} holds ${fmt(balance, r.decimals, r.symbol)}, less than ${fmt(amount, r.decimals, r.symbol)}.`,
      );
    if ((await token.allowance(signer.address, await m.getAddress())) < amount)
      await (await token.approve(await m.getAddress(), MaxUint256)).wait();
    const tx = await m.connect(signer).stake(r.asset, amount, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ staked ${fmt(amount, r.decimals, r.symbol)} from ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
    console.log(`  stake shares: ${fmt(await m.balanceOf(signer.address, BigInt(r.asset)), r.decimals)}`);
  });
}

export async function cooldown(args: SafetyAmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = reserveOf(k.record, args.asset);
    const m = await moduleOf(k.ethers, k.record);
    const shares = parseAmount(args.amount, r.decimals, { allowMax: true });
    const signer = await signerAt(k.ethers, args.from);
    const tx = await m.connect(signer).cooldown(r.asset, shares);
    const rc = await tx.wait();
    const c = await m.getCooldown(r.asset, signer.address);
    console.log(
      `✔ cooling ${fmt(c.shares, r.decimals)} shares of ${r.symbol} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
    console.log(`  unstake from ${when(c.unlocksAt)} until ${when(c.expiresAt)}`);
  });
}

export async function unstake(args: SafetyAmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = reserveOf(k.record, args.asset);
    const m = await moduleOf(k.ethers, k.record);
    const shares = parseAmount(args.amount, r.decimals, { allowMax: true });
    const signer = await signerAt(k.ethers, args.from);
    const out = await m.connect(signer).unstake.staticCall(r.asset, shares, signer.address);
    const tx = await m.connect(signer).unstake(r.asset, shares, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ unstaked for ${fmt(out, r.decimals, r.symbol)} to ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
  });
}

/** Lines of the safety module's summary (also printed by `keel status`). */
export async function safetyLines(ethers: HardhatEthers, record: DeploymentRecord, user?: string): Promise<string[]> {
  if (record.contracts.SafetyModule === undefined) return [];
  const m = await moduleOf(ethers, record);
  const days = (s: bigint) => `${String(Number(s) / 86400)} days`;
  const lines = [
    `Safety module ${await m.getAddress()}  cooldown ${days(await m.cooldownPeriod())}, window ${days(await m.window())}`,
    `  ${"asset".padEnd(6)} ${"staked".padStart(18)} ${"shares".padStart(18)} ${"max slash".padStart(9)} ${"income".padStart(7)} ${"cover paid".padStart(18)} ${"harvested".padStart(18)}`,
  ];
  const symbols = new Map(
    Object.entries(record.reserves ?? {}).map(([s, r]) => [r.asset.toLowerCase(), { symbol: s, decimals: r.decimals }]),
  );
  for (const asset of await m.stakedAssets()) {
    const info = symbols.get(asset.toLowerCase()) ?? { symbol: asset.slice(0, 6), decimals: 18 };
    const p = await m.getStakePool(asset);
    const d = info.decimals;
    lines.push(
      `  ${info.symbol.padEnd(6)} ${fmt(await m.totalAssets(asset), d).padStart(18)} ${fmt(p.totalShares, d).padStart(18)} ${`${String(Number(p.maxSlashBps) / 100)}%`.padStart(9)} ${`${String(Number(p.incomeShareBps) / 100)}%`.padStart(7)} ${fmt(p.coverPaid, d).padStart(18)} ${fmt(p.harvested, d).padStart(18)}`,
    );
    if (user !== undefined) {
      const bal = await m.balanceOf(user, BigInt(asset));
      const c = await m.getCooldown(asset, user);
      const cool =
        c.unlocksAt === 0n
          ? "no cooldown"
          : `cooling ${fmt(c.shares, d)} (window ${when(c.unlocksAt)} .. ${when(c.expiresAt)})`;
      lines.push(
        `         ${user}: ${fmt(bal, d)} shares worth ${fmt(await m.previewUnstake(asset, bal), d, info.symbol)}, ${cool}`,
      );
    }
  }
  return lines;
}

export async function safetyStatus(args: { user: string }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    let user: string | undefined;
    if (args.user !== "")
      user = /^\d+$/.test(args.user)
        ? (await signerAt(k.ethers, Number(args.user))).address
        : k.ethers.getAddress(args.user);
    for (const line of await safetyLines(k.ethers, k.record, user)) console.log(line);
  });
}
