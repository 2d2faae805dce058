// The SDK's NFT spoke account (packages/sdk/src/spokes.ts) against the spoke's own views, and its liquidation floor
// against where the spoke's health factor crosses 1.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { MAX_HEALTH_FACTOR, WAD, readNftAccount } from "../../packages/sdk/src/index.js";
import { FLOOR, deployNftSystem } from "../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

/** bob deposits KPUNK #1 and #2 (floor 20,000 USD, LTV 40%, threshold 60%) and borrows 14,000 USDC. */
async function fixture() {
  const f = await deployNftSystem(connection);
  await f.deposit(1n);
  await f.deposit(2n);
  await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), parseUnits("14000", 6), f.bob.address);
  return f;
}

describe("sdk: account on the NFT spoke", () => {
  it("items, debt and values equal the spoke's views; a stranger has none", async () => {
    const { spoke, spokeAddress, punks, usdc, bob, stranger } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const a = await readNftAccount(ethers.provider, spokeAddress, bob.address, { blockTag });
    const collection = await punks.getAddress();
    expect(a.items.map((i) => [i.collection, i.tokenId])).to.deep.equal([
      [collection, 1n],
      [collection, 2n],
    ]);
    for (const i of a.items) expect(i.value).to.equal(await spoke.nftValue(collection, i.tokenId, { blockTag }));
    const [asset, shares, amount] = await spoke.debtOf(bob.address, { blockTag });
    expect([a.debtAsset, a.drawnShares, a.debt]).to.deep.equal([asset, shares, amount]);
    expect(a.debtAsset).to.equal(await usdc.getAddress());
    const d = await spoke.accountData(bob.address, { blockTag });
    expect([a.collateralBase, a.borrowPowerBase, a.liquidationValueBase, a.debtBase, a.healthFactor]).to.deep.equal([
      d[0],
      d[1],
      d[2],
      d[3],
      d[4],
    ]);
    expect(a.collections[0]?.floor).to.equal(FLOOR);
    expect(a.collections[0]?.liquidationThresholdBps).to.equal(6000n);
    const none = await readNftAccount(ethers.provider, spokeAddress, stranger.address);
    expect([none.items.length, none.debt, none.healthFactor, none.collections.length]).to.deep.equal([
      0,
      0n,
      MAX_HEALTH_FACTOR,
      0,
    ]);
  });

  it("the liquidation floor: 0.1% above it the spoke's health factor is at least 1, 0.1% below it is under 1", async () => {
    const { spoke, spokeAddress, bob, floorFeed } = await loadFixture(fixture);
    const floor = (await readNftAccount(ethers.provider, spokeAddress, bob.address)).collections[0]?.liquidationFloor;
    if (floor === undefined) expect.fail("an indebted account has a liquidation floor");
    // 14,000 USD of debt over two items at 60%: about 11,667 USD.
    expect(floor).to.be.gt(11_600n * 10n ** 8n);
    expect(floor).to.be.lt(11_700n * 10n ** 8n);
    await floorFeed.setAnswer((floor * 1001n) / 1000n);
    expect((await spoke.accountData(bob.address))[4]).to.be.gte(WAD);
    await floorFeed.setAnswer((floor * 999n) / 1000n);
    expect((await spoke.accountData(bob.address))[4]).to.be.lt(WAD);
  });
});
