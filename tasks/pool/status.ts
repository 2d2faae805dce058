// keel status — module map with versions, reserves table with prices, utilisation, rates and caps, per spoke. Built on
// the SDK's reads (packages/sdk): `moduleVersions` (the ERC-1967 slot and `version()` of every module),
// `readHubMarkets` (the hub's utilisation, rates and per-spoke caps) and `readPoolMarkets` (each Pool-type spoke's
// totals, risk parameters, caps and flags); this file only lays them out.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import {
  type HubMarket,
  type PoolMarket,
  formatRayPercent,
  moduleVersions,
  poolSpokes,
  readHubMarkets,
  readPoolMarkets,
} from "../../packages/sdk/src/index.js";
import { type KeelSession, fmt, fmtUsd, latestTimestamp, openKeel, runTask } from "../lib/keel.js";
import { safetyLines } from "../safety/actions.js";
import { synthLines } from "../stablecoin/actions.js";

/** A spoke's own cap as the contract stores it (whole tokens, 0 = none). */
const rawCap = (cap: bigint | undefined) => String(cap ?? 0n);
/** A hub cap (whole tokens; the SDK's undefined is the hub's UNLIMITED). */
const hubCap = (cap: bigint | undefined) => (cap === undefined ? "unlimited" : cap.toString());

/** What `keel status` prints, as lines. */
export async function statusLines(k: KeelSession): Promise<string[]> {
  const { ethers, record } = k;
  const provider = ethers.provider;
  const out = [
    `Keel on ${k.networkName} (chain ${record.chainId}), deployed ${record.completedAt ?? "(incomplete)"}`,
    "",
    "Modules",
    `  ${"module".padEnd(15)} ${"address".padEnd(42)}  ${"implementation".padEnd(42)}  version`,
  ];
  for (const m of await moduleVersions(provider, record))
    out.push(`  ${m.name.padEnd(15)} ${m.address}  ${m.implementation}  ${m.version}`);
  for (const name of ["Timelock", "KeelToken"]) {
    const c = record.contracts[name];
    if (c) out.push(`  ${name.padEnd(15)} ${c.address}  ${"(not upgradeable)".padEnd(42)}  -`);
  }
  const core = await ethers.getContractAt("Pool", record.contracts.Pool.address);
  const oracle = await ethers.getContractAt("IPriceOracle", await core.oracle());
  const now = BigInt(await latestTimestamp(provider));
  // The hub's view of every asset: utilisation (every spoke's draws over the asset's liquidity: what sets the rate,
  // not one spoke's borrowed over supplied, which exceeds 100% for a market that draws more than it adds, kUSD),
  // borrow and supply rates, and each spoke's hub caps.
  const hub = new Map<string, HubMarket>(
    (await readHubMarkets(provider, await core.hub())).map((m) => [m.asset.toLowerCase(), m]),
  );
  /** One spoke's markets: prices, totals, rates, risk parameters, caps (and its hub caps for further spokes). */
  const market = async (
    title: string,
    address: string,
    symbols: Record<string, { asset: string }>,
    hubCaps: boolean,
  ) => {
    const spoke = await ethers.getContractAt("Pool", address);
    out.push(
      "",
      `${title} ${address}${(await spoke.paused()) ? "  [PAUSED]" : ""}${(await spoke.flashLoansPaused()) ? "  [flash loans paused]" : ""}`,
      `  ${"asset".padEnd(6)} ${"price".padStart(12)} ${"supplied".padStart(18)} ${"borrowed".padStart(18)} ${"hub use".padStart(7)} ${"borrow APR".padStart(10)} ${"supply APR".padStart(10)} ${"LTV/LT".padStart(9)}  caps (supply/borrow)${hubCaps ? "  hub caps (add/draw)" : ""}`,
    );
    const symbolOf = (m: PoolMarket) =>
      Object.entries(symbols).find(([, r]) => r.asset.toLowerCase() === m.asset.toLowerCase())?.[0] ?? m.symbol;
    for (const m of await readPoolMarkets(provider, address)) {
      let price: string;
      try {
        price = fmtUsd(await oracle.getAssetPrice(m.asset));
      } catch {
        price = "STALE";
      }
      const h = hub.get(m.asset.toLowerCase());
      // Pauses expire by themselves (issue 10, finding 1): paused while now < pausedUntil.
      const flags = [
        m.pausedUntil > now ? `PAUSED until ${new Date(Number(m.pausedUntil) * 1000).toISOString()}` : "",
        m.frozen ? "FROZEN" : "",
      ]
        .filter(Boolean)
        .join(",");
      let caps = "";
      if (hubCaps) {
        const sa = h?.spokes.find((s) => s.spoke.toLowerCase() === address.toLowerCase());
        caps =
          sa === undefined
            ? "  -"
            : `  ${hubCap(sa.addCap.cap)}/${hubCap(sa.drawCap.cap)}${sa.frozen ? " FROZEN" : ""}`;
      }
      const pct = (v: bigint | undefined) => (v === undefined ? "-" : formatRayPercent(v));
      out.push(
        `  ${symbolOf(m).padEnd(6)} ${price.padStart(12)} ${fmt(m.supplied, m.decimals).padStart(18)} ${fmt(m.borrowed, m.decimals).padStart(18)} ${pct(h?.utilisation).padStart(7)} ${pct(h?.borrowRate.aprRay).padStart(10)} ${pct(h?.supplyRate.aprRay).padStart(10)} ${`${String(Number(m.ltvBps) / 100)}/${String(Number(m.liquidationThresholdBps) / 100)}`.padStart(9)}  ${rawCap(m.supplyCap.cap)}/${rawCap(m.borrowCap.cap)} ${flags}${caps}`,
      );
    }
  };
  // The core spoke, then further spokes on the same hub (deploy/config.ts `spokes`, e.g. the eMode spoke).
  for (const s of poolSpokes(record)) {
    const label = record.spokes?.[s.name]?.label;
    await market(
      label === undefined ? "Pool" : `Spoke ${s.name} (${label})`,
      s.address,
      s.reserves,
      label !== undefined,
    );
  }
  // The safety module: stake per insured asset and the cover it paid (docs/insurance.md).
  out.push("", ...(await safetyLines(ethers, record)));
  out.push("", ...(await synthLines(ethers, record)));
  return out;
}

export default async function status(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    for (const line of await statusLines(await openKeel(hre))) console.log(line);
  });
}
