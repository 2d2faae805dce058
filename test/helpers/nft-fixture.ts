// The NFT spoke's test system: Keel from the one deployer on `testConfig()` plus the development NFT spoke
// (deploy/spokes/nft.ts `devNftSpoke`: collection KPUNK, floor 20,000 USD, LTV 40%, threshold 60%; USDC and WETH
// loans within draw caps of 1,000,000 USDC and 500 WETH). Alice supplies 2,000,000 USDC and 1,000 WETH to the core
// spoke (the hub's liquidity); bob holds KPUNK #1..#3, approved to the spoke, and USDC/WETH approved to it.
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { Roles } from "../../deploy/roles.js";
import { devNftSpoke } from "../../deploy/spokes/nft.js";
import { deployTestKeel, refreshFeedList, signers, testConfig } from "./pool-fixture.js";

export const FLOOR = 20_000n * 10n ** 8n;

export async function deployNftSystem(connection: NetworkConnection) {
  const { ethers } = connection;
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, { ...testConfig(), nft: devNftSpoke }, s.guardian.address);
  const at = system.address;
  const manager = await ethers.getContractAt("KeelAccessManager", at("AccessManager"));
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);
  await manager.revokeRole(Roles.RISK_ADMIN, s.deployer.address);
  const spoke = await ethers.getContractAt("NftSpoke", at("NftSpoke"));
  const spokeAddress = await spoke.getAddress();
  const hub = await ethers.getContractAt("LiquidityHub", at("LiquidityHub"));
  const pool = await ethers.getContractAt("Pool", at("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const usdcFeed = await ethers.getContractAt("MockAggregator", system.reserves.USDC.feed);
  const wethFeed = await ethers.getContractAt("MockAggregator", system.reserves.WETH.feed);
  const punks = await ethers.getContractAt("MockNft", at("NFT-KPUNK"));
  const floorFeed = await ethers.getContractAt("MockAggregator", at("NFT-KPUNK-floor"));
  await usdc.mint(s.alice.address, parseUnits("2000000", 6));
  await weth.mint(s.alice.address, parseUnits("1000", 18));
  await usdc.connect(s.alice).approve(await pool.getAddress(), MaxUint256);
  await weth.connect(s.alice).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(s.alice).supply(await usdc.getAddress(), parseUnits("2000000", 6), s.alice.address, 0);
  await pool.connect(s.alice).supply(await weth.getAddress(), parseUnits("1000", 18), s.alice.address, 0);
  for (let i = 0; i < 3; i++) await punks.mint(s.bob.address);
  await punks.connect(s.bob).setApprovalForAll(spokeAddress, true);
  for (const u of [s.bob, s.carol, s.dave, s.liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await weth.mint(u.address, parseUnits("1000", 18));
    await usdc.connect(u).approve(spokeAddress, MaxUint256);
    await weth.connect(u).approve(spokeAddress, MaxUint256);
  }
  const deposit = async (tokenId: bigint, from = s.bob) =>
    punks.connect(from)["safeTransferFrom(address,address,uint256)"](from.address, spokeAddress, tokenId);
  return {
    ...s,
    system,
    manager,
    spoke,
    spokeAddress,
    hub,
    pool,
    usdc,
    weth,
    usdcFeed,
    wethFeed,
    punks,
    floorFeed,
    deposit,
    /** Re-publishes every feed (floor and assets) now, after a time jump. */
    refreshFeeds: () => refreshFeedList([usdcFeed, wethFeed, floorFeed]),
    treasuryAddress: at("Treasury"),
  };
}
