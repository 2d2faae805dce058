// Flash-loan safety: no interleaving lets a receiver skip the premium, leave the pool short, keep flash-loaned
// liquidity as its own, nest loans, make someone else pay, or corrupt the indexes. Every scenario checks the pool's
// token balance and accounting before and after.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { Roles } from "../helpers/pool-fixture.js";
import { POOL_USDC, SEED, deployKeelMarket, premiumOf } from "../helpers/periphery-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const RAY = 10n ** 27n;
const AMOUNT = parseUnits("100000", 6);
const FUNDS = parseUnits("1000", 6); // the receiver's own USDC, enough for any premium here
const PREMIUM = premiumOf(AMOUNT, 5n); // 50 USDC

enum Mode {
  Honest,
  SupplyWithdrawNoRepay,
  SupplyKeepPosition,
  SupplyWithdrawRepay,
  RepayViaSupply,
  RepayViaTransfer,
  NestedSimple,
  NestedMulti,
  NestedLender,
  PausePool,
  PauseFlashLoans,
  PauseReserve,
  ApproveEachOverwriting,
}

async function fixture() {
  const m = await deployKeelMarket(connection);
  const receiver = await ethers.deployContract("FlashAttackReceiver", [await m.pool.getAddress()]);
  await m.usdc.mint(receiver.target, FUNDS);
  await receiver.setBeneficiary(m.stranger.address);
  await receiver.setLender(m.lender.target);
  return { ...m, receiver };
}

type F = Awaited<ReturnType<typeof fixture>>;

/** What must never change behind the pool's back: its USDC holdings, cash, indexes and total supply. */
async function snapshot(f: F) {
  // The hub holds the tokens and books the premium: its totals include the treasury's shares.
  const a = await f.hub.getAsset(f.usdc.target);
  return {
    balance: await f.usdc.balanceOf(f.hub.target),
    cash: a.cash,
    liquidityIndex: a.liquidityIndex,
    borrowIndex: a.borrowIndex,
    totalSupplyScaled: a.totalShares,
    treasury: a.treasuryShares,
  };
}

/** Expected state after one honest loan of `amount` with premium `premium` on the untouched fixture reserve. */
function expectedAfterPremium(before: Awaited<ReturnType<typeof snapshot>>, premium: bigint) {
  const toProtocol = (premium * 1000n) / 10000n; // FLASHLOAN_PREMIUM_TO_PROTOCOL = 10% of the premium, rounded down
  const index = before.liquidityIndex + ((premium - toProtocol) * RAY) / before.totalSupplyScaled;
  const treasuryScaled = (toProtocol * RAY) / index;
  return {
    balance: before.balance + premium,
    cash: before.cash + premium,
    liquidityIndex: index,
    borrowIndex: before.borrowIndex,
    totalSupplyScaled: before.totalSupplyScaled + treasuryScaled,
    treasury: before.treasury + treasuryScaled,
  };
}

describe("flash-loan safety", () => {
  describe("(a) supplying the borrowed funds as one's own", () => {
    it("supply the loan, withdraw it to a friend, repay nothing: reverts, nothing moved", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.SupplyWithdrawNoRepay);
      const before = await snapshot(f);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.usdc, "ERC20InsufficientAllowance")
        .withArgs(f.pool.target, 0n, AMOUNT + PREMIUM);
      expect(await snapshot(f)).to.deep.equal(before);
      expect(await f.usdc.balanceOf(f.stranger.address)).to.equal(0n);
    });

    it("supply the loan and keep the position, approving repayment it cannot fund: reverts", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.SupplyKeepPosition);
      const before = await snapshot(f);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.usdc, "ERC20InsufficientBalance")
        .withArgs(f.receiver.target, FUNDS, AMOUNT + PREMIUM);
      expect(await snapshot(f)).to.deep.equal(before);
      expect(await f.pool.supplyBalanceOf(f.usdc.target, f.receiver.target)).to.equal(0n);
    });

    it("supply the loan, withdraw it back, repay: allowed, and the pool ends exactly one premium richer", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.SupplyWithdrawRepay);
      const before = await snapshot(f);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await snapshot(f)).to.deep.equal(expectedAfterPremium(before, PREMIUM));
      expect(await f.pool.supplyBalanceOf(f.usdc.target, f.receiver.target)).to.equal(0n);
      expect(await f.usdc.balanceOf(f.receiver.target)).to.equal(FUNDS - PREMIUM);
    });
  });

  describe("(b) repaying by deposit instead of approval", () => {
    it("repay via supply(): the supply is the receiver's own position, the loan is still unpaid: reverts", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.RepayViaSupply);
      const before = await snapshot(f);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.usdc, "ERC20InsufficientAllowance")
        .withArgs(f.pool.target, 0n, AMOUNT + PREMIUM);
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("repay via a plain transfer to the pool: repayment is pulled and measured, a donation does not count", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.RepayViaTransfer);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.usdc, "ERC20InsufficientAllowance")
        .withArgs(f.pool.target, 0n, AMOUNT + PREMIUM);
    });
  });

  describe("(c) nested flash loans", () => {
    it("a flashLoanSimple inside a flashLoanSimple is refused", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.NestedSimple);
      await expect(f.receiver.start(f.usdc.target, AMOUNT)).to.be.revertedWithCustomError(
        f.pool,
        "PoolFlashLoanInProgress",
      );
    });

    it("a multi-asset flashLoan inside a flashLoanSimple is refused", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.NestedMulti);
      await expect(f.receiver.start(f.usdc.target, AMOUNT)).to.be.revertedWithCustomError(
        f.pool,
        "PoolFlashLoanInProgress",
      );
    });

    it("a flashLoanSimple inside a multi-asset flashLoan is refused", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.NestedSimple);
      await expect(f.receiver.startMulti([f.usdc.target], [AMOUNT], [0])).to.be.revertedWithCustomError(
        f.pool,
        "PoolFlashLoanInProgress",
      );
    });

    it("an ERC-3156 loan through KeelFlashLender inside a pool flash loan: maxFlashLoan is 0, refused", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.NestedLender);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.lender, "ERC3156ExceededMaxLoan")
        .withArgs(0n);
    });

    it("the in-progress flag is cleared: a second loan in a later transaction works", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await f.pool.flashLoanInProgress()).to.equal(false);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await f.usdc.balanceOf(f.receiver.target)).to.equal(FUNDS - 2n * PREMIUM);
    });
  });

  describe("(d) duplicate assets in one multi-asset loan", () => {
    it("each entry is charged its own premium (rounded up each) and the pool stays solvent", async () => {
      const f = await loadFixture(fixture);
      const before = await snapshot(f);
      // 1 + 1 units: each premium rounds up to 1, so 2 in all, where one loan of 2 units would pay 1.
      const tx = f.receiver.startMulti([f.usdc.target, f.usdc.target], [1n, 1n], [0, 0]);
      await expect(tx)
        .to.emit(f.pool, "FlashLoan")
        .withArgs(f.receiver.target, f.receiver.target, f.usdc.target, 1n, 0, 1n, 0);
      await expect(tx).to.changeTokenBalance(ethers, f.usdc, f.hub, 2n);
      const after = await snapshot(f);
      expect(after.cash).to.equal(before.cash + 2n);
      expect(after.balance).to.equal(before.balance + 2n);
    });

    it("large duplicates: both entries pulled in full, premiums to the wei", async () => {
      const f = await loadFixture(fixture);
      const a = parseUnits("700000", 6);
      const b = parseUnits("654321.123457", 6);
      const before = await snapshot(f);
      await f.receiver.startMulti([f.usdc.target, f.usdc.target], [a, b], [0, 0]);
      const premiums = premiumOf(a, 5n) + premiumOf(b, 5n);
      const after = await snapshot(f);
      expect(after.balance).to.equal(before.balance + premiums);
      expect(after.cash).to.equal(before.cash + premiums);
      expect(await f.usdc.balanceOf(f.receiver.target)).to.equal(FUNDS - premiums);
      const [totalSupplied] = await f.pool.getReserveTotals(f.usdc.target);
      expect(totalSupplied).to.be.lessThanOrEqual(after.cash); // no borrows: every claim is backed by cash
    });

    it("duplicates cannot take more than the cash: the second entry finds it spent", async () => {
      const f = await loadFixture(fixture);
      const cash = (await f.pool.getKeelReserveData(f.usdc.target)).cash;
      await expect(f.receiver.startMulti([f.usdc.target, f.usdc.target], [cash, 1n], [0, 0]))
        .to.be.revertedWithCustomError(f.hub, "HubInsufficientLiquidity")
        .withArgs(cash, cash + 1n);
    });

    it("approving only the last entry of a duplicated asset (allowance overwritten) does not pay for both: reverts", async () => {
      const f = await loadFixture(fixture);
      await f.receiver.setMode(Mode.ApproveEachOverwriting);
      await expect(f.receiver.startMulti([f.usdc.target, f.usdc.target], [AMOUNT, AMOUNT], [0, 0]))
        .to.be.revertedWithCustomError(f.usdc, "ERC20InsufficientAllowance")
        .withArgs(f.pool.target, 0n, AMOUNT + PREMIUM);
    });
  });

  describe("(e) callback spoofing", () => {
    it("a receiver that checks the initiator refuses a loan someone else started in its name", async () => {
      const f = await loadFixture(fixture);
      const victim = await ethers.deployContract("MinimalFlashReceiver", [await f.pool.getAddress(), f.alice.address]);
      await f.usdc.mint(victim.target, FUNDS);
      await expect(f.pool.connect(f.stranger).flashLoanSimple(victim.target, f.usdc.target, AMOUNT, "0x", 0))
        .to.be.revertedWithCustomError(victim, "ReceiverUntrustedCaller")
        .withArgs(f.pool.target, f.stranger.address);
      expect(await f.usdc.balanceOf(victim.target)).to.equal(FUNDS);
      // Its owner can still use it.
      await f.pool.connect(f.alice).flashLoanSimple(victim.target, f.usdc.target, AMOUNT, "0x", 0);
      expect(await f.usdc.balanceOf(victim.target)).to.equal(FUNDS - PREMIUM);
    });

    it("why it matters: a receiver that does not check pays the premium of a stranger's loan", async () => {
      const f = await loadFixture(fixture);
      const naive = await ethers.deployContract("NaiveFlashReceiver", [await f.pool.getAddress()]);
      await f.usdc.mint(naive.target, FUNDS);
      await f.pool.connect(f.stranger).flashLoanSimple(naive.target, f.usdc.target, AMOUNT, "0x", 0);
      expect(await f.usdc.balanceOf(naive.target)).to.equal(FUNDS - PREMIUM);
    });

    it("KeelFlashLender refuses pool callbacks for loans it did not start", async () => {
      const f = await loadFixture(fixture);
      await expect(f.pool.connect(f.stranger).flashLoanSimple(f.lender.target, f.usdc.target, AMOUNT, "0x", 0))
        .to.be.revertedWithCustomError(f.lender, "FlashLenderUnauthorizedCallback")
        .withArgs(f.pool.target, f.stranger.address);
    });

    it("an ERC-3156 borrower that checks the initiator refuses a loan a stranger started through the lender", async () => {
      const f = await loadFixture(fixture);
      const borrower = await ethers.deployContract("MinimalERC3156Borrower", [f.lender.target, f.alice.address]);
      await f.usdc.mint(borrower.target, FUNDS);
      await expect(f.lender.connect(f.stranger).flashLoan(borrower.target, f.usdc.target, AMOUNT, "0x"))
        .to.be.revertedWithCustomError(borrower, "BorrowerUntrustedCaller")
        .withArgs(f.lender.target, f.stranger.address);
      expect(await f.usdc.balanceOf(borrower.target)).to.equal(FUNDS);
    });

    it("a mode-2 loan in someone else's name needs their credit delegation", async () => {
      const f = await loadFixture(fixture);
      await f.weth.connect(f.alice).approve(f.pool.target, MaxUint256);
      await f.pool.connect(f.alice).supply(f.weth.target, parseUnits("10", 18), f.alice.address, 0);
      await expect(
        f.pool
          .connect(f.stranger)
          .flashLoan(f.receiver.target, [f.usdc.target], [AMOUNT / 100n], [2], f.alice.address, "0x", 0),
      )
        .to.be.revertedWithCustomError(f.pool, "PoolInsufficientCreditDelegation")
        .withArgs(0n, AMOUNT / 100n);
      expect(await f.pool.debtBalanceOf(f.usdc.target, f.alice.address)).to.equal(0n);
    });
  });

  describe("(f) pauses while a loan is in flight", () => {
    it("the guardian pausing the whole pool inside the callback cannot stop the repayment", async () => {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(Roles.GUARDIAN, f.receiver.target, 0);
      await f.receiver.setMode(Mode.PausePool);
      const before = await snapshot(f);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await f.pool.paused()).to.equal(true);
      expect(await snapshot(f)).to.deep.equal(expectedAfterPremium(before, PREMIUM));
      // ... and no new loan starts while paused.
      await f.receiver.setMode(Mode.Honest);
      await expect(f.receiver.start(f.usdc.target, AMOUNT)).to.be.revertedWithCustomError(f.pool, "PoolIsPaused");
    });

    it("pausing flash loans inside the callback: the running loan completes, the next one is refused", async () => {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(Roles.GUARDIAN, f.receiver.target, 0);
      await f.receiver.setMode(Mode.PauseFlashLoans);
      const before = await snapshot(f);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await f.pool.flashLoansPaused()).to.equal(true);
      expect(await snapshot(f)).to.deep.equal(expectedAfterPremium(before, PREMIUM));
      await expect(f.receiver.start(f.usdc.target, AMOUNT)).to.be.revertedWithCustomError(
        f.pool,
        "PoolFlashLoansPaused",
      );
      expect(await f.lender.maxFlashLoan(f.usdc.target)).to.equal(0n);
    });

    it("pausing the borrowed reserve inside the callback: the loan is still repaid in full", async () => {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(Roles.GUARDIAN, f.receiver.target, 0);
      await f.receiver.setMode(Mode.PauseReserve);
      const before = await snapshot(f);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await snapshot(f)).to.deep.equal(expectedAfterPremium(before, PREMIUM));
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.be.revertedWithCustomError(f.pool, "PoolReservePaused")
        .withArgs(f.usdc.target);
    });

    it("a mode-2 loan whose borrower pauses the pool mid-flight reverts whole: no debt without a valid borrow", async () => {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(Roles.GUARDIAN, f.receiver.target, 0);
      await f.weth.approve(f.pool.target, MaxUint256);
      await f.pool.supply(f.weth.target, parseUnits("10", 18), f.receiver.target, 0);
      await f.receiver.setMode(Mode.PausePool);
      const before = await snapshot(f);
      await expect(f.receiver.startMulti([f.usdc.target], [AMOUNT / 100n], [2])).to.be.revertedWithCustomError(
        f.pool,
        "PoolIsPaused",
      );
      expect(await snapshot(f)).to.deep.equal(before);
    });

    it("another reserve paused: flash loans of the active reserve still work; the paused one is refused", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.guardian).pauseReserve(f.weth.target);
      await f.receiver.start(f.usdc.target, AMOUNT);
      await expect(f.receiver.start(f.weth.target, 1n))
        .to.be.revertedWithCustomError(f.pool, "PoolReservePaused")
        .withArgs(f.weth.target);
    });

    it("pause switches are the guardian's: a stranger is refused", async () => {
      const f = await loadFixture(fixture);
      for (const call of [f.pool.connect(f.stranger).pauseFlashLoans(), f.pool.connect(f.stranger).pause()]) {
        await expect(call)
          .to.be.revertedWithCustomError(f.pool, "AccessManagedUnauthorized")
          .withArgs(f.stranger.address);
      }
    });
  });

  describe("(g) exact accounting of the premium", () => {
    it("the pool's balance grows by exactly the premium; index and treasury get their split to the wei", async () => {
      const f = await loadFixture(fixture);
      const before = await snapshot(f);
      expect(before.liquidityIndex).to.equal(RAY);
      expect(before.totalSupplyScaled).to.equal(SEED + POOL_USDC);
      await expect(f.receiver.start(f.usdc.target, AMOUNT))
        .to.emit(f.pool, "FlashLoan")
        .withArgs(f.receiver.target, f.receiver.target, f.usdc.target, AMOUNT, 0, PREMIUM, 0);
      const after = await snapshot(f);
      expect(after).to.deep.equal(expectedAfterPremium(before, PREMIUM));
      // 50 USDC premium: 5 USDC to the treasury (as supply), 45 USDC to suppliers through the index.
      expect(PREMIUM).to.equal(50_000_000n);
      expect(await f.hub.treasuryBalance(f.usdc.target)).to.equal(4_999_999n); // rounded down, the treasury's hub shares
      // Every claim on the hub (the spoke's suppliers and the treasury) is backed by cash; the dust stays in the hub.
      const [totalSupplied] = await f.hub.assetTotals(f.usdc.target);
      expect(totalSupplied).to.be.lessThanOrEqual(after.cash);
      expect(after.cash - totalSupplied).to.be.lessThanOrEqual(2n);
    });

    it("interleaving supply and withdraw inside the callback yields the very same index and treasury split", async () => {
      const f = await loadFixture(fixture);
      const before = await snapshot(f);
      await f.receiver.setMode(Mode.SupplyWithdrawRepay);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await snapshot(f)).to.deep.equal(expectedAfterPremium(before, PREMIUM));
    });

    it("a fee-exempt flash borrower pays no premium and the index does not move", async () => {
      const f = await loadFixture(fixture);
      await f.pool.setFlashBorrower(f.receiver.target, true);
      const before = await snapshot(f);
      await f.receiver.start(f.usdc.target, AMOUNT);
      expect(await snapshot(f)).to.deep.equal(before);
    });
  });
});
