import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Flags } from "../helpers/pool-fixture.js";
import { snapshotState } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** alice lends 10k USDC, bob borrows 1k USDC on 1 WETH, a year passes (indexes above 1). */
async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("10000", 6), f.alice.address, 0);
  await f.pool.connect(f.bob).supply(f.W, parseUnits("1", 18), f.bob.address, 0);
  await f.pool.connect(f.bob).borrow(f.U, parseUnits("1000", 6), 2, 0, f.bob.address);
  await time.increase(365 * 86400);
  await f.refreshFeeds(); // a year is past the feeds' heartbeat: fresh rounds at the same prices
  await f.pool.connect(f.bob).repay(f.U, 1n, 2, f.bob.address);
  const xyz = await ethers.deployContract("MockERC20", ["Unlisted", "XYZ", 18]);
  const receiver = await ethers.deployContract("MockFlashReceiver", [f.poolAddress]);
  return { ...f, X: await xyz.getAddress(), R: await receiver.getAddress() };
}
type F = Awaited<ReturnType<typeof fixture>>;

interface Case {
  name: string;
  prep?: (f: F) => Promise<unknown>;
  call: (f: F) => Promise<unknown>;
  error: string;
  args?: (f: F) => Promise<unknown[]> | unknown[];
  on?: (f: F) => { interface: unknown };
  panic?: bigint;
}

const freeze = (f: F, asset: string) =>
  f.pool
    .connect(f.risk)
    .setReserveConfig(
      asset,
      reserveConfig({ flags: Flags.BORROWING | Flags.COLLATERAL | Flags.FROZEN | Flags.FLASH_LOANS }),
    );
const cashOf = async (f: F, a: string) => (await f.pool.getKeelReserveData(a)).cash;

const cases: Case[] = [
  // supply
  {
    name: "supply: zero amount",
    call: (f) => f.pool.connect(f.carol).supply(f.U, 0, f.carol.address, 0),
    error: "PoolZeroAmount",
  },
  {
    name: "supply: zero onBehalfOf",
    call: (f) => f.pool.connect(f.carol).supply(f.U, 1n, ethers.ZeroAddress, 0),
    error: "PoolZeroAddress",
  },
  {
    name: "supply: unlisted asset",
    call: (f) => f.pool.connect(f.carol).supply(f.X, 1n, f.carol.address, 0),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "supply: paused reserve",
    prep: (f) => f.pool.connect(f.guardian).pauseReserve(f.U),
    call: (f) => f.pool.connect(f.carol).supply(f.U, 1000n, f.carol.address, 0),
    error: "PoolReservePaused",
    args: (f) => [f.U],
  },
  {
    name: "supply: paused pool",
    prep: (f) => f.pool.connect(f.guardian).pause(),
    call: (f) => f.pool.connect(f.carol).supply(f.U, 1000n, f.carol.address, 0),
    error: "PoolIsPaused",
  },
  {
    name: "supply: frozen reserve",
    prep: (f) => freeze(f, f.U),
    call: (f) => f.pool.connect(f.carol).supply(f.U, 1000n, f.carol.address, 0),
    error: "PoolReserveFrozen",
    args: (f) => [f.U],
  },
  {
    name: "supply: above the cap",
    prep: (f) => f.pool.connect(f.risk).setReserveConfig(f.U, reserveConfig({ supplyCap: 11000n })),
    call: (f) => f.pool.connect(f.carol).supply(f.U, parseUnits("1000", 6), f.carol.address, 0),
    error: "PoolSupplyCapExceeded",
    args: (f) => [f.U, 11000n],
  },
  {
    name: "supply: too small to mint a scaled unit",
    call: (f) => f.pool.connect(f.carol).supply(f.U, 1n, f.carol.address, 0),
    error: "HubAmountTooSmall",
    args: () => [1n],
    on: (f) => f.hub,
  },
  {
    name: "supply: above the caller's balance",
    call: (f) => f.pool.connect(f.carol).supply(f.U, parseUnits("2000000", 6), f.carol.address, 0),
    error: "ERC20InsufficientBalance",
    on: (f) => f.usdc,
    args: (f) => [f.carol.address, parseUnits("1000000", 6), parseUnits("2000000", 6)],
  },
  {
    name: "supply: max uint is refused as too large",
    call: (f) => f.pool.connect(f.carol).supply(f.U, MaxUint256, f.carol.address, 0),
    error: "PoolAmountTooLarge",
    args: () => [MaxUint256, 2n ** 128n - 1n],
  },
  // withdraw
  {
    name: "withdraw: zero amount",
    call: (f) => f.pool.connect(f.alice).withdraw(f.U, 0, f.alice.address),
    error: "PoolZeroAmount",
  },
  {
    name: "withdraw: zero recipient",
    call: (f) => f.pool.connect(f.alice).withdraw(f.U, 1n, ethers.ZeroAddress),
    error: "PoolZeroAddress",
  },
  {
    name: "withdraw: unlisted asset",
    call: (f) => f.pool.connect(f.alice).withdraw(f.X, 1n, f.alice.address),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "withdraw: paused reserve",
    prep: (f) => f.pool.connect(f.guardian).pauseReserve(f.U),
    call: (f) => f.pool.connect(f.alice).withdraw(f.U, 1n, f.alice.address),
    error: "PoolReservePaused",
    args: (f) => [f.U],
  },
  {
    name: "withdraw: paused pool",
    prep: (f) => f.pool.connect(f.guardian).pause(),
    call: (f) => f.pool.connect(f.alice).withdraw(f.U, 1n, f.alice.address),
    error: "PoolIsPaused",
  },
  {
    name: "withdraw: without supply",
    call: (f) => f.pool.connect(f.carol).withdraw(f.U, MaxUint256, f.carol.address),
    error: "PoolNoSupply",
    args: (f) => [f.U, f.carol.address],
  },
  {
    name: "withdraw: above the balance",
    call: (f) => f.pool.connect(f.bob).withdraw(f.W, parseUnits("1", 18) + 1n, f.bob.address),
    error: "HubInsufficientBalance",
    args: () => [parseUnits("1", 18), parseUnits("1", 18) + 1n],
    on: (f) => f.hub,
  },
  {
    name: "withdraw: above the liquidity",
    call: (f) => f.pool.connect(f.alice).withdraw(f.U, parseUnits("9500", 6), f.alice.address),
    error: "HubInsufficientLiquidity",
    args: async (f) => [await cashOf(f, f.U), parseUnits("9500", 6)],
    on: (f) => f.hub,
  },
  // borrow
  {
    name: "borrow: zero amount",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 0, 2, 0, f.bob.address),
    error: "PoolZeroAmount",
  },
  {
    name: "borrow: zero onBehalfOf",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 2, 0, ethers.ZeroAddress),
    error: "PoolZeroAddress",
  },
  {
    name: "borrow: invalid rate mode",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 1, 0, f.bob.address),
    error: "PoolInvalidInterestRateMode",
    args: () => [1n],
  },
  {
    name: "borrow: unlisted asset",
    call: (f) => f.pool.connect(f.bob).borrow(f.X, 1n, 2, 0, f.bob.address),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "borrow: paused reserve",
    prep: (f) => f.pool.connect(f.guardian).pauseReserve(f.U),
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 2, 0, f.bob.address),
    error: "PoolReservePaused",
    args: (f) => [f.U],
  },
  {
    name: "borrow: paused pool",
    prep: (f) => f.pool.connect(f.guardian).pause(),
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 2, 0, f.bob.address),
    error: "PoolIsPaused",
  },
  {
    name: "borrow: frozen reserve",
    prep: (f) => freeze(f, f.U),
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 2, 0, f.bob.address),
    error: "PoolReserveFrozen",
    args: (f) => [f.U],
  },
  {
    name: "borrow: borrowing disabled",
    prep: (f) => f.pool.connect(f.risk).setReserveConfig(f.U, reserveConfig({ flags: Flags.COLLATERAL })),
    call: (f) => f.pool.connect(f.bob).borrow(f.U, 1n, 2, 0, f.bob.address),
    error: "PoolBorrowingDisabled",
    args: (f) => [f.U],
  },
  {
    name: "borrow: above the cap",
    prep: (f) => f.pool.connect(f.risk).setReserveConfig(f.U, reserveConfig({ borrowCap: 1000n })),
    call: (f) => f.pool.connect(f.bob).borrow(f.U, parseUnits("100", 6), 2, 0, f.bob.address),
    error: "PoolBorrowCapExceeded",
    args: (f) => [f.U, 1000n],
  },
  {
    name: "borrow: above the liquidity",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, parseUnits("20000", 6), 2, 0, f.bob.address),
    error: "HubInsufficientLiquidity",
    args: async (f) => [await cashOf(f, f.U), parseUnits("20000", 6)],
    on: (f) => f.hub,
  },
  {
    name: "borrow: max uint",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, MaxUint256, 2, 0, f.bob.address),
    error: "HubAmountTooLarge",
    args: () => [MaxUint256],
    on: (f) => f.hub,
  },
  {
    name: "borrow: above the borrowing power",
    call: (f) => f.pool.connect(f.bob).borrow(f.U, parseUnits("1000", 6), 2, 0, f.bob.address),
    error: "PoolInsufficientCollateral",
  },
  // repay
  {
    name: "repay: zero amount",
    call: (f) => f.pool.connect(f.bob).repay(f.U, 0, 2, f.bob.address),
    error: "PoolZeroAmount",
  },
  {
    name: "repay: invalid rate mode",
    call: (f) => f.pool.connect(f.bob).repay(f.U, 1n, 1, f.bob.address),
    error: "PoolInvalidInterestRateMode",
    args: () => [1n],
  },
  {
    name: "repay: zero onBehalfOf",
    call: (f) => f.pool.connect(f.bob).repay(f.U, 1n, 2, ethers.ZeroAddress),
    error: "PoolZeroAddress",
  },
  {
    name: "repay: unlisted asset",
    call: (f) => f.pool.connect(f.bob).repay(f.X, 1n, 2, f.bob.address),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  // repay is never paused (issue 10, finding 1): see test/attacks/guardian-freeze.ts
  {
    name: "repay: no debt",
    call: (f) => f.pool.connect(f.carol).repay(f.U, 1n, 2, f.carol.address),
    error: "PoolNoDebt",
    args: (f) => [f.U, f.carol.address],
  },
  {
    name: "repay: max on behalf",
    call: (f) => f.pool.connect(f.carol).repay(f.U, MaxUint256, 2, f.bob.address),
    error: "PoolNoExplicitAmountToRepayOnBehalf",
  },
  {
    name: "repay: above the caller's balance",
    prep: async (f) => f.usdc.connect(f.bob).transfer(f.dave.address, await f.usdc.balanceOf(f.bob.address)),
    call: (f) => f.pool.connect(f.bob).repay(f.U, parseUnits("500", 6), 2, f.bob.address),
    error: "ERC20InsufficientBalance",
    on: (f) => f.usdc,
    args: (f) => [f.bob.address, 0n, parseUnits("500", 6)],
  },
  // collateral switch
  {
    name: "setUserUseReserveAsCollateral: unlisted",
    call: (f) => f.pool.connect(f.bob).setUserUseReserveAsCollateral(f.X, true),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "setUserUseReserveAsCollateral: paused",
    prep: (f) => f.pool.connect(f.guardian).pauseReserve(f.W),
    call: (f) => f.pool.connect(f.bob).setUserUseReserveAsCollateral(f.W, false),
    error: "PoolReservePaused",
    args: (f) => [f.W],
  },
  {
    name: "setUserUseReserveAsCollateral: no supply",
    call: (f) => f.pool.connect(f.carol).setUserUseReserveAsCollateral(f.W, true),
    error: "PoolNoSupply",
    args: (f) => [f.W, f.carol.address],
  },
  // liquidation
  {
    name: "liquidationCall: zero user",
    call: (f) => f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, ethers.ZeroAddress, 1n, false),
    error: "PoolZeroAddress",
  },
  {
    name: "liquidationCall: zero amount",
    call: (f) => f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, 0, false),
    error: "PoolZeroAmount",
  },
  {
    name: "liquidationCall: unlisted collateral",
    call: (f) => f.pool.connect(f.liquidator).liquidationCall(f.X, f.U, f.bob.address, 1n, false),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "liquidationCall: paused pool",
    prep: (f) => f.pool.connect(f.guardian).pause(),
    call: (f) => f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, 1n, false),
    error: "PoolIsPaused",
  },
  {
    name: "liquidationCall: healthy account",
    call: (f) => f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, MaxUint256, false),
    error: "PoolHealthFactorNotBelowThreshold",
  },
  // flash loans and delegation
  {
    name: "flashLoanSimple: zero amount",
    call: (f) => f.pool.connect(f.carol).flashLoanSimple(f.R, f.U, 0, "0x", 0),
    error: "PoolZeroAmount",
  },
  {
    name: "flashLoanSimple: unlisted asset",
    call: (f) => f.pool.connect(f.carol).flashLoanSimple(f.R, f.X, 1n, "0x", 0),
    error: "PoolReserveNotListed",
    args: (f) => [f.X],
  },
  {
    name: "flashLoanSimple: paused reserve",
    prep: (f) => f.pool.connect(f.guardian).pauseReserve(f.U),
    call: (f) => f.pool.connect(f.carol).flashLoanSimple(f.R, f.U, 1n, "0x", 0),
    error: "PoolReservePaused",
    args: (f) => [f.U],
  },
  {
    name: "approveDelegation: zero delegatee",
    call: (f) => f.pool.connect(f.bob).approveDelegation(f.U, ethers.ZeroAddress, 1n),
    error: "PoolZeroAddress",
  },
];

describe("Pool: bad input leaves state unchanged", () => {
  for (const c of cases) {
    it(`${c.name} -> ${c.panic !== undefined ? "panic" : c.error}`, async () => {
      const f = await loadFixture(fixture);
      if (c.prep) await c.prep(f);
      const users = [f.alice.address, f.bob.address, f.carol.address, f.treasuryAddress, f.liquidator.address];
      const snap = () => snapshotState(f.pool, [f.U, f.W, f.B], users, [f.usdc, f.weth, f.wbtc]);
      const before = await snap();
      if (c.panic !== undefined) {
        await expect(c.call(f)).to.be.revertedWithPanic(c.panic);
      } else {
        const assertion = expect(c.call(f)).to.be.revertedWithCustomError(c.on ? c.on(f) : f.pool, c.error);
        if (c.args) await assertion.withArgs(...(await c.args(f)));
        else await assertion;
      }
      expect(await snap()).to.equal(before);
    });
  }
});
