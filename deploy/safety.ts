// The safety module's stage of the one deployer (docs/insurance.md), called from deployKeel after the reserves are
// listed: its proxy, its registry wiring (the hub caches it: first to cover a deficit), its hub registration as a
// spoke (add cap per insured asset, draw cap 0: it never borrows), its function roles, the treasury role its harvest
// needs, and its stake pools.
import type { BaseContract } from "ethers";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { Roles } from "./roles.js";

/** One insured asset: its stake pool's parameters and the module's hub add cap (whole tokens). */
export interface SafetyAssetSpec {
  symbol: string;
  maxSlashBps: number;
  incomeShareBps: number;
  addCap: bigint;
}

export interface SafetyConfig {
  /** Seconds between a cooldown and its withdrawal window. */
  cooldown: number;
  /** Seconds the window stays open. */
  window: number;
  assets: readonly SafetyAssetSpec[];
}

/** As Aave's Umbrella: 20 days of cooldown, 2 days to leave; at most 30% of a stake pool per deficit report. */
export const DEFAULT_SAFETY: SafetyConfig = {
  cooldown: 20 * 24 * 3600,
  window: 2 * 24 * 3600,
  assets: [
    { symbol: "USDC", maxSlashBps: 3_000, incomeShareBps: 1_000, addCap: 50_000_000n },
    { symbol: "WETH", maxSlashBps: 3_000, incomeShareBps: 1_000, addCap: 20_000n },
  ],
};

/** What deployKeel hands this stage (its own closures, so records and resumption work the same way). */
export interface SafetyStageContext {
  ethers: HardhatEthers;
  ensure: (
    name: string,
    contract: string,
    make: () => Promise<BaseContract>,
    proxy: boolean,
  ) => Promise<{ address: string }>;
  step: (name: string, run: () => Promise<void>) => Promise<void>;
  send: (p: Promise<{ wait(): Promise<unknown> }>) => Promise<void>;
  deployProxy: (contract: string, args: unknown[]) => Promise<BaseContract>;
  applyFunctionRoles: (name: string, target: string) => Promise<void>;
  manager: string;
  registry: string;
  hub: string;
  moduleId: string;
  assets: Record<string, string>;
  config?: SafetyConfig;
}

/** Deploys (or resumes) the safety module; returns its proxy address. */
export async function deploySafety(ctx: SafetyStageContext): Promise<string> {
  const cfg = ctx.config ?? DEFAULT_SAFETY;
  const module = await ctx.ensure(
    "SafetyModule",
    "SafetyModule",
    () => ctx.deployProxy("SafetyModule", [ctx.manager, ctx.registry, cfg.cooldown, cfg.window]),
    true,
  );
  const reg = await ctx.ethers.getContractAt("ModuleRegistry", ctx.registry);
  const hub = await ctx.ethers.getContractAt("LiquidityHub", ctx.hub);
  const am = await ctx.ethers.getContractAt("KeelAccessManager", ctx.manager);
  const sm = await ctx.ethers.getContractAt("SafetyModule", module.address);
  await ctx.step("safety:wire", async () => {
    await ctx.applyFunctionRoles("SafetyModule", module.address);
    // harvest: the treasury withdraws the stakers' share of its hub income to the module (bounded by the module's
    // incomeShareBps of income accrued since the last harvest).
    await ctx.send(am.grantRole(Roles.TREASURY_MANAGER, module.address, 0));
    await ctx.send(reg.setModule(ctx.moduleId, module.address)); // pushed to the hub's cache
    await ctx.send(hub.addSpoke(module.address));
  });
  for (const a of cfg.assets) {
    const asset = ctx.assets[a.symbol];
    if (asset === undefined) continue; // a configuration without this reserve insures only what it lists
    await ctx.step(`safety:pool:${a.symbol}`, async () => {
      await ctx.send(hub.setSpokeCaps(module.address, asset, a.addCap, 0n));
      await ctx.send(sm.listAsset(asset, a.maxSlashBps, a.incomeShareBps));
    });
  }
  return module.address;
}
