// Collateral swap walk-through: replace WETH collateral with WBTC in one transaction, debt untouched.
//   npx hardhat run scripts/collateral-swap.ts            (in-process network)
// CollateralSwap flash-borrows the NEW asset, supplies it for the user, pulls the user's kWETH, withdraws the WETH,
// swaps it to WBTC on the AMM to repay the flash loan and its premium, and supplies any leftover for the user.
import hre from "hardhat";
import { MaxUint256, formatUnits, parseUnits } from "ethers";
import { deployKeel } from "../deploy/keel.js";
import { fmtHf } from "../tasks/lib/keel.js";

const connection = await hre.network.create();
const { ethers } = connection;
const system = await deployKeel(hre, connection, { networkName: connection.networkName, recordDir: null });
const [deployer, , , , user] = await ethers.getSigners();
const R = system.reserves;
const pool = await ethers.getContractAt("Pool", system.address("Pool"));
const weth = await ethers.getContractAt("MockERC20", R.WETH.asset);
const wbtc = await ethers.getContractAt("MockERC20", R.WBTC.asset);
const swap = await ethers.getContractAt("CollateralSwap", system.address("CollateralSwap"));
const adapter = await ethers.getContractAt("AmmSwapAdapter", system.address("SwapAdapter"));

// A WETH/WBTC pair at the oracle prices ($2,000 and $60,000), routed by the adapter (its owner is the deployer on
// development networks).
const amm = await ethers.deployContract("MockAmm", [R.WETH.asset, R.WBTC.asset]);
const [ammWeth, ammWbtc] = [parseUnits("3000", 18), parseUnits("100", 8)];
await (await weth.mint(deployer.address, ammWeth)).wait();
await (await wbtc.mint(deployer.address, ammWbtc)).wait();
await (await weth.approve(await amm.getAddress(), ammWeth)).wait();
await (await wbtc.approve(await amm.getAddress(), ammWbtc)).wait();
const wethIs0 = (await amm.token0()).toLowerCase() === R.WETH.asset.toLowerCase();
await (await amm.addLiquidity(wethIs0 ? ammWeth : ammWbtc, wethIs0 ? ammWbtc : ammWeth)).wait();
await (await adapter.setPair(R.WETH.asset, R.WBTC.asset, await amm.getAddress())).wait();

// A lender provides WBTC liquidity to flash-borrow; the user holds WETH collateral and a USDC debt.
await (await wbtc.mint(deployer.address, parseUnits("10", 8))).wait();
await (await wbtc.approve(await pool.getAddress(), MaxUint256)).wait();
await (await pool.supply(R.WBTC.asset, parseUnits("10", 8), deployer.address, 0)).wait();
const usdc = await ethers.getContractAt("MockERC20", R.USDC.asset);
await (await usdc.mint(deployer.address, parseUnits("100000", 6))).wait();
await (await usdc.approve(await pool.getAddress(), MaxUint256)).wait();
await (await pool.supply(R.USDC.asset, parseUnits("100000", 6), deployer.address, 0)).wait();
await (await weth.mint(user.address, parseUnits("10", 18))).wait();
await (await weth.connect(user).approve(await pool.getAddress(), MaxUint256)).wait();
await (await pool.connect(user).supply(R.WETH.asset, parseUnits("10", 18), user.address, 0)).wait();
await (await pool.connect(user).borrow(R.USDC.asset, parseUnits("12000", 6), 2, 0, user.address)).wait();

const show = async (label: string) => {
  const d = await pool.getUserAccountData(user.address);
  console.log(
    `${label}: ${formatUnits(await pool.supplyBalanceOf(R.WETH.asset, user.address), 18)} WETH, ` +
      `${formatUnits(await pool.supplyBalanceOf(R.WBTC.asset, user.address), 8)} WBTC supplied; ` +
      `debt ${formatUnits(await pool.debtBalanceOf(R.USDC.asset, user.address), 6)} USDC; health factor ${fmtHf(d[5])}`,
  );
};
await show("before");
const kWeth = await ethers.getContractAt("KToken", R.WETH.kToken);
await (await kWeth.connect(user).approve(await swap.getAddress(), MaxUint256)).wait();
const quote = await adapter.quoteExactIn(R.WETH.asset, R.WBTC.asset, parseUnits("10", 18));
const rc = await (
  await swap
    .connect(user)
    .swapCollateral(R.WETH.asset, MaxUint256, R.WBTC.asset, (quote * 98n) / 100n, await adapter.getAddress())
).wait();
await show("after ");
console.log(`one transaction, gas ${String(rc?.gasUsed)}; the USDC debt never moved`);
