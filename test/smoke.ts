import { expect } from "chai";
import hre from "hardhat";

const { ethers } = await hre.network.create();

describe("toolchain", () => {
  it("deploys a mock token", async () => {
    const token = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
    expect(await token.decimals()).to.equal(6n);
  });
});
