// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPool} from "../../contracts/interfaces/IPool.sol";
import {PoolFixture} from "./utils/PoolFixture.sol";
import {vm} from "./utils/TestBase.sol";

/// @title PoolRegressionsTest
/// @notice Deterministic checks of what the invariant suite found or relies on, on the same in-test deployment.
contract PoolRegressionsTest is PoolFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        _deployPool();
        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? ALICE : BOB;
            usdc.mint(who, 10_000_000e6);
            weth.mint(who, 10_000e18);
            vm.startPrank(who);
            usdc.approve(address(pool), type(uint256).max);
            weth.approve(address(pool), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @dev Alice supplies 100k USDC, Bob borrows 79k against 50 WETH, then `elapsed` passes with no call.
    function _borrowedAndIdle(uint256 elapsed) internal {
        vm.prank(ALICE);
        pool.supply(address(usdc), 100_000e6, ALICE, 0);
        vm.startPrank(BOB);
        pool.supply(address(weth), 50e18, BOB, 0);
        pool.borrow(address(usdc), 79_000e6, 2, 0, BOB);
        vm.stopPrank();
        vm.warp(block.timestamp + elapsed);
    }

    /// @notice Regression (found by invariant_suppliedCoversBorrowed): `getReserveTotals` and the kToken's
    ///         `totalSupply` left out the treasury's share of interest not yet accrued, so total supply lagged and
    ///         jumped at the next call touching the reserve. Now the view "as of now" equals the value right after
    ///         an accrual at the same instant.
    function testFuzz_totalsIncludeTreasuryPendingShare(uint256 elapsed) public {
        elapsed = bound(elapsed, 1, 3 * 365 days);
        _borrowedAndIdle(elapsed);
        (uint256 suppliedView, uint256 borrowedView) = pool.getReserveTotals(address(usdc));
        uint256 treasuryView = hub.treasuryBalance(address(usdc)); // reserve-factor income: the treasury's hub shares
        assertGt(treasuryView, 0, "treasury earned nothing: the scenario does not exercise the fix");
        assertEq(kUsdc.totalSupply(), suppliedView, "kToken totalSupply != getReserveTotals");
        // The hub's total claims as of now: the spoke's suppliers plus the treasury's share, pending part included.
        (uint256 hubSuppliedView, , ) = hub.assetTotals(address(usdc));
        assertApproxEqAbs(hubSuppliedView, suppliedView + treasuryView, 2, "hub total != spoke + treasury");

        // Any call that accrues the reserve (here a 1 USDC supply, then subtract it).
        vm.prank(ALICE);
        pool.supply(address(usdc), 1e6, ALICE, 0);
        (uint256 suppliedAfter, uint256 borrowedAfter) = pool.getReserveTotals(address(usdc));
        assertEq(borrowedAfter, borrowedView, "borrowed moved on accrual");
        // 1e6 supplied: the total moves by 1e6 minus at most 1 unit of rounding on each side.
        assertApproxEqAbs(suppliedAfter, suppliedView + 1e6, 2, "total supplied jumped on accrual");
        assertApproxEqAbs(hub.treasuryBalance(address(usdc)), treasuryView, 1, "treasury balance jumped");
    }

    /// @notice At full utilisation total supplied covers total borrowed only up to rounding dust: debt rounds up
    ///         and claims round down, always in the pool's favour, and with no cash left that dust shows on the debt
    ///         side (here 1 unit of 1e-6 USDC). Solvency (cash + borrowed >= supplied) is exact.
    function test_fullUtilisation_suppliedCoversBorrowedUpToDust() public {
        vm.prank(ALICE);
        pool.supply(address(usdc), 100_000e6, ALICE, 0);
        vm.startPrank(BOB);
        pool.supply(address(weth), 1_000e18, BOB, 0);
        pool.borrow(address(usdc), pool.getKeelReserveData(address(usdc)).cash, 2, 0, BOB);
        vm.stopPrank();
        assertEq(pool.getKeelReserveData(address(usdc)).cash, 0, "not fully utilised");
        vm.warp(block.timestamp + 30 days);
        (uint256 supplied, uint256 borrowed, ) = hub.assetTotals(address(usdc));
        assertGe(supplied + 2, borrowed, "supplied < borrowed by more than dust at full utilisation");
        assertGe(borrowed, supplied, "cash-free reserve: claims above debt");
    }

    /// @notice The flash-loan callback cannot start a second flash loan (one per transaction at a time), and the
    ///         lock is free again right after.
    function test_flashLoan_nestedRefused_lockReleased() public {
        vm.prank(ALICE);
        pool.supply(address(usdc), 100_000e6, ALICE, 0);
        NestedReceiver r = new NestedReceiver(pool);
        pool.flashLoanSimple(address(r), address(usdc), 10_000e6, "", 0);
        assertTrue(r.nestedError() == IPool.PoolFlashLoanInProgress.selector, "nested flash loan not refused");
        assertTrue(!pool.flashLoanInProgress(), "flash flag left set");
        vm.prank(ALICE);
        pool.supply(address(usdc), 1e6, ALICE, 0); // the reentrancy lock is free
    }
}

/// @dev Tries a nested flash loan from the callback and records the error selector, then repays.
contract NestedReceiver {
    IPool private immutable _pool;
    bytes4 public nestedError;

    constructor(IPool pool_) {
        _pool = pool_;
    }

    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata
    ) external returns (bool) {
        try _pool.flashLoanSimple(address(this), asset, 1, "", 0) {} catch (bytes memory err) {
            nestedError = bytes4(err);
        }
        (bool ok, ) = asset.call(abi.encodeWithSignature("mint(address,uint256)", address(this), premium));
        require(ok, "mint failed");
        (ok, ) = asset.call(abi.encodeWithSignature("approve(address,uint256)", address(_pool), amount + premium));
        require(ok, "approve failed");
        return true;
    }
}
