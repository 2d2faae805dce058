// Integration story of the safety module on the system the one deployer builds: three borrowers go bad through the
// core spoke's ordinary liquidations after a WETH crash. The first loss is absorbed by the safety module alone; the
// second is larger than the module's max slash per event, and the treasury covers the rest; the third exceeds both,
// and only what is left is socialised over USDC suppliers. Events and balances are asserted at each step.
import { expect } from "chai";
import hre from "hardhat";
import { type ContractTransactionResponse, MaxUint256 } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { E6, deploySafetySystem, type SafetySystem } from "../helpers/safety-fixture.js";
import { Prices } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const f = await deploySafetySystem(connection);
  await f.module.connect(f.bob).stake(f.U, 10_000n * E6, f.bob.address);
  // The treasury's insurance fund in the core spoke (its USDC supply there): 2,000 USDC.
  await f.pool.connect(f.liquidator).supply(f.U, 2_000n * E6, f.treasuryAddress, 0);
  return f;
}

/** `who` posts `weth` WETH at $2,000 and borrows just under 80% of it in USDC; WETH then falls to $1,000 and the liquidator takes
 *  all the collateral: returns the liquidation. The price goes back to $2,000 afterwards. */
async function goesBad(f: SafetySystem, who: HardhatEthersSigner, weth: bigint): Promise<ContractTransactionResponse> {
  await f.weth.mint(who.address, weth * 10n ** 18n);
  await f.weth.connect(who).approve(f.poolAddress, MaxUint256);
  await f.pool.connect(who).supply(f.W, weth * 10n ** 18n, who.address, 0);
  await f.pool.connect(who).borrow(f.U, weth * 1590n * E6, 2, 0, who.address);
  await f.wethFeed.setAnswer(Prices.WETH / 2n);
  const tx = await f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, who.address, MaxUint256, false);
  await f.wethFeed.setAnswer(Prices.WETH);
  return tx;
}

/** The liquidation's bad debt as the core spoke and the hub report it. */
async function lossOf(f: SafetySystem, tx: ContractTransactionResponse) {
  const rc = (await tx.wait())!;
  let covered = 0n;
  let socialised = 0n;
  let byModule = 0n;
  for (const log of rc.logs) {
    const p = f.pool.interface.parseLog(log);
    if (p?.name === "BadDebtWrittenOff") [covered, socialised] = [p.args[2] as bigint, p.args[3] as bigint];
    const h = log.address.toLowerCase() === f.hubAddress.toLowerCase() ? f.hub.interface.parseLog(log) : null;
    if (h?.name === "SafetyModuleCover") byModule = h.args[3] as bigint;
  }
  return { covered, socialised, byModule, total: covered + socialised };
}

describe("integration: a bad debt meets the safety module, then the treasury, then the suppliers", () => {
  it("act 1: a small loss is absorbed by the stakers alone; treasury and suppliers untouched", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const treasuryBefore = await f.pool.supplyBalanceOf(f.U, f.treasuryAddress);
    const indexBefore = (await f.hub.getAsset(f.U)).liquidityIndex;
    const staked = await f.module.totalAssets(f.U);
    const tx = await goesBad(f, f.carol, 1n);
    await expect(tx).to.emit(f.module, "CoverPaid");
    const loss = await lossOf(f, tx);
    expect(loss.total).to.be.gt(500n * E6);
    expect(loss.byModule).to.equal(loss.total);
    expect(loss.socialised).to.equal(0n);
    expect(await f.module.totalAssets(f.U)).to.be.closeTo(staked - loss.total, 2n);
    expect((await f.module.getStakePool(f.U)).coverPaid).to.equal(loss.byModule);
    expect(await f.pool.supplyBalanceOf(f.U, f.treasuryAddress)).to.be.gte(treasuryBefore);
    expect((await f.hub.getAsset(f.U)).liquidityIndex).to.be.gte(indexBefore);
  });

  it("act 2: a loss above the max slash per event: the module pays its 30%, the treasury the rest; suppliers untouched", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await goesBad(f, f.carol, 1n);
    const staked = await f.module.totalAssets(f.U);
    const treasuryBefore = await f.pool.supplyBalanceOf(f.U, f.treasuryAddress);
    const indexBefore = (await f.hub.getAsset(f.U)).liquidityIndex;
    const tx = await goesBad(f, f.dave, 6n);
    await expect(tx).to.emit(f.hub, "SafetyModuleCover");
    const loss = await lossOf(f, tx);
    expect(loss.byModule).to.be.closeTo((staked * 3000n) / 10_000n, 2n);
    expect(loss.total).to.be.gt(loss.byModule);
    expect(loss.socialised).to.equal(0n);
    const treasuryPaid = treasuryBefore - (await f.pool.supplyBalanceOf(f.U, f.treasuryAddress));
    expect(treasuryPaid).to.be.closeTo(loss.total - loss.byModule, 2n);
    expect((await f.hub.getAsset(f.U)).liquidityIndex).to.be.gte(indexBefore);
  });

  it("act 3: a loss beyond both: module 30%, the treasury all it has, and only the rest socialised", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await goesBad(f, f.carol, 1n);
    await goesBad(f, f.dave, 6n);
    const staked = await f.module.totalAssets(f.U);
    const treasuryBefore = await f.pool.supplyBalanceOf(f.U, f.treasuryAddress);
    const aliceBefore = await f.pool.supplyBalanceOf(f.U, f.alice.address);
    const indexBefore = (await f.hub.getAsset(f.U)).liquidityIndex;
    const tx = await goesBad(f, f.stranger, 6n);
    const loss = await lossOf(f, tx);
    expect(loss.byModule).to.be.closeTo((staked * 3000n) / 10_000n, 2n);
    expect(loss.socialised).to.be.gt(0n);
    // The treasury's whole fund went first (its pool supply, then its hub income).
    expect(await f.pool.supplyBalanceOf(f.U, f.treasuryAddress)).to.equal(0n);
    expect(await f.hub.treasuryBalance(f.U)).to.be.lte(1n);
    expect(loss.covered - loss.byModule).to.be.gte(treasuryBefore);
    // Suppliers share only the rest: the index falls; alice loses about her share of `socialised`, not more.
    expect((await f.hub.getAsset(f.U)).liquidityIndex).to.be.lt(indexBefore);
    const aliceLoss = aliceBefore - (await f.pool.supplyBalanceOf(f.U, f.alice.address));
    expect(aliceLoss).to.be.gt(0n);
    expect(aliceLoss).to.be.lt(loss.socialised);
    // Stakers cooling down share the slash: bob's 10,000 shares are worth what is left.
    expect(await f.module.previewUnstake(f.U, 10_000n * E6)).to.be.lt(staked - loss.byModule + 1n);
    expect(ethers.getAddress(await f.hub.safetyModule())).to.equal(f.moduleAddress);
  });
});
