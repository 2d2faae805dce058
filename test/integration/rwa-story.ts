// Integration story (issue 12): an RWA loan -> the issuer's NAV falls -> an allowlisted liquidation.
// Alice, a KYC'd holder of tokenised T-bills, borrows USDC from the hub's liquidity (supplied by Dave on the core
// spoke) through the RWA spoke. The issuer marks the NAV down in daily steps within the 2% bound; a keeper flags her
// position when it falls below 1.0; after the 3-day grace Bob, an allowlisted market maker, repays part of her debt
// and takes T-bills at the 4% bonus. Alice keeps the rest of her collateral, the hub's books match the spoke's, and
// Dave's supply only grew (interest).
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { T, deployRwaSystem } from "../helpers/rwa-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const USD = (x: string) => parseUnits(x, 6);
const WAD = 10n ** 18n;

function fixture() {
  return deployRwaSystem(connection);
}

describe("story: RWA loan -> NAV drop -> allowlisted liquidation", () => {
  it("runs end to end", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const A = f.alice.address;
    const daveBefore = await f.pool.supplyBalanceOf(f.U, f.dave.address);

    // 1. The loan: 500k T-bills in, 390k USDC out (78% of the NAV value; LTV 80%).
    await f.spoke.connect(f.alice).supply(f.tbillAddress, T("500000"));
    await f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("390000"), A);
    expect(await f.usdc.balanceOf(f.spokeAddress)).to.equal(0n);

    // 2. The issuer marks the NAV down day by day, each step within the 2% bound, to 0.91.
    let nav = 10n ** 8n;
    while (nav > 91_000_000n) {
      await time.increase(86_400);
      nav = nav - 1_500_000n < 91_000_000n ? 91_000_000n : nav - 1_500_000n;
      await f.nav.setAnswer(nav);
      await f.usdcFeed.setAnswer(10n ** 8n);
      await f.spoke.updateNav(f.tbillAddress);
    }
    const pos = await f.spoke.getPosition(A, f.tbillAddress);
    expect(pos.healthFactor)
      .to.be.lessThan(WAD)
      .and.greaterThan((WAD * 95n) / 100n);

    // 3. A keeper flags the position; liquidation waits for the grace period.
    await f.spoke.connect(f.stranger).poke(A, f.tbillAddress);
    await expect(f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("100000"))).to.be.revertedWithCustomError(
      f.spoke,
      "RwaGracePeriodActive",
    );
    // Carol, not on the issuer's allowlist, can never liquidate.
    await f.refresh();
    await time.increase(3 * 86_400);
    await f.refresh();
    await expect(f.spoke.connect(f.carol).liquidate(A, f.tbillAddress, USD("100000")))
      .to.be.revertedWithCustomError(f.spoke, "RwaNotAllowlisted")
      .withArgs(f.tbillAddress, f.carol.address);

    // 4. Bob, allowlisted, liquidates 100k of the debt and receives T-bills at the bonus.
    const bobTbill = await f.tbill.balanceOf(f.bob.address);
    await f.spoke.connect(f.bob).liquidate(A, f.tbillAddress, USD("100000"));
    const got = (await f.tbill.balanceOf(f.bob.address)) - bobTbill;
    expect(got).to.equal((USD("100000") * 10_400n * 10n ** 8n) / (10_000n * 91_000_000n));
    const after = await f.spoke.getPosition(A, f.tbillAddress);
    expect(after.healthFactor).to.be.greaterThan(WAD); // the partial liquidation restored her health
    expect(after.collateral).to.equal(T("500000") - got);
    expect(after.drawnShares).to.equal((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).drawnShares);

    // 5. Alice repays the rest and takes her remaining T-bills home; Dave's supply only grew.
    await f.spoke.connect(f.alice).repay(f.tbillAddress, MaxUint256, A);
    await f.spoke.connect(f.alice).withdraw(f.tbillAddress, MaxUint256);
    expect(await f.spoke.positionOf(A, f.tbillAddress)).to.deep.equal([0n, 0n, 0n]);
    expect((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).deficit).to.equal(0n);
    expect(await f.pool.supplyBalanceOf(f.U, f.dave.address)).to.be.greaterThan(daveBefore);
  });
});
