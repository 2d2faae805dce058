import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null });
  const [, , lender, owner, stranger] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const U = await usdc.getAddress();
  await usdc.mint(lender.address, parseUnits("100000", 6));
  await usdc.connect(lender).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(lender).supply(U, parseUnits("100000", 6), lender.address, 0);
  const receiver = await ethers.deployContract("MinimalFlashReceiver", [await pool.getAddress(), owner.address]);
  const borrower = await ethers.deployContract("MinimalERC3156Borrower", [
    system.address("FlashLender"),
    owner.address,
  ]);
  for (const c of [receiver, borrower]) await usdc.mint(await c.getAddress(), parseUnits("10", 6));
  return { system, pool, usdc, U, owner, stranger, receiver, borrower };
}

describe("periphery/examples: the README's minimal receivers", () => {
  it("MinimalFlashReceiver: serves its owner's flashLoanSimple and pays the premium", async () => {
    const { pool, usdc, U, owner, receiver } = await networkHelpers.loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    const before = await usdc.balanceOf(await receiver.getAddress());
    await pool.connect(owner).flashLoanSimple(await receiver.getAddress(), U, amount, "0x", 0);
    expect(await usdc.balanceOf(await receiver.getAddress())).to.equal(before - (amount * 5n + 9999n) / 10000n);
  });

  it("MinimalFlashReceiver: refuses a loan someone else started, and a direct call", async () => {
    const { pool, U, stranger, receiver } = await networkHelpers.loadFixture(fixture);
    await expect(pool.connect(stranger).flashLoanSimple(await receiver.getAddress(), U, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(receiver, "ReceiverUntrustedCaller")
      .withArgs(await pool.getAddress(), stranger.address);
    await expect(receiver.connect(stranger).executeOperation(U, 1n, 0n, stranger.address, "0x"))
      .to.be.revertedWithCustomError(receiver, "ReceiverUntrustedCaller")
      .withArgs(stranger.address, stranger.address);
  });

  it("MinimalERC3156Borrower: borrows for its owner only; refuses callbacks it did not start; sweep returns funds", async () => {
    const { usdc, U, owner, stranger, borrower, receiver } = await networkHelpers.loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    const before = await usdc.balanceOf(await borrower.getAddress());
    await borrower.connect(owner).borrow(U, amount);
    expect(await usdc.balanceOf(await borrower.getAddress())).to.equal(before - (amount * 5n + 9999n) / 10000n);
    await expect(borrower.connect(stranger).borrow(U, amount))
      .to.be.revertedWithCustomError(borrower, "BorrowerUntrustedCaller")
      .withArgs(stranger.address, stranger.address);
    await expect(borrower.connect(stranger).onFlashLoan(stranger.address, U, 1n, 0n, "0x"))
      .to.be.revertedWithCustomError(borrower, "BorrowerUntrustedCaller")
      .withArgs(stranger.address, stranger.address);
    const left = await usdc.balanceOf(await borrower.getAddress());
    await borrower.sweep(U);
    await receiver.sweep(U);
    expect(await usdc.balanceOf(await borrower.getAddress())).to.equal(0n);
    expect(await usdc.balanceOf(owner.address)).to.be.greaterThanOrEqual(left);
  });
});
