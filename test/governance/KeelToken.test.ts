import { expect } from "chai";
import hre from "hardhat";
import { KEEL } from "../helpers/governance.js";

const { ethers, networkHelpers } = await hre.network.create();
const { loadFixture, time } = networkHelpers;

describe("KeelToken", () => {
  async function deployToken() {
    const [distribution, alice, bob, spender] = await ethers.getSigners();
    const token = await ethers.deployContract("KeelToken", [distribution.address]);
    return { token, distribution, alice, bob, spender };
  }

  it("constructor: mints the fixed supply of 100M KEEL to the distribution address", async () => {
    const { token, distribution } = await loadFixture(deployToken);
    expect(await token.totalSupply()).to.equal(100_000_000n * KEEL);
    expect(await token.TOTAL_SUPPLY()).to.equal(100_000_000n * KEEL);
    expect(await token.balanceOf(distribution.address)).to.equal(100_000_000n * KEEL);
    expect(await token.name()).to.equal("Keel");
    expect(await token.symbol()).to.equal("KEEL");
    expect(await token.decimals()).to.equal(18n);
  });

  it("constructor: reverts for a zero distribution address", async () => {
    const factory = await ethers.getContractFactory("KeelToken");
    await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "KeelTokenZeroDistribution",
    );
  });

  it("has no mint function: the supply cannot grow", async () => {
    const { token } = await loadFixture(deployToken);
    const mutating: string[] = [];
    token.interface.forEachFunction((f) => {
      if (!f.constant) mutating.push(f.name);
    });
    // Only the standard ERC20 / permit / delegation entry points change state: none of them creates tokens.
    expect(mutating.sort()).to.deep.equal(
      ["approve", "delegate", "delegateBySig", "permit", "transfer", "transferFrom"].sort(),
    );
  });

  it("clock: is the block timestamp, CLOCK_MODE says so (ERC-6372)", async () => {
    const { token } = await loadFixture(deployToken);
    expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await token.clock()).to.equal(BigInt(await time.latest()));
  });

  it("votes: only delegated balances count, checkpointed by timestamp", async () => {
    const { token, distribution, alice, bob } = await loadFixture(deployToken);
    await token.transfer(alice.address, 1_000n * KEEL);
    expect(await token.getVotes(alice.address)).to.equal(0n);
    await token.connect(alice).delegate(alice.address);
    const t1 = BigInt(await time.latest());
    expect(await token.getVotes(alice.address)).to.equal(1_000n * KEEL);
    await time.increase(10);
    await token.connect(alice).transfer(bob.address, 400n * KEEL);
    await time.increase(10);
    expect(await token.getPastVotes(alice.address, t1)).to.equal(1_000n * KEEL);
    expect(await token.getVotes(alice.address)).to.equal(600n * KEEL);
    expect(await token.getVotes(distribution.address)).to.equal(0n);
  });

  it("permit: an EIP-2612 signature sets the allowance", async () => {
    const { token, distribution, spender } = await loadFixture(deployToken);
    const deadline = BigInt(await time.latest()) + 3600n;
    const { chainId } = await ethers.provider.getNetwork();
    const signature = await distribution.signTypedData(
      { name: "Keel", version: "1", chainId, verifyingContract: await token.getAddress() },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { owner: distribution.address, spender: spender.address, value: 5n * KEEL, nonce: 0n, deadline },
    );
    const { v, r, s } = ethers.Signature.from(signature);
    await token.connect(spender).permit(distribution.address, spender.address, 5n * KEEL, deadline, v, r, s);
    expect(await token.allowance(distribution.address, spender.address)).to.equal(5n * KEEL);
    expect(await token.nonces(distribution.address)).to.equal(1n);
  });
});
