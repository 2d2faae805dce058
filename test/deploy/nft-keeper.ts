import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { runNftKeeper } from "../../scripts/keeper/nft.js";
import { deployNftSystem } from "../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const f = await deployNftSystem(connection);
  await f.deposit(1n);
  await f.spoke.connect(f.bob).borrow(await f.usdc.getAddress(), parseUnits("7000", 6), f.bob.address);
  await f.floorFeed.setAnswer(10_000n * 10n ** 8n);
  return f;
}

describe("scripts/keeper/nft.ts: runNftKeeper", () => {
  it("dry run: reports the unhealthy account and opens nothing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const actions = await runNftKeeper(ethers, f.system.record, { dryRun: true, keeper: f.liquidator });
    expect(actions.map((a) => [a.kind, a.account, a.tokenId, a.bid])).to.deep.equal([
      ["open", f.bob.address, 1n, parseUnits("9500", 6)],
    ]);
    // The health factor the keeper acted on (read through the SDK) is the spoke's own.
    const [, , , , hf] = await f.spoke.accountData(f.bob.address);
    expect(hf).to.be.lessThan(10n ** 18n);
    expect(actions[0].healthFactor).to.equal(hf);
    expect((await f.spoke.getAuction(await f.punks.getAddress(), 1n)).borrower).to.equal(ethers.ZeroAddress);
  });

  it("opens the auction at the minimum bid, then settles it once ended", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = await f.punks.getAddress();
    const opened = await runNftKeeper(ethers, f.system.record, { keeper: f.liquidator });
    expect(opened.map((a) => [a.kind, a.done])).to.deep.equal([["open", true]]);
    const a = await f.spoke.getAuction(c, 1n);
    expect([a.borrower, a.firstBidder, a.highestBid]).to.deep.equal([
      f.bob.address,
      f.liquidator.address,
      parseUnits("9500", 6),
    ]);
    await networkHelpers.time.increaseTo(a.endsAt);
    const settled = await runNftKeeper(ethers, f.system.record, { keeper: f.liquidator });
    expect(settled.map((x) => [x.kind, x.done])).to.deep.equal([["settle", true]]);
    expect(await f.punks.ownerOf(1n)).to.equal(f.liquidator.address);
  });
});
