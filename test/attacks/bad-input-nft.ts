// Bad-input rows for every external state-changing function of the NFT spoke: zero amounts and addresses, unlisted
// collections and assets, items not deposited or someone else's, calls at the wrong time of an auction, parameters
// out of bounds. Each row asserts the NAMED custom error with its arguments. (A reverted call moves nothing by
// construction, so no state hash is taken after it: the rows pin that the revert happens, and why.)
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployNftSystem } from "../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const f = await deployNftSystem(connection);
  await f.deposit(1n);
  await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), parseUnits("1000", 6), f.bob.address);
  const xyz = await ethers.deployContract("MockERC20", ["Unlisted", "XYZ", 18]);
  const other = await ethers.deployContract("MockNft", ["Other", "OTH"]);
  return { ...f, X: await xyz.getAddress(), other };
}

describe("bad inputs: NftSpoke", () => {
  it("every row reverts with its named error", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [c, u, w, Z] = [
      await f.punks.getAddress(),
      await f.usdc.getAddress(),
      await f.weth.getAddress(),
      ethers.ZeroAddress,
    ];
    const feed = await f.floorFeed.getAddress();
    const o = await f.other.getAddress();
    const s = f.spoke;
    const rows: [string, () => Promise<unknown>, string, unknown[]][] = [
      ["borrow: zero amount", () => s.connect(f.bob).borrow(u, 0n, f.bob.address), "NftSpokeZeroAmount", []],
      ["borrow: to zero", () => s.connect(f.bob).borrow(u, 1n, Z), "NftSpokeZeroAddress", []],
      [
        "borrow: unlisted asset",
        () => s.connect(f.bob).borrow(f.X, 1n, f.bob.address),
        "NftSpokeBorrowAssetNotEnabled",
        [f.X],
      ],
      [
        "borrow: without items",
        () => s.connect(f.carol).borrow(u, 1n, f.carol.address),
        "NftSpokeBorrowPowerExceeded",
        [0n, (debt: bigint) => debt >= 100n && debt <= 200n],
      ], // 1-2 units of 0.000001 USD (the hub rounds up),
      [
        "borrow: max uint",
        () => s.connect(f.bob).borrow(u, MaxUint256, f.bob.address),
        "HubAmountTooLarge",
        [MaxUint256],
      ],
      ["repay: zero amount", () => s.connect(f.bob).repay(f.bob.address, 0n), "NftSpokeZeroAmount", []],
      ["repay: no debt", () => s.connect(f.bob).repay(f.carol.address, 1n), "NftSpokeNoDebt", [f.carol.address]],
      ["withdraw: to zero", () => s.connect(f.bob).withdrawNft(c, 1n, Z), "NftSpokeZeroAddress", []],
      [
        "withdraw: not deposited",
        () => s.connect(f.bob).withdrawNft(c, 2n, f.bob.address),
        "NftSpokeNotDeposited",
        [c, 2n],
      ],
      [
        "withdraw: not the owner",
        () => s.connect(f.carol).withdrawNft(c, 1n, f.carol.address),
        "NftSpokeNotOwner",
        [f.carol.address, f.bob.address],
      ],
      [
        "onERC721Received: not a listed collection",
        () => s.connect(f.stranger).onERC721Received(f.bob.address, f.bob.address, 1n, "0x"),
        "NftSpokeCollectionNotListed",
        [f.stranger.address],
      ],
      ["bid: not deposited", () => s.connect(f.carol).bid(c, 2n, 1n), "NftSpokeNotDeposited", [c, 2n]],
      ["redeem: no auction", () => s.connect(f.bob).redeem(c, 1n, 1n), "NftSpokeNoAuction", [c, 1n]],
      ["redeem: zero amount", () => s.connect(f.bob).redeem(c, 1n, 0n), "NftSpokeZeroAmount", []],
      ["settle: no auction", () => s.settle(c, 1n), "NftSpokeNoAuction", [c, 1n]],
      [
        "claim: nothing",
        () => s.connect(f.carol).claim(u, f.carol.address),
        "NftSpokeNothingToClaim",
        [f.carol.address, u],
      ],
      ["claim: to zero", () => s.connect(f.carol).claim(u, Z), "NftSpokeZeroAddress", []],
      [
        "listCollection: zero collection",
        () => s.connect(f.deployer).listCollection(Z, feed, 3600, 4000, 6000),
        "NftSpokeZeroAddress",
        [],
      ],
      [
        "listCollection: zero feed",
        () => s.connect(f.deployer).listCollection(o, Z, 3600, 4000, 6000),
        "NftSpokeZeroAddress",
        [],
      ],
      [
        "listCollection: listed",
        () => s.connect(f.deployer).listCollection(c, feed, 3600, 4000, 6000),
        "NftSpokeCollectionAlreadyListed",
        [c],
      ],
      [
        "listCollection: heartbeat 0",
        () => s.connect(f.deployer).listCollection(o, feed, 0, 4000, 6000),
        "NftSpokeParameterOutOfBounds",
        [0n, 60n, 604_800n],
      ],
      [
        "listCollection: ltv >= threshold",
        () => s.connect(f.deployer).listCollection(o, feed, 3600, 6000, 6000),
        "NftSpokeParameterOutOfBounds",
        [6000n, 1n, 5999n],
      ],
      [
        "setCollectionRisk: unlisted",
        () => s.connect(f.risk).setCollectionRisk(o, 1000, 2000),
        "NftSpokeCollectionNotListed",
        [o],
      ],
      [
        "setFloorBounds: min >= max",
        () => s.connect(f.risk).setFloorBounds(c, 5n, 5n),
        "NftSpokeInvalidBounds",
        [5n, 5n],
      ],
      [
        "setFloorBounds: negative",
        () => s.connect(f.risk).setFloorBounds(c, -1n, 5n),
        "NftSpokeInvalidBounds",
        [-1n, 5n],
      ],
      [
        "setTokenPremium: below 0.1x",
        () => s.connect(f.risk).setTokenPremium(c, 1n, 999),
        "NftSpokeParameterOutOfBounds",
        [999n, 1000n, 100_000n],
      ],
      [
        "setTokenPremium: unlisted",
        () => s.connect(f.risk).setTokenPremium(o, 1n, 20_000),
        "NftSpokeCollectionNotListed",
        [o],
      ],
      [
        "setAuctionConfig: too short",
        () =>
          s
            .connect(f.risk)
            .setAuctionConfig({ duration: 60, redeemWindow: 30, fineBps: 0, minBidBps: 9000, bidIncrementBps: 1 }),
        "NftSpokeParameterOutOfBounds",
        [60n, 3600n, 604_800n],
      ],
      [
        "setAuctionConfig: fine > 10%",
        () =>
          s
            .connect(f.risk)
            .setAuctionConfig({ duration: 7200, redeemWindow: 30, fineBps: 1001, minBidBps: 9000, bidIncrementBps: 1 }),
        "NftSpokeParameterOutOfBounds",
        [1001n, 0n, 1000n],
      ],
      [
        "setAuctionConfig: min bid < 10%",
        () =>
          s
            .connect(f.risk)
            .setAuctionConfig({ duration: 7200, redeemWindow: 30, fineBps: 0, minBidBps: 999, bidIncrementBps: 1 }),
        "NftSpokeParameterOutOfBounds",
        [999n, 1000n, 10_000n],
      ],
      [
        "setAuctionConfig: increment 0",
        () =>
          s
            .connect(f.risk)
            .setAuctionConfig({ duration: 7200, redeemWindow: 30, fineBps: 0, minBidBps: 9000, bidIncrementBps: 0 }),
        "NftSpokeParameterOutOfBounds",
        [0n, 1n, 1000n],
      ],
      [
        "setBorrowAsset: unlisted in the hub",
        () => s.connect(f.deployer).setBorrowAsset(f.X, true),
        "HubAssetNotListed",
        [f.X],
      ],
      [
        "setBorrowAsset: disable unknown",
        () => s.connect(f.deployer).setBorrowAsset(f.X, false),
        "NftSpokeBorrowAssetNotEnabled",
        [f.X],
      ],
      [
        "freezeCollection: unlisted",
        () => s.connect(f.guardian).freezeCollection(o),
        "NftSpokeCollectionNotListed",
        [o],
      ],
      [
        "unfreezeCollection: unlisted",
        () => s.connect(f.deployer).unfreezeCollection(o),
        "NftSpokeCollectionNotListed",
        [o],
      ],
    ];
    expect(w).to.not.equal(u);
    for (const [name, call, error, args] of rows) {
      const target = error.startsWith("Hub") ? f.hub : s;
      await expect(call(), name)
        .to.be.revertedWithCustomError(target, error)
        .withArgs(...args);
    }
  });

  it("bid, redeem and settle at the wrong moment of an auction", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = await f.punks.getAddress();
    await f.floorFeed.setAnswer(1_000n * 10n ** 8n); // liquidation value 600 < debt 1,000
    await f.spoke.connect(f.carol).bid(c, 1n, parseUnits("950", 6));
    await expect(f.spoke.connect(f.bob).withdrawNft(c, 1n, f.bob.address))
      .to.be.revertedWithCustomError(f.spoke, "NftSpokeAuctionRunning")
      .withArgs(f.bob.address);
    const a = await f.spoke.getAuction(c, 1n);
    await networkHelpers.time.setNextBlockTimestamp(a.endsAt - 1n);
    await expect(f.spoke.settle(c, 1n))
      .to.be.revertedWithCustomError(f.spoke, "NftSpokeAuctionNotEnded")
      .withArgs(a.endsAt, a.endsAt - 1n);
    await networkHelpers.time.setNextBlockTimestamp(a.endsAt);
    await expect(f.spoke.connect(f.dave).bid(c, 1n, parseUnits("2000", 6)))
      .to.be.revertedWithCustomError(f.spoke, "NftSpokeAuctionEnded")
      .withArgs(a.endsAt, a.endsAt);
  });
});
