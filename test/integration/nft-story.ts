// The NFT spoke's story and blast radius, on the one deployer's system:
// - story: a loan against a punk -> the floor halves and more -> an auction -> the price does not cover the debt ->
//   the shortfall is the spoke's deficit, covered by the insurance fund (the treasury's hub shares), so the hub's
//   suppliers lose nothing;
// - blast radius: the floor goes to ~0 with the spoke at its draw cap: the spoke loses at most its draw cap (plus the
//   interest on it), the core spoke's users keep their positions, and the socialisation is visible in the events.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployNftSystem } from "../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const fixture = () => deployNftSystem(connection);
const usd = (n: string) => parseUnits(n, 6);
const YEAR = 365 * 86_400;

describe("integration: the NFT spoke", () => {
  it("story: NFT loan -> floor drop -> auction -> bad debt covered by insurance (the treasury's hub shares)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [c, u, w] = [await f.punks.getAddress(), await f.usdc.getAddress(), await f.weth.getAddress()];
    // The insurance fund fills up: a year of interest on a core-spoke loan, 10% of it to the treasury.
    await f.weth.connect(f.dave).approve(await f.pool.getAddress(), MaxUint256);
    await f.pool.connect(f.dave).supply(w, parseUnits("1000", 18), f.dave.address, 0);
    await f.pool.connect(f.dave).borrow(u, usd("1000000"), 2, 0, f.dave.address);
    await networkHelpers.time.increase(YEAR);
    await f.refreshFeeds();
    const fund = await f.hub.treasuryBalance(u);
    expect(fund).to.be.gt(usd("9000"));

    // Bob borrows 7,000 USDC against KPUNK #1 (floor 20,000: LTV 8,000).
    await f.deposit(1n);
    await f.spoke.connect(f.bob).borrow(u, usd("7000"), f.bob.address);
    // The floor falls to 2,000: health factor 1,200 / 7,000.
    await f.floorFeed.setAnswer(2_000n * 10n ** 8n);
    expect((await f.spoke.accountData(f.bob.address))[4]).to.be.lt(10n ** 18n);
    // The keeper opens the auction at the minimum bid; nobody bids more.
    const minimum = await f.spoke.minimumBid(c, 1n);
    expect(minimum).to.equal(usd("1900"));
    await f.spoke.connect(f.liquidator).bid(c, 1n, minimum);
    await networkHelpers.time.increaseTo((await f.spoke.getAuction(c, 1n)).endsAt);
    const [supplyBefore] = await f.hub.spokeBalances(await f.pool.getAddress(), u);
    const fundBefore = await f.hub.treasuryBalance(u);
    const tx = f.spoke.settle(c, 1n);
    await expect(tx).to.emit(f.spoke, "AuctionSettled");
    await expect(tx)
      .to.emit(f.spoke, "NftDeficit")
      .withArgs(
        f.bob.address,
        u,
        (x: bigint) => x > 0n,
        (x: bigint) => x > usd("5100") && x < usd("5110"),
        (x: bigint) => x > usd("5100"),
        0n,
      );
    await expect(tx)
      .to.emit(f.hub, "DeficitReported")
      .withArgs(
        f.spokeAddress,
        u,
        (x: bigint) => x > usd("5100"),
        (x: bigint) => x > usd("5100"),
        0n,
      );
    expect(await f.punks.ownerOf(1n)).to.equal(f.liquidator.address);
    // The insurance paid; the core spoke's supply (alice's and dave's) did not move down.
    expect(fundBefore - (await f.hub.treasuryBalance(u))).to.be.gt(usd("5090")); // less a second of new income
    const [supplyAfter] = await f.hub.spokeBalances(await f.pool.getAddress(), u);
    expect(supplyAfter).to.be.gte(supplyBefore);
  });

  it("blast radius: a collection worth ~0 costs at most the spoke's draw cap; core users keep their positions", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [c, u, w] = [await f.punks.getAddress(), await f.usdc.getAddress(), await f.weth.getAddress()];
    // Governance gives the NFT spoke a draw cap of 20,000 USDC.
    await f.hub.connect(f.deployer).setSpokeCaps(f.spokeAddress, u, 0n, 20_000n);
    // A core-spoke borrower, whose position must not change.
    await f.weth.connect(f.dave).approve(await f.pool.getAddress(), MaxUint256);
    await f.pool.connect(f.dave).supply(w, parseUnits("10", 18), f.dave.address, 0);
    await f.pool.connect(f.dave).borrow(u, usd("5000"), 2, 0, f.dave.address);
    for (const id of [1n, 2n, 3n]) await f.deposit(id);
    await expect(f.spoke.connect(f.bob).borrow(u, usd("20001"), f.bob.address)).to.be.revertedWithCustomError(
      f.hub,
      "HubDrawCapExceeded",
    );
    await f.spoke.connect(f.bob).borrow(u, usd("19999"), f.bob.address); // the hub rounds the draw up
    const daveBefore = await f.pool.getUserAccountData(f.dave.address);

    // The floor collapses to 0.00000001 USD: every punk sells for one unit.
    await f.floorFeed.setAnswer(1n);
    let deficit = 0n;
    let socialised = 0n;
    for (const id of [1n, 2n, 3n]) {
      await f.refreshFeeds();
      await f.floorFeed.setAnswer(1n);
      expect(await f.spoke.minimumBid(c, id)).to.equal(1n);
      await f.spoke.connect(f.liquidator).bid(c, id, 1n);
      await networkHelpers.time.increaseTo((await f.spoke.getAuction(c, id)).endsAt);
      const receipt = await (await f.spoke.settle(c, id)).wait();
      for (const log of receipt!.logs) {
        const parsed = f.spoke.interface.parseLog(log);
        if (parsed?.name === "NftDeficit") {
          deficit += parsed.args.amount as bigint;
          socialised += parsed.args.socialised as bigint;
        }
      }
    }
    // Written off only once the last item was sold; at most the draw cap plus the few days of interest on it.
    expect(deficit).to.be.gt(usd("19990"));
    expect(socialised).to.be.gt(0n); // the fund was nearly empty: the hub's suppliers share the rest
    expect(deficit).to.be.lt(usd("20000") + usd("20"));
    const sa = await f.hub.getSpokeAsset(f.spokeAddress, u);
    expect(sa.drawnShares).to.equal(0n);
    expect(sa.deficit).to.equal(deficit);
    // What the insurance fund could not cover was socialised, visibly (the events above), and nothing beyond.
    expect(socialised).to.be.lte(deficit);
    // The core spoke's borrower: same collateral, and his debt is what interest made it, nothing written onto it.
    await f.refreshFeeds();
    const daveAfter = await f.pool.getUserAccountData(f.dave.address);
    expect(daveAfter[0]).to.equal(daveBefore[0]);
    expect(daveAfter[1]).to.be.gte(daveBefore[1]);
    // No more loans: the spoke cannot draw beyond its cap again before governance acts (its deficit stays recorded).
    expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).drawCap).to.equal(20_000n);
  });
});
