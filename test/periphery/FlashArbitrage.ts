import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { AMM_USDC, AMM_WETH, ammOut, deployKeelMarket, premiumOf } from "../helpers/periphery-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

// A second USDC/WETH pool where WETH is cheap ($1900) next to the fixture's pool at $2000.
const CHEAP_USDC = parseUnits("1900000", 6);
const CHEAP_WETH = parseUnits("1000", 18);
const AMOUNT = parseUnits("20000", 6);

async function fixture() {
  const m = await deployKeelMarket(connection);
  const arb = m.flashArbitrage;
  const cheap = await ethers.deployContract("MockAmm", [await m.usdc.getAddress(), await m.weth.getAddress()]);
  await m.usdc.approve(cheap.target, MaxUint256);
  await m.weth.approve(cheap.target, MaxUint256);
  await cheap.addLiquidity(CHEAP_USDC, CHEAP_WETH);
  return { ...m, arb, cheap };
}

describe("FlashArbitrage", () => {
  it("arbitrage: buys on the cheaper pool, sells on the other, profit to the caller to the wei", async () => {
    const f = await loadFixture(fixture);
    const bought = ammOut(AMOUNT, CHEAP_USDC, CHEAP_WETH);
    const back = ammOut(bought, AMM_WETH, AMM_USDC);
    const premium = premiumOf(AMOUNT, 5n);
    const profit = back - AMOUNT - premium;
    // Pair order does not matter: the contract finds the cheaper side itself.
    const tx = f.arb.connect(f.bob).arbitrage(f.usdc.target, f.amm.target, f.cheap.target, AMOUNT, profit);
    await expect(tx)
      .to.emit(f.arb, "Arbitraged")
      .withArgs(f.bob.address, f.usdc.target, f.cheap.target, f.amm.target, AMOUNT, premium, profit);
    await expect(tx).to.changeTokenBalance(ethers, f.usdc, f.bob, profit);
    expect(await f.cheap.getReserves()).to.deep.equal([CHEAP_USDC + AMOUNT, CHEAP_WETH - bought]);
    expect(await f.amm.getReserves()).to.deep.equal([AMM_USDC - back, AMM_WETH + bought]);
    for (const t of [f.weth, f.usdc]) expect(await t.balanceOf(f.arb.target)).to.equal(0n);
  });

  it("arbitrage: reverts when the round trip does not pay", async () => {
    const f = await loadFixture(fixture);
    // Two pools at the same price: the fees make every round trip a loss.
    const twin = await ethers.deployContract("MockAmm", [await f.usdc.getAddress(), await f.weth.getAddress()]);
    await f.usdc.approve(twin.target, MaxUint256);
    await f.weth.approve(twin.target, MaxUint256);
    await twin.addLiquidity(AMM_USDC, AMM_WETH);
    const bought = ammOut(AMOUNT, AMM_USDC, AMM_WETH);
    const back = ammOut(bought, AMM_WETH, AMM_USDC);
    const owed = AMOUNT + premiumOf(AMOUNT, 5n);
    await expect(f.arb.arbitrage(f.usdc.target, f.amm.target, twin.target, AMOUNT, 0n))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageUnprofitable")
      .withArgs(back, owed, 0n);
  });

  it("arbitrage: reverts below the caller's minimum profit", async () => {
    const f = await loadFixture(fixture);
    const back = ammOut(ammOut(AMOUNT, CHEAP_USDC, CHEAP_WETH), AMM_WETH, AMM_USDC);
    const owed = AMOUNT + premiumOf(AMOUNT, 5n);
    const min = back - owed + 1n;
    await expect(f.arb.arbitrage(f.usdc.target, f.cheap.target, f.amm.target, AMOUNT, min))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageUnprofitable")
      .withArgs(back, owed, min);
  });

  it("arbitrage: refuses the same pool twice or a pool of another pair", async () => {
    const f = await loadFixture(fixture);
    await expect(f.arb.arbitrage(f.usdc.target, f.amm.target, f.amm.target, AMOUNT, 0n))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageInvalidPairs")
      .withArgs(f.amm.target, f.amm.target);
    const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
    const odd = await ethers.deployContract("MockAmm", [await f.usdc.getAddress(), await other.getAddress()]);
    await expect(f.arb.arbitrage(f.usdc.target, f.amm.target, odd.target, AMOUNT, 0n))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageInvalidPairs")
      .withArgs(f.amm.target, odd.target);
  });

  it("executeOperation: refuses loans started by someone else and calls not from the pool", async () => {
    const f = await loadFixture(fixture);
    await expect(f.pool.connect(f.stranger).flashLoanSimple(f.arb.target, f.usdc.target, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageUntrustedCallback")
      .withArgs(f.pool.target, f.stranger.address);
    await expect(f.arb.connect(f.stranger).executeOperation(f.usdc.target, 1n, 0n, f.arb.target, "0x"))
      .to.be.revertedWithCustomError(f.arb, "FlashArbitrageUntrustedCallback")
      .withArgs(f.stranger.address, f.arb.target);
  });
});
