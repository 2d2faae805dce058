// NftSpoke unit tests: deposits, loans, valuation (floor, premium, staleness, bounds), auctions (open, outbid,
// redeem with fine, settle with surplus, settle with shortfall -> deficit), and every privileged function refused to
// a stranger.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployNftSystem, FLOOR } from "../../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployNftSystem(connection);
const usd = (n: string) => parseUnits(n, 6);
const DAY = 86_400;

/** Bob deposits KPUNK #1 and borrows 7,000 USDC; the floor then falls to `floorUsd`, so his health factor is below 1. */
async function underwater(floorUsd = 10_000n) {
  const f = await networkHelpers.loadFixture(fixture);
  await f.deposit(1n);
  await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), usd("7000"), f.bob.address);
  await f.floorFeed.setAnswer(floorUsd * 10n ** 8n);
  return f;
}

describe("NftSpoke", () => {
  describe("deposit", () => {
    it("records the item for its depositor", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await expect(f.deposit(1n))
        .to.emit(f.spoke, "NftDeposited")
        .withArgs(f.bob.address, await f.punks.getAddress(), 1n);
      expect(await f.spoke.depositorOf(await f.punks.getAddress(), 1n)).to.equal(f.bob.address);
      expect(await f.punks.ownerOf(1n)).to.equal(f.spokeAddress);
      expect((await f.spoke.itemsOf(f.bob.address)).length).to.equal(1);
    });

    it("reverts when called by an unlisted collection (a direct call)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await expect(f.spoke.connect(f.stranger).onERC721Received(f.bob.address, f.bob.address, 1n, "0x"))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeCollectionNotListed")
        .withArgs(f.stranger.address);
    });

    it("reverts when the account would hold more than MAX_NFTS_PER_ACCOUNT items", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      for (let i = 0; i < 8; i++) await f.punks.mint(f.bob.address);
      for (let id = 1n; id <= 10n; id++) await f.deposit(id);
      await expect(f.deposit(11n))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeTooManyNfts")
        .withArgs(f.bob.address, 10n);
    });

    it("reverts for a frozen collection, and accepts again once unfrozen", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      await f.spoke.connect(f.guardian).freezeCollection(c);
      await expect(f.deposit(1n)).to.be.revertedWithCustomError(f.spoke, "NftSpokeCollectionFrozen").withArgs(c);
      await f.spoke.connect(f.deployer).unfreezeCollection(c);
      await f.deposit(1n);
      expect(await f.spoke.depositorOf(c, 1n)).to.equal(f.bob.address);
    });
  });

  describe("borrow, repay, withdraw", () => {
    it("borrows up to the LTV (40% of the floor) from the hub, as hub drawn shares", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      const u = await f.usdc.getAddress();
      const before = await f.usdc.balanceOf(f.bob.address);
      await expect(f.spoke.connect(f.bob).borrow(u, usd("7999"), f.bob.address)).to.emit(f.spoke, "Borrowed");
      expect((await f.usdc.balanceOf(f.bob.address)) - before).to.equal(usd("7999"));
      const [asset, shares] = await f.spoke.debtOf(f.bob.address);
      expect(asset).to.equal(u);
      expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).drawnShares).to.equal(shares);
      expect(await f.usdc.balanceOf(f.spokeAddress)).to.equal(0n); // the spoke never holds lent tokens
    });

    it("reverts above the borrow power, with the power and the debt (base currency)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      await expect(f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), usd("8001"), f.bob.address))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeBorrowPowerExceeded")
        .withArgs((FLOOR * 4000n) / 10_000n, 8001n * 10n ** 8n);
    });

    it("reverts on a second debt asset (one per account)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      const [u, w] = [await f.usdc.getAddress(), await f.weth.getAddress()];
      await f.spoke.connect(f.bob).borrow(u, usd("100"), f.bob.address);
      await expect(f.spoke.connect(f.bob).borrow(w, 1n, f.bob.address))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeOtherDebtAsset")
        .withArgs(u, w);
    });

    it("repays everything with type(uint256).max, after which the item can be withdrawn", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      const u = await f.usdc.getAddress();
      await f.spoke.connect(f.bob).borrow(u, usd("5000"), f.bob.address);
      await networkHelpers.time.increase(30 * DAY);
      await f.refreshFeeds();
      const [, , owed] = await f.spoke.debtOf(f.bob.address);
      expect(owed).to.be.gt(usd("5000")); // interest follows the hub's borrow index
      await f.spoke.connect(f.bob).repay(f.bob.address, MaxUint256);
      const [asset, shares] = await f.spoke.debtOf(f.bob.address);
      expect([asset, shares]).to.deep.equal([ethers.ZeroAddress, 0n]);
      expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).drawnShares).to.equal(0n);
      await f.spoke.connect(f.bob).withdrawNft(await f.punks.getAddress(), 1n, f.bob.address);
      expect(await f.punks.ownerOf(1n)).to.equal(f.bob.address);
    });

    it("withdraw reverts when the remaining items no longer cover the debt", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      await f.deposit(2n);
      await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), usd("9000"), f.bob.address);
      await expect(
        f.spoke.connect(f.bob).withdrawNft(await f.punks.getAddress(), 1n, f.bob.address),
      ).to.be.revertedWithCustomError(f.spoke, "NftSpokeBorrowPowerExceeded");
      expect(await f.spoke.depositorOf(await f.punks.getAddress(), 1n)).to.equal(f.bob.address);
    });

    it("withdraw reverts for someone else's item", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      await expect(f.spoke.connect(f.carol).withdrawNft(await f.punks.getAddress(), 1n, f.carol.address))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeNotOwner")
        .withArgs(f.carol.address, f.bob.address);
    });
  });

  describe("pricing", () => {
    it("values an item at its floor, times its premium (rounded down)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      expect(await f.spoke.nftValue(c, 1n)).to.equal(FLOOR);
      await expect(f.spoke.connect(f.risk).setTokenPremium(c, 1n, 25_000))
        .to.emit(f.spoke, "TokenPremiumSet")
        .withArgs(c, 1n, 0, 25_000);
      expect(await f.spoke.nftValue(c, 1n)).to.equal((FLOOR * 25_000n) / 10_000n);
      await f.floorFeed.setAnswer(333_333_333n); // 3.33333333 USD
      expect(await f.spoke.nftValue(c, 1n)).to.equal(833_333_332n); // 8.333333325 rounded down
    });

    it("a premium outside [0.1x, 10x] is refused", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await expect(f.spoke.connect(f.risk).setTokenPremium(await f.punks.getAddress(), 1n, 100_001))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeParameterOutOfBounds")
        .withArgs(100_001n, 1000n, 100_000n);
    });

    it("a stale floor stops valuation (and so borrowing)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      await f.deposit(1n);
      await networkHelpers.time.increase(DAY + 1);
      const [, , , updatedAt] = await f.floorFeed.latestRoundData();
      await expect(f.spoke.floorPrice(c))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeStaleFloor")
        .withArgs(c, updatedAt, 86_400n);
      await f.usdcFeed.setAnswer(10n ** 8n);
      await expect(
        f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), usd("1"), f.bob.address),
      ).to.be.revertedWithCustomError(f.spoke, "NftSpokeStaleFloor");
    });

    it("an answer outside the floor bounds is a failure", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      await f.spoke.connect(f.risk).setFloorBounds(c, 1000n * 10n ** 8n, 100_000n * 10n ** 8n);
      await f.floorFeed.setAnswer(1000n * 10n ** 8n);
      await expect(f.spoke.floorPrice(c))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeInvalidFloor")
        .withArgs(c, 1000n * 10n ** 8n);
      await f.floorFeed.setAnswer(0n);
      await expect(f.spoke.floorPrice(c))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeInvalidFloor")
        .withArgs(c, 0n);
    });
  });

  describe("auctions", () => {
    it("bid: refused while the account is healthy", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await f.deposit(1n);
      await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), usd("7000"), f.bob.address);
      // 12,000 USD of liquidation value over 7,000 USD of debt (plus a few seconds of interest): about 1.714.
      await expect(f.spoke.connect(f.carol).bid(await f.punks.getAddress(), 1n, usd("20000")))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeHealthy")
        .withArgs(f.bob.address, (hf: bigint) => hf > 1_714_000_000_000_000_000n && hf < 1_714_285_714_285_714_286n);
    });

    it("bid: the first bid opens the auction at >= 95% of the value; an outbid bid becomes claimable", async () => {
      const f = await underwater();
      const c = await f.punks.getAddress();
      expect(await f.spoke.minimumBid(c, 1n)).to.equal(usd("9500"));
      await expect(f.spoke.connect(f.carol).bid(c, 1n, usd("9499")))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeBidTooLow")
        .withArgs(usd("9499"), usd("9500"));
      await expect(f.spoke.connect(f.carol).bid(c, 1n, usd("9500"))).to.emit(f.spoke, "AuctionBid");
      await expect(f.spoke.connect(f.dave).bid(c, 1n, usd("9594")))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeBidTooLow")
        .withArgs(usd("9594"), usd("9595"));
      await f.spoke.connect(f.dave).bid(c, 1n, usd("9600"));
      expect(await f.spoke.claimable(await f.usdc.getAddress(), f.carol.address)).to.equal(usd("9500"));
      const before = await f.usdc.balanceOf(f.carol.address);
      await f.spoke.connect(f.carol).claim(await f.usdc.getAddress(), f.carol.address);
      expect((await f.usdc.balanceOf(f.carol.address)) - before).to.equal(usd("9500"));
      // While the auction runs the borrower can neither withdraw nor borrow.
      await expect(f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), 1n, f.bob.address))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeAuctionRunning")
        .withArgs(f.bob.address);
    });

    it("redeem: in the protection window the borrower repays, pays the fine to the first bidder and keeps the item", async () => {
      const f = await underwater();
      const [c, u] = [await f.punks.getAddress(), await f.usdc.getAddress()];
      await f.spoke.connect(f.carol).bid(c, 1n, usd("9500"));
      await f.spoke.connect(f.dave).bid(c, 1n, usd("9600"));
      const fine = (usd("9600") * 500n) / 10_000n;
      await expect(f.spoke.connect(f.bob).redeem(c, 1n, MaxUint256)).to.emit(f.spoke, "AuctionRedeemed");
      expect(await f.spoke.claimable(u, f.carol.address)).to.equal(usd("9500") + fine);
      expect(await f.spoke.claimable(u, f.dave.address)).to.equal(usd("9600"));
      expect(await f.spoke.depositorOf(c, 1n)).to.equal(f.bob.address);
      expect((await f.spoke.getAuction(c, 1n)).borrower).to.equal(ethers.ZeroAddress);
      expect((await f.spoke.debtOf(f.bob.address))[1]).to.equal(0n);
    });

    it("redeem: reverts after the window, and when the repayment leaves the account unhealthy", async () => {
      const f = await underwater();
      const c = await f.punks.getAddress();
      await f.spoke.connect(f.carol).bid(c, 1n, usd("9500"));
      await expect(f.spoke.connect(f.bob).redeem(c, 1n, usd("100"))).to.be.revertedWithCustomError(
        f.spoke,
        "NftSpokeRedeemInsufficient",
      );
      const until = (await f.spoke.getAuction(c, 1n)).redeemUntil;
      await networkHelpers.time.setNextBlockTimestamp(until);
      await expect(f.spoke.connect(f.bob).redeem(c, 1n, MaxUint256))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeRedeemWindowOver")
        .withArgs(until, until);
    });

    it("settle: the winner gets the item, the debt goes back to the hub, the surplus to the borrower", async () => {
      const f = await underwater();
      const [c, u] = [await f.punks.getAddress(), await f.usdc.getAddress()];
      await f.spoke.connect(f.carol).bid(c, 1n, usd("9600"));
      const endsAt = (await f.spoke.getAuction(c, 1n)).endsAt;
      await expect(f.spoke.settle(c, 1n)).to.be.revertedWithCustomError(f.spoke, "NftSpokeAuctionNotEnded");
      await networkHelpers.time.increaseTo(endsAt);
      await expect(f.spoke.connect(f.carol).bid(c, 1n, usd("20000"))).to.be.revertedWithCustomError(
        f.spoke,
        "NftSpokeAuctionEnded",
      );
      const tx = f.spoke.connect(f.stranger).settle(c, 1n);
      await expect(tx).to.emit(f.spoke, "AuctionSettled").to.emit(f.hub, "Restore");
      await expect(tx).to.not.emit(f.spoke, "NftDeficit");
      expect(await f.punks.ownerOf(1n)).to.equal(f.carol.address);
      expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).drawnShares).to.equal(0n);
      const surplus = await f.spoke.claimable(u, f.bob.address);
      expect(surplus).to.be.gt(usd("2590")).and.lt(usd("2600")); // 9,600 - 7,000 - a day's interest
      expect(await f.usdc.balanceOf(f.spokeAddress)).to.equal(surplus);
    });

    it("settle: a price below the debt with no item left reports the shortfall as the spoke's deficit", async () => {
      const f = await underwater(1_000n);
      const [c, u] = [await f.punks.getAddress(), await f.usdc.getAddress()];
      await f.spoke.connect(f.carol).bid(c, 1n, usd("950"));
      await networkHelpers.time.increaseTo((await f.spoke.getAuction(c, 1n)).endsAt);
      const tx = f.spoke.settle(c, 1n);
      await expect(tx).to.emit(f.spoke, "NftDeficit").to.emit(f.hub, "DeficitReported");
      expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).drawnShares).to.equal(0n);
      expect((await f.hub.getSpokeAsset(f.spokeAddress, u)).deficit).to.be.gt(usd("6000"));
      expect((await f.spoke.debtOf(f.bob.address))[1]).to.equal(0n);
      expect(await f.spoke.claimable(u, f.bob.address)).to.equal(0n);
    });
  });

  describe("governance", () => {
    it("every privileged function refuses a stranger", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      const s = f.spoke.connect(f.stranger);
      const calls = [
        s.listCollection(f.stranger.address, await f.floorFeed.getAddress(), 3600, 4000, 6000),
        s.setCollectionRisk(c, 3000, 5000),
        s.setFloorBounds(c, 1n, 2n),
        s.setTokenPremium(c, 1n, 20_000),
        s.setAuctionConfig({ duration: 7200, redeemWindow: 3600, fineBps: 100, minBidBps: 9000, bidIncrementBps: 100 }),
        s.setBorrowAsset(await f.usdc.getAddress(), false),
        s.freezeCollection(c),
        s.unfreezeCollection(c),
        s.upgradeToAndCall(f.stranger.address, "0x"),
      ];
      for (const call of calls) {
        await expect(call)
          .to.be.revertedWithCustomError(f.spoke, "AccessManagedUnauthorized")
          .withArgs(f.stranger.address);
      }
    });

    it("risk setters emit old and new values and keep to their bounds", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const c = await f.punks.getAddress();
      await expect(f.spoke.connect(f.risk).setCollectionRisk(c, 3000, 5000))
        .to.emit(f.spoke, "CollectionRiskSet")
        .withArgs(c, 4000, 3000, 6000, 5000);
      await expect(f.spoke.connect(f.risk).setCollectionRisk(c, 5000, 8001))
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeParameterOutOfBounds")
        .withArgs(8001n, 1n, 8000n);
      await expect(
        f.spoke.connect(f.risk).setAuctionConfig({
          duration: 3600,
          redeemWindow: 3600,
          fineBps: 100,
          minBidBps: 9000,
          bidIncrementBps: 100,
        }),
      )
        .to.be.revertedWithCustomError(f.spoke, "NftSpokeParameterOutOfBounds")
        .withArgs(3600n, 1n, 3599n);
    });
  });
});
