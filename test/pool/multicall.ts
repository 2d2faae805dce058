import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { loadFixture } = networkHelpers;

/** alice lends 100k USDC; bob holds WETH (funded and approved by the fixture). */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  return f;
}

describe("Pool: multicall (Aave 3.4)", () => {
  it("supply collateral and borrow against it in one transaction, each call with the caller's own rights", async () => {
    const { pool, bob, U, W } = await loadFixture(fixture);
    const calls = [
      pool.interface.encodeFunctionData("supply", [W, parseUnits("1", 18), bob.address, 0]),
      pool.interface.encodeFunctionData("borrow", [U, parseUnits("1000", 6), 2, 0, bob.address]),
    ];
    const tx = pool.connect(bob).multicall(calls);
    await expect(tx).to.emit(pool, "Supply").withArgs(W, bob.address, bob.address, parseUnits("1", 18), 0);
    await expect(tx).to.emit(pool, "Borrow");
    expect(await pool.supplyBalanceOf(W, bob.address)).to.equal(parseUnits("1", 18));
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(parseUnits("1000", 6));
  });

  it("a failing call reverts the whole batch with its own error: nothing moves", async () => {
    const { pool, bob, U, W } = await loadFixture(fixture);
    const calls = [
      pool.interface.encodeFunctionData("supply", [W, parseUnits("1", 18), bob.address, 0]),
      // 1 WETH ($2,000) at 80% LTV cannot back $5,000.
      pool.interface.encodeFunctionData("borrow", [U, parseUnits("5000", 6), 2, 0, bob.address]),
    ];
    await expect(pool.connect(bob).multicall(calls)).to.be.revertedWithCustomError(pool, "PoolInsufficientCollateral");
    expect(await pool.supplyBalanceOf(W, bob.address)).to.equal(0n);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(0n);
  });

  it("restricted functions keep the caller's role: a stranger's batched pause is refused, the guardian's works", async () => {
    const { pool, stranger, guardian } = await loadFixture(fixture);
    const pause = [pool.interface.encodeFunctionData("pause")];
    await expect(pool.connect(stranger).multicall(pause)).to.be.revertedWithCustomError(
      pool,
      "AccessManagedUnauthorized",
    );
    await pool.connect(guardian).multicall(pause);
    expect(await pool.paused()).to.equal(true);
  });

  it("the hub's flash-loan callback cannot be reached through a batch", async () => {
    const { pool, stranger } = await loadFixture(fixture);
    const call = [pool.interface.encodeFunctionData("onHubFlashLoan", ["0x"])];
    await expect(pool.connect(stranger).multicall(call))
      .to.be.revertedWithCustomError(pool, "PoolOnlyHub")
      .withArgs(stranger.address);
  });
});
