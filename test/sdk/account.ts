// The SDK's account view of the core spoke (packages/sdk/src/account.ts) against the pool's own answers at the same
// block: the summary equals getUserAccountData to the wei, per-reserve balances equal supplyBalanceOf/debtBalanceOf,
// and each collateral's liquidation price is where the chain's health factor crosses 1.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { MAX_HEALTH_FACTOR, WAD, readAccount } from "../../packages/sdk/src/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** alice: 10 WETH and 5,000 USDC of collateral, 0.05 WBTC supplied but not collateral, 9,000 USDC and 1 WETH
 *  borrowed; bob supplies the liquidity; 90 days of interest. */
async function fixture() {
  const f = await deployTestSystem(connection);
  const { pool, alice, bob, U, B, W } = f;
  await pool.connect(bob).supply(U, parseUnits("500000", 6), bob.address, 0);
  await pool.connect(bob).supply(W, parseUnits("500", 18), bob.address, 0);
  await pool.connect(alice).supply(W, parseUnits("10", 18), alice.address, 0);
  await pool.connect(alice).supply(U, parseUnits("5000", 6), alice.address, 0);
  await pool.connect(alice).supply(B, parseUnits("0.05", 8), alice.address, 0);
  await pool.connect(alice).setUserUseReserveAsCollateral(B, false);
  await pool.connect(alice).borrow(U, parseUnits("9000", 6), 2, 0, alice.address);
  await pool.connect(alice).borrow(W, parseUnits("1", 18), 2, 0, alice.address);
  await time.increase(90 * 86_400);
  await f.refreshFeeds();
  return f;
}

async function latestBlock(): Promise<number> {
  return ethers.provider.getBlockNumber();
}

describe("sdk: account on the core spoke", () => {
  it("the summary equals getUserAccountData to the wei, and balances equal supplyBalanceOf / debtBalanceOf", async () => {
    const { pool, poolAddress, alice, U, B, W } = await loadFixture(fixture);
    const blockTag = await latestBlock();
    const acct = await readAccount(ethers.provider, poolAddress, alice.address, { blockTag });
    const d = await pool.getUserAccountData(alice.address, { blockTag });
    expect([
      acct.totalCollateralBase,
      acct.totalDebtBase,
      acct.availableBorrowsBase,
      acct.currentLiquidationThresholdBps,
      acct.ltvBps,
      acct.healthFactor,
    ]).to.deep.equal([d[0], d[1], d[2], d[3], d[4], d[5]]);
    expect(acct.totalDebtBase).to.be.gt(9000n * 10n ** 8n + 2000n * 10n ** 8n); // 90 days of interest on $11,000
    expect(acct.healthFactor).to.be.gt(WAD);
    expect(acct.reserves.map((r) => r.asset)).to.have.members([U, B, W]);
    for (const r of acct.reserves) {
      expect(r.supplied, `supplied ${r.asset}`).to.equal(
        await pool.supplyBalanceOf(r.asset, alice.address, { blockTag }),
      );
      expect(r.debt, `debt ${r.asset}`).to.equal(await pool.debtBalanceOf(r.asset, alice.address, { blockTag }));
    }
    const wbtc = acct.reserves.find((r) => r.asset === B);
    expect(wbtc?.collateral).to.equal(false);
    expect(wbtc?.collateralBase).to.equal(0n); // supplied, not collateral: not valued
    expect(wbtc?.liquidationPrice).to.equal(undefined);
    expect(acct.reserves.find((r) => r.asset === U)?.borrowing).to.equal(true);
  });

  it("an account that never used the spoke: zero values and the maximum health factor, as the pool says", async () => {
    const { pool, poolAddress, stranger } = await loadFixture(fixture);
    const acct = await readAccount(ethers.provider, poolAddress, stranger.address);
    const d = await pool.getUserAccountData(stranger.address);
    expect(acct.healthFactor).to.equal(MAX_HEALTH_FACTOR);
    expect(acct.healthFactor).to.equal(d[5]);
    expect(acct.totalCollateralBase).to.equal(0n);
    expect(acct.reserves).to.deep.equal([]);
  });

  it("WETH's liquidation price: 0.1% above it the pool's health factor is at least 1, 0.1% below it is under 1", async () => {
    const { pool, poolAddress, alice, W, wethFeed } = await loadFixture(fixture);
    const acct = await readAccount(ethers.provider, poolAddress, alice.address);
    const price = acct.reserves.find((r) => r.asset === W)?.liquidationPrice;
    if (price === undefined) expect.fail("WETH collateral has a liquidation price");
    expect(price).to.be.gt(0n);
    expect(price).to.be.lt(2000n * 10n ** 8n); // below today's $2,000: the account is healthy now
    await wethFeed.setAnswer((price * 1001n) / 1000n);
    expect((await pool.getUserAccountData(alice.address))[5]).to.be.gte(WAD);
    await wethFeed.setAnswer((price * 999n) / 1000n);
    const hf = (await pool.getUserAccountData(alice.address))[5];
    expect(hf).to.be.lt(WAD);
    // And the SDK agrees with the pool at the new price.
    expect((await readAccount(ethers.provider, poolAddress, alice.address)).healthFactor).to.equal(hf);
  });
});
