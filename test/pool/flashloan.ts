import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags, RAY } from "../helpers/pool-fixture.js";
import { bpsMulDown, bpsMulUp, mulDivDown } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const Behaviour = {
  Repay: 0,
  ReturnFalse: 1,
  NoApprove: 2,
  RepayShort: 3,
  Nested: 4,
  SupplyDuringCallback: 5,
} as const;

/** alice lends 100k USDC and 100 WETH; bob holds 10 WETH of collateral; the receiver holds 1k USDC and 1 WETH for premiums. */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  await f.pool.connect(f.alice).supply(f.W, parseUnits("100", 18), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("10", 18), f.bob.address, 0);
  const receiver = await ethers.deployContract("MockFlashReceiver", [f.poolAddress]);
  const R = await receiver.getAddress();
  await f.usdc.mint(R, parseUnits("1000", 6));
  await f.weth.mint(R, parseUnits("1", 18));
  return { ...f, receiver, R };
}

describe("Pool: flash loans", () => {
  it("flashLoanSimple: lends, calls back with the initiator, pulls amount + premium and splits the premium to the wei", async () => {
    const { hub, hubAddress, pool, usdc, receiver, R, alice, U } = await loadFixture(fixture);
    const amount = parseUnits("10000", 6);
    const premium = bpsMulUp(amount, 5n);
    const toProtocol = bpsMulDown(premium, 1000n);
    const before = await pool.getKeelReserveData(U);
    const tx = pool.connect(alice).flashLoanSimple(R, U, amount, "0x1234", 3);
    await expect(tx).to.emit(pool, "FlashLoan").withArgs(R, alice.address, U, amount, 0, premium, 3);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [R, hubAddress], [-premium, premium]);
    expect(await receiver.lastInitiator()).to.equal(alice.address);
    expect(await receiver.lastParams()).to.equal("0x1234");
    expect(await receiver.lastPremiums(0)).to.equal(premium);
    const after = await pool.getKeelReserveData(U);
    const newIndex = before.liquidityIndex + mulDivDown(premium - toProtocol, RAY, before.totalSupplyScaled);
    expect(after.liquidityIndex).to.equal(newIndex);
    // The protocol's share becomes the treasury's shares in the hub; the spoke's suppliers keep their shares.
    const tScaled = mulDivDown(toProtocol, RAY, newIndex);
    expect((await hub.getAsset(U)).treasuryShares).to.equal(tScaled);
    expect((await hub.getAsset(U)).totalShares).to.equal(before.totalSupplyScaled + tScaled);
    expect(after.totalSupplyScaled).to.equal(before.totalSupplyScaled);
    expect(after.cash).to.equal(before.cash + premium);
    expect(await pool.flashLoanInProgress()).to.equal(false);
  });

  it("flashLoan: several assets in mode 0 each pay their premium", async () => {
    const { pool, usdc, weth, receiver, R, alice, U, W } = await loadFixture(fixture);
    const amounts = [parseUnits("5000", 6), parseUnits("20", 18)];
    const premiums = amounts.map((a) => bpsMulUp(a, 5n));
    const tx = pool.connect(alice).flashLoan(R, [U, W], amounts, [0, 0], alice.address, "0x", 0);
    await expect(tx).to.emit(pool, "FlashLoan").withArgs(R, alice.address, U, amounts[0], 0, premiums[0], 0);
    await expect(tx).to.emit(pool, "FlashLoan").withArgs(R, alice.address, W, amounts[1], 0, premiums[1], 0);
    await expect(tx).to.changeTokenBalance(ethers, usdc, R, -premiums[0]);
    await expect(tx).to.changeTokenBalance(ethers, weth, R, -premiums[1]);
    expect(await receiver.lastCount()).to.equal(2n);
    expect(await receiver.lastPremiums(1)).to.equal(premiums[1]);
  });

  it("flashLoan: the hub's record of a second asset out is cleared by the loan, so the next loan can take all its cash", async () => {
    // The hub keeps the first asset out on a flash loan in transient storage and every further asset in storage
    // (Solidity has no transient mappings): a record left behind would shrink every later loan of that asset.
    const { pool, hub, weth, R, alice, bob, U, W } = await loadFixture(fixture);
    await weth.mint(R, parseUnits("10", 18)); // premiums of the full-cash loans below
    for (let i = 0; i < 2; ++i) {
      const cashW = await hub.availableCash(W);
      await expect(
        pool.connect(alice).flashLoan(R, [U, W], [parseUnits("1000", 6), cashW], [0, 0], alice.address, "0x", 0),
      ).to.emit(pool, "FlashLoan");
      // Back in full, plus the premium (the treasury's share of it is hub cash too).
      expect(await hub.availableCash(W)).to.equal(cashW + bpsMulUp(cashW, 5n));
    }
    // Drawn in place on the second asset (mode 2): the record goes down by the borrow and is cleared at the end.
    const debtBefore = await pool.debtBalanceOf(W, bob.address);
    await expect(
      pool
        .connect(bob)
        .flashLoan(R, [U, W], [parseUnits("1000", 6), parseUnits("1", 18)], [0, 2], bob.address, "0x", 0),
    ).to.emit(pool, "Borrow");
    expect(await pool.debtBalanceOf(W, bob.address)).to.equal(debtBefore + parseUnits("1", 18));
    const cashW = await hub.availableCash(W);
    await expect(pool.connect(alice).flashLoan(R, [U, W], [1000n, cashW], [0, 0], alice.address, "0x", 0)).to.emit(
      pool,
      "FlashLoan",
    );
    const cashAfter = await hub.availableCash(W);
    expect(cashAfter).to.equal(cashW + bpsMulUp(cashW, 5n));
    await expect(pool.connect(alice).flashLoan(R, [U, W], [1000n, cashAfter + 1n], [0, 0], alice.address, "0x", 0))
      .to.be.revertedWithCustomError(hub, "HubInsufficientLiquidity")
      .withArgs(cashAfter, cashAfter + 1n);
  });

  it("flashLoan: mode 2 leaves the amount as the caller's debt, without premium", async () => {
    const { pool, usdc, receiver, R, bob, U } = await loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    const rate = (await pool.getKeelReserveData(U)).borrowRate * 31_536_000n; // annual, as Aave emits it
    const tx = pool.connect(bob).flashLoan(R, [U], [amount], [2], bob.address, "0x", 0);
    await expect(tx).to.emit(pool, "FlashLoan").withArgs(R, bob.address, U, amount, 2, 0, 0);
    await expect(tx).to.emit(pool, "Borrow").withArgs(U, bob.address, bob.address, amount, 2, rate, 0);
    await expect(tx).to.changeTokenBalance(ethers, usdc, R, amount);
    expect(await receiver.lastPremiums(0)).to.equal(0n);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(amount);
  });

  it("flashLoan: mode 2 on behalf of another account needs its credit delegation", async () => {
    const { pool, R, bob, carol, U } = await loadFixture(fixture);
    const amount = parseUnits("1000", 6);
    await expect(pool.connect(carol).flashLoan(R, [U], [amount], [2], bob.address, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCreditDelegation")
      .withArgs(0n, amount);
    await pool.connect(bob).approveDelegation(U, carol.address, amount);
    await expect(pool.connect(carol).flashLoan(R, [U], [amount], [2], bob.address, "0x", 0))
      .to.emit(pool, "BorrowAllowanceDelegated")
      .withArgs(bob.address, carol.address, U, 0n);
    expect(await pool.debtBalanceOf(U, bob.address)).to.equal(amount);
  });

  it("flashLoan: mode 2 without enough collateral is refused (PoolInsufficientCollateral)", async () => {
    const { pool, R, carol, U } = await loadFixture(fixture);
    await expect(pool.connect(carol).flashLoan(R, [U], [1n], [2], carol.address, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolInsufficientCollateral")
      .withArgs(0n, 100n);
  });

  it("flashLoanSimple: a receiver returning false reverts (PoolFlashReceiverFailed)", async () => {
    const { pool, receiver, R, alice, U } = await loadFixture(fixture);
    await receiver.setBehaviour(Behaviour.ReturnFalse);
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolFlashReceiverFailed")
      .withArgs(R);
    await expect(pool.connect(alice).flashLoan(R, [U], [1000n], [0], alice.address, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolFlashReceiverFailed")
      .withArgs(R);
  });

  it("flashLoanSimple: a receiver that does not approve cannot be pulled from", async () => {
    const { pool, usdc, receiver, R, alice, U, poolAddress } = await loadFixture(fixture);
    await receiver.setBehaviour(Behaviour.NoApprove);
    const amount = parseUnits("1000", 6);
    await expect(pool.connect(alice).flashLoanSimple(R, U, amount, "0x", 0))
      .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
      .withArgs(poolAddress, 0n, amount + bpsMulUp(amount, 5n));
  });

  it("flashLoanSimple: a receiver repaying one unit short is refused", async () => {
    const { pool, usdc, receiver, R, alice, U, poolAddress } = await loadFixture(fixture);
    await receiver.setBehaviour(Behaviour.RepayShort);
    const owed = parseUnits("1000", 6) + bpsMulUp(parseUnits("1000", 6), 5n);
    await expect(pool.connect(alice).flashLoanSimple(R, U, parseUnits("1000", 6), "0x", 0))
      .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
      .withArgs(poolAddress, owed - 1n, owed);
  });

  it("flashLoanSimple: a nested flash loan from the callback is refused (PoolFlashLoanInProgress)", async () => {
    const { pool, receiver, R, alice, U } = await loadFixture(fixture);
    await receiver.setBehaviour(Behaviour.Nested);
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0)).to.be.revertedWithCustomError(
      pool,
      "PoolFlashLoanInProgress",
    );
    await expect(
      pool.connect(alice).flashLoan(R, [U], [1000n], [0], alice.address, "0x", 0),
    ).to.be.revertedWithCustomError(pool, "PoolFlashLoanInProgress");
  });

  it("flashLoanSimple: the receiver may use the pool during the callback", async () => {
    const { pool, receiver, R, alice, U } = await loadFixture(fixture);
    await receiver.setBehaviour(Behaviour.SupplyDuringCallback);
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0))
      .to.emit(pool, "Supply")
      .withArgs(U, R, R, 1n, 0);
    expect(await pool.supplyBalanceOf(U, R)).to.equal(1n);
  });

  it("flashLoanSimple: refused while flash loans are paused, allowed again after unpause", async () => {
    const { pool, guardian, deployer, R, alice, U } = await loadFixture(fixture);
    await expect(pool.connect(guardian).pauseFlashLoans()).to.emit(pool, "FlashLoansPauseSet").withArgs(true);
    expect(await pool.flashLoansPaused()).to.equal(true);
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0)).to.be.revertedWithCustomError(
      pool,
      "PoolFlashLoansPaused",
    );
    await expect(
      pool.connect(alice).flashLoan(R, [U], [1000n], [0], alice.address, "0x", 0),
    ).to.be.revertedWithCustomError(pool, "PoolFlashLoansPaused");
    await expect(pool.connect(deployer).unpauseFlashLoans()).to.emit(pool, "FlashLoansPauseSet").withArgs(false);
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0)).to.emit(pool, "FlashLoan");
  });

  it("flashLoanSimple: refused while the pool is paused (PoolIsPaused)", async () => {
    const { pool, guardian, R, alice, U } = await loadFixture(fixture);
    await pool.connect(guardian).pause();
    await expect(pool.connect(alice).flashLoanSimple(R, U, 1000n, "0x", 0)).to.be.revertedWithCustomError(
      pool,
      "PoolIsPaused",
    );
  });

  it("flashLoanSimple: refused on a reserve without the flash-loan flag (PoolFlashLoanDisabled)", async () => {
    const { pool, risk, R, alice, U, W } = await loadFixture(fixture);
    await pool.connect(risk).setReserveConfig(W, reserveConfig({ flags: Flags.BORROWING | Flags.COLLATERAL }));
    await expect(pool.connect(alice).flashLoanSimple(R, W, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolFlashLoanDisabled")
      .withArgs(W);
    await expect(pool.connect(alice).flashLoan(R, [U, W], [1000n, 1000n], [0, 0], alice.address, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolFlashLoanDisabled")
      .withArgs(W);
  });

  it("flashLoanSimple: a fee-exempt flash borrower pays no premium", async () => {
    const { pool, usdc, deployer, R, alice, U } = await loadFixture(fixture);
    await expect(pool.connect(deployer).setFlashBorrower(alice.address, true))
      .to.emit(pool, "FlashBorrowerSet")
      .withArgs(alice.address, true);
    expect(await pool.isFlashBorrower(alice.address)).to.equal(true);
    const amount = parseUnits("10000", 6);
    const before = await pool.getKeelReserveData(U);
    const tx = pool.connect(alice).flashLoanSimple(R, U, amount, "0x", 0);
    await expect(tx).to.emit(pool, "FlashLoan").withArgs(R, alice.address, U, amount, 0, 0, 0);
    await expect(tx).to.changeTokenBalance(ethers, usdc, R, 0n);
    expect((await pool.getKeelReserveData(U)).liquidityIndex).to.equal(before.liquidityIndex);
    await pool.connect(deployer).setFlashBorrower(alice.address, false);
    await expect(pool.connect(alice).flashLoanSimple(R, U, amount, "0x", 0))
      .to.emit(pool, "FlashLoan")
      .withArgs(R, alice.address, U, amount, 0, bpsMulUp(amount, 5n), 0);
  });

  it("flashLoanSimple: a receiver checking `initiator` serves its owner and refuses anyone else", async () => {
    const { pool, usdc, alice, stranger, U, poolAddress } = await loadFixture(fixture);
    const careful = await ethers.deployContract("MockInitiatorReceiver", [poolAddress, alice.address]);
    const C = await careful.getAddress();
    await usdc.mint(C, 100n);
    await expect(pool.connect(alice).flashLoanSimple(C, U, 1000n, "0x", 0))
      .to.emit(pool, "FlashLoan")
      .withArgs(C, alice.address, U, 1000n, 0, 1n, 0);
    await expect(pool.connect(stranger).flashLoanSimple(C, U, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(careful, "ReceiverUntrustedInitiator")
      .withArgs(stranger.address);
    await expect(careful.executeOperation(U, 1n, 0n, alice.address, "0x"))
      .to.be.revertedWithCustomError(careful, "ReceiverNotPool")
      .withArgs((await ethers.getSigners())[0].address);
  });

  it("flashLoan: inconsistent arrays and invalid modes are refused", async () => {
    const { pool, R, alice, U } = await loadFixture(fixture);
    await expect(pool.connect(alice).flashLoan(R, [], [], [], alice.address, "0x", 0)).to.be.revertedWithCustomError(
      pool,
      "PoolInconsistentFlashLoanParams",
    );
    await expect(
      pool.connect(alice).flashLoan(R, [U], [1n, 2n], [0], alice.address, "0x", 0),
    ).to.be.revertedWithCustomError(pool, "PoolInconsistentFlashLoanParams");
    await expect(pool.connect(alice).flashLoan(R, [U], [1n], [1], alice.address, "0x", 0))
      .to.be.revertedWithCustomError(pool, "PoolInvalidInterestRateMode")
      .withArgs(1n);
  });

  it("flashLoanSimple: more than the hub's cash is refused (HubInsufficientLiquidity)", async () => {
    const { pool, hub, R, alice, U } = await loadFixture(fixture);
    const cash = (await pool.getKeelReserveData(U)).cash;
    await expect(pool.connect(alice).flashLoanSimple(R, U, cash + 1n, "0x", 0))
      .to.be.revertedWithCustomError(hub, "HubInsufficientLiquidity")
      .withArgs(cash, cash + 1n);
  });

  it("flashLoanSimple: premium and protocol share follow setFlashPremium", async () => {
    const { pool, hub, risk, R, alice, U } = await loadFixture(fixture);
    await expect(pool.connect(risk).setFlashPremium(9, 5000))
      .to.emit(pool, "FlashPremiumSet")
      .withArgs(5, 9, 1000, 5000);
    expect(await pool.FLASHLOAN_PREMIUM_TOTAL()).to.equal(9n);
    expect(await pool.FLASHLOAN_PREMIUM_TO_PROTOCOL()).to.equal(5000n);
    const amount = 12_345_679n; // premium rounds up: 11111.11 -> 11112
    const premium = bpsMulUp(amount, 9n);
    expect(premium).to.equal(11_112n);
    const before = await pool.getKeelReserveData(U);
    await expect(pool.connect(alice).flashLoanSimple(R, U, amount, "0x", 0))
      .to.emit(pool, "FlashLoan")
      .withArgs(R, alice.address, U, amount, 0, premium, 0);
    const toProtocol = bpsMulDown(premium, 5000n);
    const newIndex = before.liquidityIndex + mulDivDown(premium - toProtocol, RAY, before.totalSupplyScaled);
    expect((await pool.getKeelReserveData(U)).liquidityIndex).to.equal(newIndex);
    expect((await hub.getAsset(U)).treasuryShares).to.equal(mulDivDown(toProtocol, RAY, newIndex));
  });
});
