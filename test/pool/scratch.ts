import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import { linkedPoolFactory, mapRoles, reserveConfig, signers, Roles } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const upgradesApi = await upgrades(hre, connection);

async function fixture() {
  const s = await signers(ethers);
  const manager = await ethers.deployContract("AccessManager", [s.deployer.address]);
  const registry = await ethers.deployContract("TmpRegistry");
  const oracle = await ethers.deployContract("MockPriceOracle");
  const rates = await ethers.deployContract("MockRateModel");
  await rates.setRate(10n ** 27n / 31_536_000n / 10n); // ~10% a year
  await registry.set(encodeBytes32String("ORACLE"), await oracle.getAddress());
  await registry.set(encodeBytes32String("RATE_MODEL"), await rates.getAddress());
  await registry.set(encodeBytes32String("TREASURY"), s.carol.address);
  const factory = await linkedPoolFactory(ethers);
  const pool = await upgradesApi.deployProxy(factory, [await manager.getAddress(), await registry.getAddress()], {
    kind: "uups",
    unsafeAllow: ["external-library-linking"],
  });
  await mapRoles(manager, "Pool", await pool.getAddress(), ethers);
  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  await oracle.setPrice(await usdc.getAddress(), 1e8);
  await oracle.setPrice(await weth.getAddress(), 2000e8);
  for (const [t, sym] of [[usdc, "USDC"], [weth, "WETH"]] as const) {
    const kt = await ethers.deployContract("KToken", [await pool.getAddress(), await t.getAddress(), await t.decimals(), `Keel ${sym}`, `k${sym}`]);
    await t.mint(s.deployer.address, 10n ** 30n);
    await t.approve(await pool.getAddress(), MaxUint256);
    await pool.initReserve(await t.getAddress(), await kt.getAddress(), ethers.ZeroAddress, reserveConfig(), 10000n);
  }
  for (const u of [s.alice, s.bob, s.liquidator]) {
    await usdc.mint(u.address, parseUnits("1000000", 6));
    await weth.mint(u.address, parseUnits("1000", 18));
    await usdc.connect(u).approve(await pool.getAddress(), MaxUint256);
    await weth.connect(u).approve(await pool.getAddress(), MaxUint256);
  }
  return { ...s, manager, pool, usdc, weth, oracle, rates };
}

describe("pool scratch", () => {
  it("supply, borrow, repay, withdraw, liquidate", async () => {
    const { pool, usdc, weth, alice, bob, liquidator, oracle } = await networkHelpers.loadFixture(fixture);
    const U = await usdc.getAddress(), W = await weth.getAddress();
    let tx = await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    console.log("supply1", (await tx.wait())!.gasUsed);
    tx = await pool.connect(alice).supply(U, parseUnits("10000", 6), alice.address, 0);
    console.log("supply2", (await tx.wait())!.gasUsed);
    tx = await pool.connect(bob).supply(W, parseUnits("1", 18), bob.address, 0);
    console.log("supplyCol", (await tx.wait())!.gasUsed);
    tx = await pool.connect(bob).borrow(U, parseUnits("1500", 6), 2, 0, bob.address);
    console.log("borrow", (await tx.wait())!.gasUsed);
    await networkHelpers.time.increase(30 * 86400);
    tx = await pool.connect(bob).repay(U, parseUnits("100", 6), 2, bob.address);
    console.log("repay", (await tx.wait())!.gasUsed);
    console.log(await pool.getUserAccountData(bob.address));
    await oracle.setPrice(W, 1600e8);
    console.log(await pool.getUserAccountData(bob.address));
    tx = await pool.connect(liquidator).liquidationCall(W, U, bob.address, MaxUint256, false);
    console.log("liq", (await tx.wait())!.gasUsed);
    console.log(await pool.getUserAccountData(bob.address), await pool.debtBalanceOf(U, bob.address));
    tx = await pool.connect(alice).withdraw(U, parseUnits("100", 6), alice.address);
    console.log("withdraw", (await tx.wait())!.gasUsed);
    tx = await pool.connect(alice).withdraw(U, MaxUint256, alice.address);
    console.log("withdrawAll", (await tx.wait())!.gasUsed);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(0n);
  });
});
