// keel status — module map with versions, reserves table with prices, utilisation, rates and caps, per spoke.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { fmt, fmtUsd, latestTimestamp, openKeel, runTask } from "../lib/keel.js";
import { safetyLines } from "../safety/actions.js";
import { synthLines } from "../stablecoin/actions.js";

const IMPL_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
const SECONDS_PER_YEAR = 365n * 86400n;
const RAY = 10n ** 27n;

function pct(ray: bigint): string {
  return `${(Number((ray * 10000n) / RAY) / 100).toFixed(2)}%`;
}

export default async function status(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const { ethers, record, pool } = k;
    console.log(`Keel on ${k.networkName} (chain ${record.chainId}), deployed ${record.completedAt ?? "(incomplete)"}`);
    console.log("\nModules");
    console.log(`  ${"module".padEnd(15)} ${"address".padEnd(42)}  ${"implementation".padEnd(42)}  version`);
    for (const [name, c] of Object.entries(record.contracts)) {
      if (c.implementation === undefined) continue;
      const slot = await ethers.provider.getStorage(c.address, IMPL_SLOT);
      const impl = ethers.getAddress("0x" + slot.slice(26));
      let version: string;
      try {
        const v = new ethers.Contract(c.address, ["function version() view returns (string)"], ethers.provider);
        version = String(await v.version());
      } catch {
        version = "n/a";
      }
      console.log(`  ${name.padEnd(15)} ${c.address}  ${impl}  ${version}`);
    }
    for (const name of ["Timelock", "KeelToken"]) {
      const c = record.contracts[name];
      if (c) console.log(`  ${name.padEnd(15)} ${c.address}  ${"(not upgradeable)".padEnd(42)}  -`);
    }
    const oracle = await ethers.getContractAt("IPriceOracle", await pool.oracle());
    const now = BigInt(await latestTimestamp(ethers.provider));
    const hub = await ethers.getContractAt("LiquidityHub", await pool.hub());
    /** One spoke's markets: prices, totals, rates, risk parameters, caps (and its hub caps for further spokes). */
    const market = async (
      title: string,
      spoke: typeof pool,
      reserves: Record<string, { asset: string; decimals: number }>,
      hubCaps: boolean,
    ) => {
      console.log(
        `\n${title} ${await spoke.getAddress()}${(await spoke.paused()) ? "  [PAUSED]" : ""}${(await spoke.flashLoansPaused()) ? "  [flash loans paused]" : ""}`,
      );
      console.log(
        `  ${"asset".padEnd(6)} ${"price".padStart(12)} ${"supplied".padStart(18)} ${"borrowed".padStart(18)} ${"hub use".padStart(7)} ${"borrow APR".padStart(10)} ${"supply APR".padStart(10)} ${"LTV/LT".padStart(9)}  caps (supply/borrow)${hubCaps ? "  hub caps (add/draw)" : ""}`,
      );
      for (const [symbol, r] of Object.entries(reserves)) {
        const data = await spoke.getKeelReserveData(r.asset);
        const [supplied, borrowed] = await spoke.getReserveTotals(r.asset);
        let price: string;
        try {
          price = fmtUsd(await oracle.getAssetPrice(r.asset));
        } catch {
          price = "STALE";
        }
        // Utilisation is the hub's (what sets the rate: every spoke's draws over the asset's liquidity), not this
        // spoke's borrowed over supplied, which exceeds 100% for a market that draws more than it adds (kUSD).
        const [, drawn, cash] = await hub.assetTotals(r.asset);
        const util = drawn + cash === 0n ? 0n : (drawn * RAY) / (drawn + cash);
        const borrowApr = data.borrowRate * SECONDS_PER_YEAR;
        const reserveFactor = (await hub.getAsset(r.asset)).reserveFactor;
        const supplyApr = (((borrowApr * util) / RAY) * (10000n - reserveFactor)) / 10000n;
        const c = data.config;
        // Pauses expire by themselves (issue 10, finding 1): paused while now < pausedUntil.
        const flags = [
          data.pausedUntil > now ? `PAUSED until ${new Date(Number(data.pausedUntil) * 1000).toISOString()}` : "",
          (Number(c.flags) & 2) !== 0 ? "FROZEN" : "",
        ]
          .filter(Boolean)
          .join(",");
        let caps = "";
        if (hubCaps) {
          const sa = await hub.getSpokeAsset(await spoke.getAddress(), r.asset);
          const cap = (v: bigint) => (v === 2n ** 64n - 1n ? "unlimited" : v.toString());
          caps = `  ${cap(sa.addCap)}/${cap(sa.drawCap)}${sa.frozen ? " FROZEN" : ""}`;
        }
        console.log(
          `  ${symbol.padEnd(6)} ${price.padStart(12)} ${fmt(supplied, r.decimals).padStart(18)} ${fmt(borrowed, r.decimals).padStart(18)} ${pct(util).padStart(7)} ${pct(borrowApr).padStart(10)} ${pct(supplyApr).padStart(10)} ${`${String(Number(c.ltv) / 100)}/${String(Number(c.liquidationThreshold) / 100)}`.padStart(9)}  ${String(c.supplyCap)}/${String(c.borrowCap)} ${flags}${caps}`,
        );
      }
    };
    await market("Pool", pool, record.reserves ?? {}, false);
    // Further spokes on the same hub (deploy/config.ts `spokes`, e.g. the eMode spoke).
    for (const [name, sp] of Object.entries(record.spokes ?? {})) {
      await market(`Spoke ${name} (${sp.label})`, await ethers.getContractAt("Pool", sp.address), sp.reserves, true);
    }
    // The safety module: stake per insured asset and the cover it paid (docs/insurance.md).
    for (const line of ["", ...(await safetyLines(ethers, record))]) console.log(line);
    for (const line of ["", ...(await synthLines(ethers, record))]) console.log(line);
  });
}
