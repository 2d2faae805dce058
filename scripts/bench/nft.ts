// Gas of the NFT spoke's actions on the one deployer's development system (deploy/spokes/nft.ts `devNftSpoke`):
// deposit (safeTransferFrom into the spoke), borrow USDC against it, repay part and all, open an auction (first bid),
// outbid, settle. No reference row: BendDAO's contracts are not available as a package here, so these are Keel's own
// figures.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { gasOf } from "./types.js";

export const NFT_ACTIONS = [
  "deposit",
  "borrow",
  "repay (part)",
  "repay (all)",
  "auction: open (first bid)",
  "auction: outbid",
  "auction: settle",
] as const;
export type NftGasRow = Record<(typeof NFT_ACTIONS)[number], bigint>;

export async function benchNft(hre: HardhatRuntimeEnvironment, connection: NetworkConnection): Promise<NftGasRow> {
  const { ethers, networkHelpers } = connection;
  const keel = await deployKeel(hre, connection, { networkName: "bench-nft", recordDir: null, handOver: false });
  const [, lender, borrower, bidder1, bidder2] = await ethers.getSigners();
  const spoke = await ethers.getContractAt("NftSpoke", keel.address("NftSpoke"));
  const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
  const punks = await ethers.getContractAt("MockNft", keel.address("NFT-KPUNK"));
  const floor = await ethers.getContractAt("MockAggregator", keel.address("NFT-KPUNK-floor"));
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  const [u, s] = [await usdc.getAddress(), await spoke.getAddress()];
  await usdc.mint(lender.address, parseUnits("1000000", 6));
  await usdc.connect(lender).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(lender).supply(u, parseUnits("1000000", 6), lender.address, 0);
  for (const who of [borrower, bidder1, bidder2]) {
    await usdc.mint(who.address, parseUnits("100000", 6));
    await usdc.connect(who).approve(s, MaxUint256);
  }
  await punks.mint(borrower.address);
  await punks.mint(borrower.address);
  const row = {} as NftGasRow;
  row.deposit = await gasOf(
    punks.connect(borrower)["safeTransferFrom(address,address,uint256)"](borrower.address, s, 1n),
  );
  await punks.connect(borrower)["safeTransferFrom(address,address,uint256)"](borrower.address, s, 2n);
  row.borrow = await gasOf(spoke.connect(borrower).borrow(u, parseUnits("10000", 6), borrower.address));
  await networkHelpers.time.increase(30 * 86_400);
  await floor.setAnswer(20_000n * 10n ** 8n);
  for (const r of Object.values(keel.reserves)) {
    const f = await ethers.getContractAt("MockAggregator", r.feed);
    await f.setAnswer((await f.latestRoundData())[1]);
  }
  row["repay (part)"] = await gasOf(spoke.connect(borrower).repay(borrower.address, parseUnits("5000", 6)));
  row["repay (all)"] = await gasOf(spoke.connect(borrower).repay(borrower.address, MaxUint256));
  await spoke.connect(borrower).borrow(u, parseUnits("15999", 6), borrower.address);
  await floor.setAnswer(12_000n * 10n ** 8n); // liquidation value 14,400 < 15,999
  const min = await spoke.minimumBid(await punks.getAddress(), 1n);
  row["auction: open (first bid)"] = await gasOf(spoke.connect(bidder1).bid(await punks.getAddress(), 1n, min));
  row["auction: outbid"] = await gasOf(spoke.connect(bidder2).bid(await punks.getAddress(), 1n, (min * 102n) / 100n));
  await networkHelpers.time.increaseTo((await spoke.getAuction(await punks.getAddress(), 1n)).endsAt);
  row["auction: settle"] = await gasOf(spoke.settle(await punks.getAddress(), 1n));
  return row;
}

/** The report's "NFT spoke" section (Markdown). */
export function renderNftSection(row: NftGasRow): string {
  const lines = ["", "## NFT spoke", "", "| Action | Keel NftSpoke |", "|---|---|"];
  for (const a of NFT_ACTIONS) lines.push(`| ${a} | ${row[a].toLocaleString("en-US")} |`);
  lines.push(
    "",
    "- Keel's own figures (no BendDAO package to build a reference row from): dev system, KPUNK floor 20,000 USD,",
    "  a 10,000 USDC loan against two items, repaid after 30 days; an auction on one item of a 15,999 USDC loan.",
  );
  return lines.join("\n");
}
