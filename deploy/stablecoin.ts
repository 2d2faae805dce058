// The stablecoin stage of the one deployer (docs/stablecoin.md), called from deployKeel after the safety module and
// before governance, while the deployer still holds the admin and risk-admin roles. For each synth (kUSD first): its
// SynthToken, its HubFacilitator (a hub spoke that only adds), kUSD's peg stability module, and the DAO's listing in
// the hub and the core spoke, in this order:
//   1. the facilitators are registered with their buckets (the PSM's, the hub facilitator's; for a synth without a PSM
//      a listing-seed facilitator, the deployer, whose bucket is exactly the seed);
//   2. the listing seed is bought at the PSM (kUSD) or minted within the seed bucket (other synths);
//   3. the synth's rate curve is flat (a fixed rate), set before the listing so the hub caches it;
//   4. the hub lists it with a 100% reserve factor (all interest to the treasury);
//   5. the hub facilitator becomes a spoke that may add without limit and never draws;
//   6. the core spoke may borrow without limit but add no more than the seed (nobody can supply the synth);
//   7. its feed goes into the oracle (kUSD at a fixed $1, as Aave prices GHO; other synths at their market feed);
//   8. the core spoke lists the reserve: borrowable, never collateral, seeded atomically;
//   9. the hub facilitator mints the first liquidity into the hub;
//  10. kUSD gets a stake pool in the safety module, which covers its bad debt before the treasury does.
// Every contract and step is recorded in deployments/<network>.json, so a re-run resumes.
import type { BaseContract } from "ethers";
import { parseUnits } from "ethers";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { MarketRiskSpec } from "./keel.js";
import type { DeploymentRecord, SynthRecord } from "./records.js";
import type { DataTypes } from "../types/ethers-contracts/contracts/pool/Pool.js";

type ReserveConfigStruct = DataTypes.ReserveConfigStruct;

export type { SynthRecord };

/** kUSD's peg stability module: the reserve it swaps 1:1 with, its bucket and its fees. */
export interface PsmSpec {
  /** Core reserve symbol the PSM holds (a 6-18 decimal stablecoin, e.g. USDC). */
  reserve: string;
  /** The PSM's kUSD bucket (human units): the most kUSD it may ever have outstanding, so its largest exposure. */
  bucket: string;
  buyFeeBps: number;
  sellFeeBps: number;
}

/** One synth minted into the hub (deploy/config.ts `synths`). */
export interface SynthSpec {
  symbol: string;
  name: string;
  /** A fixed USD price (FixedPriceFeed); otherwise `feed`, or on dev networks a MockAggregator at `mockPrice`. */
  fixedPrice?: number;
  feed?: string;
  mockPrice?: number;
  heartbeat: number;
  /** The DAO's fixed borrow rate, basis points a year (a flat curve). */
  rateBps: number;
  /** The hub facilitator's bucket and its first mint into the hub (human units). */
  hubBucket: string;
  hubMint: string;
  /** The core spoke's listing seed (human units): bought at the PSM when there is one. */
  seed: string;
  /** Liquidation parameters for a debt in the synth (it is never collateral). */
  liquidationBonus: number;
  liquidationProtocolFee: number;
  /** The core spoke's borrow cap (whole tokens). */
  borrowCap: number;
  psm?: PsmSpec;
  /** A stake pool of the synth in the safety module (it covers the synth's bad debt first): its max slash per event,
   *  its share of the synth's protocol income, and the module's hub add cap (whole tokens). */
  safety?: { maxSlashBps: number; incomeShareBps: number; addCap: bigint };
}

/** Dev networks: kUSD at 4% backed by a USDC PSM (0.1% each way, 10M bucket), 1M minted into the hub, insured by a
 *  kUSD stake pool of the safety module (30% max slash, 10% of kUSD's income); kXAU (gold at $2,500 on a mock feed) at
 *  2%, 100 minted into the hub. */
export const devSynths: SynthSpec[] = [
  {
    symbol: "kUSD",
    name: "Keel USD",
    fixedPrice: 1,
    heartbeat: 86_400,
    rateBps: 400,
    hubBucket: "10000000",
    hubMint: "1000000",
    seed: "1",
    liquidationBonus: 10_500,
    liquidationProtocolFee: 1_000,
    borrowCap: 5_000_000,
    psm: { reserve: "USDC", bucket: "10000000", buyFeeBps: 10, sellFeeBps: 10 },
    safety: { maxSlashBps: 3_000, incomeShareBps: 1_000, addCap: 50_000_000n },
  },
  {
    symbol: "kXAU",
    name: "Keel Gold",
    mockPrice: 2_500,
    heartbeat: 86_400,
    rateBps: 200,
    hubBucket: "1000",
    hubMint: "100",
    seed: "0.001",
    liquidationBonus: 10_500,
    liquidationProtocolFee: 1_000,
    borrowCap: 1_000,
  },
];

/** What deployKeel hands this stage (its own closures, so records and resumption work the same way). */
export interface StablecoinStageContext {
  ethers: HardhatEthers;
  dev: boolean;
  deployer: string;
  rec: DeploymentRecord;
  save: () => void;
  ensure: (
    name: string,
    contract: string,
    make: () => Promise<BaseContract>,
    proxy: boolean,
  ) => Promise<{ address: string }>;
  step: (name: string, run: () => Promise<void>) => Promise<void>;
  send: (p: Promise<{ wait(): Promise<unknown> }>) => Promise<void>;
  applyFunctionRoles: (name: string, target: string) => Promise<void>;
  /** deploy/keel.ts's `reserveConfig` (the synth is borrowable, never collateral). */
  reserveConfig: (spec: MarketRiskSpec) => ReserveConfigStruct;
  manager: string;
  hub: string;
  pool: string;
  oracle: string;
  rateModel: string;
  treasury: string;
  flashPremiumBps: number;
  hubUnlimited: bigint;
  /** The safety module, for synths with a stake pool. */
  safetyModule?: string;
  /** Core reserves by symbol (the PSM's reserve among them). */
  assets: Record<string, { address: string; decimals: number }>;
}

const SYNTH_DECIMALS = 18;

/** Deploys (or resumes) every synth of `specs`; returns their records by symbol. */
export async function deploySynths(
  ctx: StablecoinStageContext,
  specs: readonly SynthSpec[],
): Promise<Record<string, SynthRecord>> {
  const { ethers, ensure, step, send } = ctx;
  const out: Record<string, SynthRecord> = {};
  const hub = await ethers.getContractAt("LiquidityHub", ctx.hub);
  const pool = await ethers.getContractAt("Pool", ctx.pool);
  const oracle = await ethers.getContractAt("KeelOracle", ctx.oracle);
  const rates = await ethers.getContractAt("KinkedRateModel", ctx.rateModel);
  for (const s of specs) {
    if (ctx.assets[s.symbol] !== undefined) throw new Error(`synth ${s.symbol}: a core reserve has that symbol`);
    const units = (v: string) => parseUnits(v, SYNTH_DECIMALS);
    const token = await ensure(
      s.symbol,
      "SynthToken",
      () => ethers.deployContract("SynthToken", [s.name, s.symbol, ctx.manager]),
      false,
    );
    const fac = await ensure(
      `${s.symbol}-HubFacilitator`,
      "HubFacilitator",
      () => ethers.deployContract("HubFacilitator", [token.address, ctx.hub, ctx.manager]),
      false,
    );
    let feed: { address: string };
    if (s.fixedPrice !== undefined) {
      const answer = parseUnits(String(s.fixedPrice), 8);
      feed = await ensure(
        `${s.symbol}-feed`,
        "FixedPriceFeed",
        () => ethers.deployContract("FixedPriceFeed", [8, answer, `${s.symbol} / USD (fixed)`]),
        false,
      );
    } else if (s.feed !== undefined) {
      feed = { address: s.feed };
    } else {
      if (!ctx.dev || s.mockPrice === undefined)
        throw new Error(`synth ${s.symbol}: set feed (or fixedPrice; mockPrice on dev networks only)`);
      const answer = parseUnits(String(s.mockPrice), 8);
      feed = await ensure(
        `${s.symbol}-feed`,
        "MockAggregator",
        () => ethers.deployContract("MockAggregator", [8, answer, `${s.symbol.slice(1)} / USD`]),
        false,
      );
    }
    const kToken = await ensure(
      `k${s.symbol}`,
      "KToken",
      () =>
        ethers.deployContract("KToken", [ctx.pool, token.address, SYNTH_DECIMALS, `Keel ${s.name}`, `k${s.symbol}`]),
      false,
    );
    let psm: { address: string } | undefined;
    let reserve: { address: string; decimals: number } | undefined;
    if (s.psm !== undefined) {
      const p = s.psm;
      reserve = ctx.assets[p.reserve];
      if (reserve === undefined)
        throw new Error(`synth ${s.symbol}: the PSM's reserve ${p.reserve} is not a core reserve`);
      const r = reserve;
      psm = await ensure(
        `PSM-${p.reserve}`,
        "PegStabilityModule",
        () =>
          ethers.deployContract("PegStabilityModule", [
            r.address,
            token.address,
            ctx.manager,
            ctx.treasury,
            p.buyFeeBps,
            p.sellFeeBps,
          ]),
        false,
      );
    }
    const synth = await ethers.getContractAt("SynthToken", token.address);
    const seed = units(s.seed);
    await step(`synth:${s.symbol}:facilitators`, async () => {
      await ctx.applyFunctionRoles("HubFacilitator", fac.address);
      if (psm !== undefined && s.psm !== undefined) {
        await ctx.applyFunctionRoles("PegStabilityModule", psm.address);
        await send(synth.addFacilitator(psm.address, `PSM (${s.psm.reserve})`, units(s.psm.bucket)));
      } else {
        // Only the seed can ever come through this bucket: it is full once the seed is minted.
        await send(synth.addFacilitator(ctx.deployer, "listing seed", seed));
      }
      await send(synth.addFacilitator(fac.address, "LiquidityHub", units(s.hubBucket)));
    });
    await step(`synth:${s.symbol}:seed`, async () => {
      if (psm !== undefined && reserve !== undefined && s.psm !== undefined) {
        // Buy the seed at the PSM: enough reserve for `seed` kUSD after the buy fee, rounded up.
        const scale = 10n ** BigInt(SYNTH_DECIMALS - reserve.decimals);
        const fee = BigInt(s.psm.buyFeeBps);
        const reserveIn = (seed * 10_000n + scale * (10_000n - fee) - 1n) / (scale * (10_000n - fee)) + 1n; // +1: the fee rounds up
        const erc20 = await ethers.getContractAt("MockERC20", reserve.address);
        if (ctx.dev) await send(erc20.mint(ctx.deployer, reserveIn));
        await send(erc20.approve(psm.address, reserveIn));
        await send((await ethers.getContractAt("PegStabilityModule", psm.address)).buy(reserveIn, seed, ctx.deployer));
      } else {
        await send(synth.mint(ctx.deployer, seed));
      }
    });
    await step(`synth:${s.symbol}:list`, async () => {
      await send(
        rates.setRateParams(token.address, {
          baseRateBps: s.rateBps,
          slope1Bps: 0,
          slope2Bps: 0,
          optimalUtilizationBps: 8_000,
        }),
      );
      await send(hub.listAsset(token.address, ethers.ZeroAddress, 10_000, ctx.flashPremiumBps));
      await send(hub.addSpoke(fac.address));
      await send(hub.setSpokeCaps(fac.address, token.address, ctx.hubUnlimited, 0n));
      // The add cap is in whole tokens: one covers the seed (at most 1 here), nobody can supply beyond it.
      await send(hub.setSpokeCaps(ctx.pool, token.address, 1n, ctx.hubUnlimited));
      await send(oracle.setFeed(token.address, feed.address, s.heartbeat));
      await send(synth.approve(ctx.pool, seed));
      const config = ctx.reserveConfig({
        ltv: 0,
        liquidationThreshold: 7_500,
        liquidationBonus: s.liquidationBonus,
        liquidationProtocolFee: s.liquidationProtocolFee,
        supplyCap: 0,
        borrowCap: s.borrowCap,
        borrowing: true,
        collateral: false,
        flashLoans: false,
      });
      await send(pool.initReserve(token.address, kToken.address, config, seed));
    });
    await step(`synth:${s.symbol}:mint-to-hub`, async () => {
      await send((await ethers.getContractAt("HubFacilitator", fac.address)).mintToHub(units(s.hubMint)));
    });
    if (s.safety !== undefined) {
      const sp = s.safety;
      if (ctx.safetyModule === undefined) throw new Error(`synth ${s.symbol}: a safety pool needs the safety module`);
      const safetyModule = ctx.safetyModule;
      const sm = await ethers.getContractAt("SafetyModule", safetyModule);
      await step(`synth:${s.symbol}:safety`, async () => {
        // The DAO lets the module supply the synth (its stakers' tokens) and never draw it.
        await send(hub.setSpokeCaps(safetyModule, token.address, sp.addCap, 0n));
        await send(sm.listAsset(token.address, sp.maxSlashBps, sp.incomeShareBps));
      });
    }
    out[s.symbol] = {
      token: token.address,
      facilitator: fac.address,
      feed: feed.address,
      kToken: kToken.address,
      psm: psm?.address,
      psmReserve: reserve?.address,
    };
    ctx.rec.reserves = {
      ...ctx.rec.reserves,
      [s.symbol]: { asset: token.address, kToken: kToken.address, feed: feed.address, decimals: SYNTH_DECIMALS },
    };
    ctx.rec.synths = { ...ctx.rec.synths, [s.symbol]: out[s.symbol] };
    ctx.save();
  }
  return out;
}
