// The SDK's portfolio (packages/sdk/src/portfolio.ts): one user on every spoke of the deployer's full dev system
// (core, eMode, NFT, RWA), each part equal to that spoke's own reader and the spoke's own views.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { MAX_HEALTH_FACTOR, readAccount, readNftAccount, readPortfolio } from "../../packages/sdk/src/index.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

/** The dev system; the user supplies 10 WETH on the core spoke and borrows 2,000 USDC there (bob lends it), and
 *  deposits one NFT and borrows 1,000 USDC on the NFT spoke. */
async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "portfolio", recordDir: null });
  const [, user, bob] = await ethers.getSigners();
  const core = await ethers.getContractAt("Pool", keel.address("Pool"));
  const weth = await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset);
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  await usdc.mint(bob.address, parseUnits("100000", 6));
  await usdc.connect(bob).approve(core, MaxUint256);
  await core.connect(bob).supply(usdc, parseUnits("100000", 6), bob.address, 0);
  await weth.mint(user.address, parseUnits("10", 18));
  await weth.connect(user).approve(core, MaxUint256);
  await core.connect(user).supply(weth, parseUnits("10", 18), user.address, 0);
  await core.connect(user).borrow(usdc, parseUnits("2000", 6), 2, 0, user.address);
  const nft = keel.nft!;
  const collection = await ethers.getContractAt("MockNft", Object.values(nft.collections)[0].collection);
  const tokenId = await collection.mint.staticCall(user.address);
  await collection.mint(user.address);
  await collection.connect(user)["safeTransferFrom(address,address,uint256)"](user.address, nft.address, tokenId);
  const spoke = await ethers.getContractAt("NftSpoke", nft.address);
  await spoke.connect(user).borrow(usdc, parseUnits("1000", 6), user.address);
  return { keel, user: user, spoke };
}

describe("sdk: portfolio across spokes", () => {
  it("one entry per spoke of the record, each equal to its own reader at the same block", async () => {
    const { keel, user, spoke } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const p = await readPortfolio(ethers.provider, keel.record, user.address, { blockTag });
    expect(p.pools.map((x) => x.name)).to.deep.equal(["Pool", ...Object.keys(keel.spokes)]);
    expect(p.pools[0]?.account).to.deep.equal(
      await readAccount(ethers.provider, keel.address("Pool"), user.address, { blockTag }),
    );
    expect(p.pools[0]?.account.totalDebtBase).to.be.gte(2000n * 10n ** 8n);
    for (const other of p.pools.slice(1)) expect(other.account.healthFactor, other.name).to.equal(MAX_HEALTH_FACTOR); // nothing there
    expect(p.nft.map((x) => x.account.spoke)).to.deep.equal([keel.nft!.address]);
    expect(p.nft[0]?.account).to.deep.equal(
      await readNftAccount(ethers.provider, keel.nft!.address, user.address, { blockTag }),
    );
    expect(p.nft[0]?.account.healthFactor).to.equal((await spoke.accountData(user.address, { blockTag }))[4]);
    expect(p.nft[0]?.account.items.length).to.equal(1);
    expect(p.rwa.map((x) => x.account.spoke)).to.deep.equal([keel.rwa!.address]);
    expect(p.rwa[0]?.account.positions).to.deep.equal([]);
  });
});
