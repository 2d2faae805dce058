// Shared set-up of test/attacks/: the whole Keel system from the one deployer (`deployKeel`, admin kept by the
// deployer so a test can list extra reserves), typed handles and funded users.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { HUB_UNLIMITED, deployKeel, reserveConfig } from "../../deploy/keel.js";
import { devReserves } from "../../deploy/config.js";

/** Deploys Keel with `handOver: false` and funds `users` with 1M USDC, 100 WBTC and 1000 WETH each, approved. */
export async function deployKeelForAttacks(hre: HardhatRuntimeEnvironment, connection: NetworkConnection) {
  const { ethers } = connection;
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null, handOver: false });
  const signers = await ethers.getSigners();
  const [deployer, guardianSigner, alice, bob, carol, dave, liquidator, stranger] = signers;
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const poolAddress = await pool.getAddress();
  const hub = await ethers.getContractAt("LiquidityHub", system.address("LiquidityHub"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const wbtc = await ethers.getContractAt("MockERC20", system.reserves.WBTC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const usdcFeed = await ethers.getContractAt("MockAggregator", system.reserves.USDC.feed);
  const wbtcFeed = await ethers.getContractAt("MockAggregator", system.reserves.WBTC.feed);
  const wethFeed = await ethers.getContractAt("MockAggregator", system.reserves.WETH.feed);
  for (const u of [alice, bob, carol, dave, liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await wbtc.mint(u.address, parseUnits("100", 8));
    await weth.mint(u.address, parseUnits("1000", 18));
    for (const t of [usdc, wbtc, weth]) await t.connect(u).approve(poolAddress, MaxUint256);
  }
  return {
    system,
    deployer,
    guardianSigner,
    alice,
    bob,
    carol,
    dave,
    liquidator,
    stranger,
    pool,
    poolAddress,
    hub,
    /** Lists `asset` in the hub with unlimited core-spoke caps (governance's step before `initReserve`). */
    listInHub: async (asset: string, reserveFactor = 1000) => {
      if (((await hub.getAsset(asset)).flags & 1n) !== 0n) return; // listed already
      await hub.listAsset(asset, ethers.ZeroAddress, reserveFactor, 5);
      await hub.setSpokeCaps(poolAddress, asset, HUB_UNLIMITED, HUB_UNLIMITED);
    },
    usdc,
    wbtc,
    weth,
    U: system.reserves.USDC.asset,
    B: system.reserves.WBTC.asset,
    W: system.reserves.WETH.asset,
    usdcFeed,
    wbtcFeed,
    wethFeed,
    oracle: await ethers.getContractAt("KeelOracle", system.address("Oracle")),
    rateModel: await ethers.getContractAt("KinkedRateModel", system.address("RateModel")),
    registry: await ethers.getContractAt("ModuleRegistry", system.address("ModuleRegistry")),
    treasury: await ethers.getContractAt("KeelTreasury", system.address("Treasury")),
    lender: await ethers.getContractAt("KeelFlashLender", system.address("FlashLender")),
    manager: await ethers.getContractAt("KeelAccessManager", system.address("AccessManager")),
    upgrader: await ethers.getContractAt("KeelUpgrader", system.address("Upgrader")),
    keel: await ethers.getContractAt("KeelToken", system.address("KeelToken")),
    governor: await ethers.getContractAt("KeelGovernor", system.address("Governor")),
    timelock: await ethers.getContractAt("KeelTimelock", system.address("Timelock")),
    rewards: await ethers.getContractAt("VotingRewards", system.address("VotingRewards")),
  };
}

/** Risk configuration of the dev WETH reserve, for listing extra test reserves with realistic parameters. */
export const wethLikeConfig = () => reserveConfig(devReserves[2]);
