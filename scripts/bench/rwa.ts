// Gas of the RWA spoke's actions (issue 12), for scripts/bench-gas.ts: Keel from the one deployer on the dev
// configuration (its RWA spoke: mock T-bill, NAV feed, USDC from the hub). A lender supplies 1M USDC on the core
// spoke; a holder supplies 100,000 T-bills twice (the first opens the position, the second is measured warm),
// borrows 140,000 USDC, repays 10,000 after 30 days, then the NAV is marked down 30% (risk admin) and an allowlisted
// liquidator repays 20,000 USDC (hard floor: no grace). There is no Aave or Morpho reference: neither has a spoke of
// permissioned collateral on this chain (Aave Horizon is a separate market); the core spoke's rows are the comparison.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { gasOf } from "./types.js";

export const RWA_ACTIONS = ["rwa supply (2nd)", "rwa borrow", "rwa repay (partial)", "rwa liquidation"] as const;
export type RwaGasRow = Record<(typeof RWA_ACTIONS)[number], bigint>;

export async function benchRwa(hre: HardhatRuntimeEnvironment, connection: NetworkConnection): Promise<RwaGasRow> {
  const { ethers, networkHelpers } = connection;
  const [deployer, , lender, holder, liquidator] = await ethers.getSigners();
  const keel = await deployKeel(hre, connection, { networkName: "bench-rwa", recordDir: null, handOver: false });
  const rwa = keel.rwa;
  if (rwa === undefined) throw new Error("benchRwa: the dev configuration has no RWA spoke");
  const spoke = await ethers.getContractAt("RwaSpoke", rwa.address);
  const T = rwa.collaterals.TBILL;
  const tbill = await ethers.getContractAt("MockRwaToken", T.token);
  const nav = await ethers.getContractAt("MockAggregator", T.navFeed);
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  const usdcFeed = await ethers.getContractAt("MockAggregator", keel.reserves.USDC.feed);
  const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
  const usd = (x: string) => parseUnits(x, 6);

  await usdc.mint(lender.address, usd("1000000"));
  await usdc.connect(lender).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(lender).supply(usdc, usd("1000000"), lender.address, 0);
  for (const u of [holder, liquidator]) {
    await tbill.connect(deployer).setAllowed(u.address, true);
    await usdc.mint(u.address, usd("1000000"));
    await usdc.connect(u).approve(rwa.address, MaxUint256);
    await tbill.connect(u).approve(rwa.address, MaxUint256);
  }
  await tbill.connect(deployer).mint(holder.address, usd("200000"));

  await spoke.connect(holder).supply(T.token, usd("100000"));
  const supply = await gasOf(spoke.connect(holder).supply(T.token, usd("100000")));
  const borrow = await gasOf(spoke.connect(holder).borrow(T.token, usd("140000"), holder.address));
  await networkHelpers.time.increase(30 * 86_400);
  for (const f of [nav, usdcFeed]) await f.setAnswer((await f.latestRoundData())[1]);
  const repay = await gasOf(spoke.connect(holder).repay(T.token, usd("10000"), holder.address));
  await nav.setAnswer(70_000_000n);
  const manager = await ethers.getContractAt("KeelAccessManager", keel.address("AccessManager"));
  if (!(await manager.hasRole(1n, deployer.address))[0]) await manager.grantRole(1n, deployer.address, 0);
  await spoke.connect(deployer).acceptNav(T.token);
  const liquidation = await gasOf(spoke.connect(liquidator).liquidate(holder.address, T.token, usd("20000")));
  return {
    "rwa supply (2nd)": supply,
    "rwa borrow": borrow,
    "rwa repay (partial)": repay,
    "rwa liquidation": liquidation,
  };
}

/** The report's RWA section (appended to docs/gas.md by scripts/bench-gas.ts). */
export function renderRwa(row: RwaGasRow): string[] {
  return [
    "",
    "## RWA spoke (issue 12)",
    "",
    "| Action | Keel RwaSpoke |",
    "|---|---:|",
    ...RWA_ACTIONS.map((a) => `| ${a} | ${row[a].toLocaleString("en-US")} |`),
    "",
    "Scenario: scripts/bench/rwa.ts (a warm second supply of 100,000 T-bills, a 140,000 USDC borrow, a partial repayment",
    "after 30 days, an allowlisted liquidation of 20,000 USDC after a 30% NAV markdown). No Aave or Morpho column: neither",
    "deploys a spoke of permissioned collateral here; compare with the core spoke's rows above.",
  ];
}
