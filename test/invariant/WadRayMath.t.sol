// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {WadRayMath} from "../../contracts/libraries/math/WadRayMath.sol";
import {TestBase, vm} from "./utils/TestBase.sol";

/// @title WadRayMathTest
/// @notice Fuzz tests of Keel's fixed-point library against OpenZeppelin's 512-bit `Math.mulDiv` (full precision,
///         explicit rounding) as the reference: every function rounds the way its name says, by at most one unit,
///         and the share conversions built from them never let a round trip return more than went in.
contract WadRayMathTest is TestBase {
    using WadRayMath for uint256;

    uint256 private constant RAY = 1e27;
    uint256 private constant BPS = 10_000;
    /// @dev The pool's ceiling on the borrow rate (ReserveLogic.MAX_BORROW_RATE_PER_SECOND): 1000% a year.
    uint256 private constant MAX_RATE = (10 * RAY) / 365 days;
    /// @dev Indexes are stored in uint128 (< 3.4e38); 1e9 RAY (a billion-fold growth) is far beyond any real reserve
    ///      and keeps uint128 amounts times the index inside 256 bits, the library's domain.
    uint256 private constant MAX_INDEX = 1e9 * RAY;

    /* ============================== EXTERNAL WRAPPERS (for expectRevert) ============================== */

    function mulDivDownExt(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return WadRayMath.mulDivDown(x, y, d);
    }

    function mulDivUpExt(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return WadRayMath.mulDivUp(x, y, d);
    }

    /* ============================== HELPERS ============================== */

    /// @dev Bounds `y` so that x * y fits in 256 bits (the library's documented domain: it reverts outside it).
    function _boundNoOverflow(uint256 x, uint256 y) private pure returns (uint256) {
        return x == 0 ? y : bound(y, 0, type(uint256).max / x);
    }

    function _checkAgainstReference(
        uint256 x,
        uint256 y,
        uint256 d,
        uint256 down,
        uint256 up,
        string memory what
    ) private pure {
        uint256 refDown = Math.mulDiv(x, y, d, Math.Rounding.Floor);
        uint256 refUp = Math.mulDiv(x, y, d, Math.Rounding.Ceil);
        assertEq(down, refDown, string.concat(what, ": down != floor reference"));
        assertEq(up, refUp, string.concat(what, ": up != ceil reference"));
        assertLe(down, up, string.concat(what, ": down > up"));
        assertLe(up - down, 1, string.concat(what, ": up - down > 1"));
        // Exact when the division has no remainder, otherwise exactly one apart.
        assertEq(up - down, mulmod(x, y, d) == 0 ? 0 : 1, string.concat(what, ": gap does not match the remainder"));
    }

    /* ============================== mulDiv ============================== */

    function testFuzz_mulDiv_matchesReference(uint256 x, uint256 y, uint256 d) public pure {
        y = _boundNoOverflow(x, y);
        d = bound(d, 1, type(uint256).max);
        _checkAgainstReference(x, y, d, x.mulDivDown(y, d), x.mulDivUp(y, d), "mulDiv");
    }

    function testFuzz_mulDiv_smallOperands(uint128 x, uint128 y, uint128 d) public pure {
        // Small operands hit remainders (and exact divisions) far more often than uniform 256-bit ones.
        uint256 dd = bound(d, 1, type(uint128).max);
        _checkAgainstReference(x, y, dd, uint256(x).mulDivDown(y, dd), uint256(x).mulDivUp(y, dd), "mulDiv small");
    }

    function testFuzz_mulDiv_revertsOnProductOverflow(uint256 x, uint256 y, uint256 d) public {
        x = bound(x, 2, type(uint256).max);
        y = bound(y, type(uint256).max / x + 1, type(uint256).max);
        d = bound(d, 1, type(uint256).max);
        // Checked arithmetic: Panic(0x11). The library documents this instead of a silent 512-bit path.
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        this.mulDivDownExt(x, y, d);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        this.mulDivUpExt(x, y, d);
    }

    function testFuzz_mulDiv_revertsOnZeroDivisor(uint128 x, uint128 y) public {
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x12));
        this.mulDivDownExt(x, y, 0);
        // x * y == 0 short-circuits to 0 in mulDivUp; any non-zero product must divide and so panic.
        if (uint256(x) * y != 0) {
            vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x12));
            this.mulDivUpExt(x, y, 0);
        }
    }

    /* ============================== ray / bps ============================== */

    function testFuzz_rayMul_matchesReference(uint256 a, uint256 b) public pure {
        b = _boundNoOverflow(a, b);
        _checkAgainstReference(a, b, RAY, a.rayMulDown(b), a.rayMulUp(b), "rayMul");
    }

    function testFuzz_rayDiv_matchesReference(uint256 a, uint256 b) public pure {
        a = bound(a, 0, type(uint256).max / RAY);
        b = bound(b, 1, type(uint256).max);
        _checkAgainstReference(a, RAY, b, a.rayDivDown(b), a.rayDivUp(b), "rayDiv");
    }

    function testFuzz_bpsMul_matchesReference(uint256 a, uint256 bps) public pure {
        bps = bound(bps, 0, BPS);
        a = bound(a, 0, type(uint256).max / BPS);
        uint256 down = a.bpsMulDown(bps);
        _checkAgainstReference(a, bps, BPS, down, a.bpsMulUp(bps), "bpsMul");
        // A share of at most 100% never exceeds the whole.
        assertLe(down, a, "bpsMulDown > a");
        assertLe(a.bpsMulUp(bps), a, "bpsMulUp > a for bps <= 100%");
    }

    /* ============================== compoundedGrowthDown ============================== */

    /// @dev e^x - 1 for x in RAY by its Taylor series with every term rounded UP: an upper bound of the true value,
    ///      to compare the 3rd-order truncation against. Stops once a (rounded-up) term is <= 1 and the ratio of
    ///      consecutive terms x/(n+1) is <= 1/2: the true tail is then below 2 units, which are added.
    function _expMinusOneUp(uint256 x) private pure returns (uint256 sum) {
        uint256 term = x; // x^1 / 1!
        for (uint256 n = 1; term != 0; ++n) {
            sum += term;
            if (term <= 1 && 2 * x <= (n + 1) * RAY) return sum + 2;
            term = Math.mulDiv(term, x, (n + 1) * RAY, Math.Rounding.Ceil); // x^(n+1) / (n+1)!
        }
    }

    function testFuzz_compoundedGrowth_boundedBySimpleAndExp(uint256 rate, uint256 elapsed) public pure {
        rate = bound(rate, 0, MAX_RATE);
        elapsed = bound(elapsed, 0, 365 days);
        uint256 g = rate.compoundedGrowthDown(elapsed);
        uint256 x = rate * elapsed;
        // At least simple interest, at most continuous compounding.
        assertGe(g, x, "growth below simple interest");
        assertLe(g, _expMinusOneUp(x), "growth above e^(rt) - 1");
        if (rate == 0 || elapsed == 0) assertEq(g, 0, "growth without rate or time");
    }

    function testFuzz_compoundedGrowth_closeToExpForRealisticRates(uint256 rate, uint256 elapsed) public pure {
        // rt <= 0.1 (e.g. 10% a year for a year, or 1000% a year for ~3.6 days): the truncation error
        // x^4/24 + ... stays under 1e-4 of the true growth.
        rate = bound(rate, 1, MAX_RATE);
        elapsed = bound(elapsed, 1, RAY / 10 / rate);
        uint256 g = rate.compoundedGrowthDown(elapsed);
        uint256 exact = _expMinusOneUp(rate * elapsed);
        assertLe(exact - g, exact / 1e4 + 20, "3rd-order growth more than 1e-4 under e^(rt) - 1");
    }

    function testFuzz_compoundedGrowth_monotoneInTime(uint256 rate, uint256 t1, uint256 t2) public pure {
        rate = bound(rate, 0, MAX_RATE);
        t1 = bound(t1, 0, 365 days);
        t2 = bound(t2, t1, 365 days);
        assertLe(rate.compoundedGrowthDown(t1), rate.compoundedGrowthDown(t2), "growth decreases with time");
    }

    function testFuzz_compoundedGrowth_monotoneInRate(uint256 r1, uint256 r2, uint256 t) public pure {
        r1 = bound(r1, 0, MAX_RATE);
        r2 = bound(r2, r1, MAX_RATE);
        t = bound(t, 0, 365 days);
        assertLe(r1.compoundedGrowthDown(t), r2.compoundedGrowthDown(t), "growth decreases with the rate");
    }

    /// @dev The borrow index as ReserveLogic.accrue compounds it (rounded up): never decreases, and accruing in two
    ///      steps never gives less than one step (the truncated series is super-additive once multiplied: the
    ///      product keeps every term up to degree 3 and adds positive higher ones), up to rounding dust.
    function testFuzz_borrowIndex_compoundingMonotone(uint256 index, uint256 rate, uint256 t1, uint256 t2) public pure {
        index = bound(index, RAY, MAX_INDEX);
        rate = bound(rate, 0, MAX_RATE);
        t1 = bound(t1, 0, 180 days);
        t2 = bound(t2, 0, 180 days);
        uint256 once = index.rayMulUp(RAY + rate.compoundedGrowthDown(t1 + t2));
        uint256 first = index.rayMulUp(RAY + rate.compoundedGrowthDown(t1));
        uint256 twice = first.rayMulUp(RAY + rate.compoundedGrowthDown(t2));
        assertGe(first, index, "index decreased after one accrual");
        assertGe(twice, first, "index decreased after a second accrual");
        assertGe(once, index, "index decreased");
        // Each step loses at most 2 units of the growth term to rounding (3 floors, 1 ceil), scaled by the index.
        uint256 dust = 3 * (index / RAY + 1);
        assertGe(twice + dust, once, "two accruals yield less than one");
    }

    /* ============================== share round trips ============================== */

    /// @dev Supply credits x.rayDivDown(L) shares; the balance shown is shares.rayMulDown(L); withdrawing it burns
    ///      balance.rayDivUp(L) shares. Never more value out than in, and the burn never exceeds the shares held.
    function testFuzz_supplyRoundTrip_neverReturnsMore(uint256 amount, uint256 index) public pure {
        index = bound(index, RAY, MAX_INDEX);
        amount = bound(amount, 0, type(uint128).max);
        uint256 shares = amount.rayDivDown(index);
        uint256 balance = shares.rayMulDown(index);
        assertLe(balance, amount, "supply round trip returns more than supplied");
        assertLe(balance.rayDivUp(index), shares, "burning the full balance needs more shares than held");
        // Loss is below one share's worth (plus one unit of rounding).
        assertLe(amount - balance, index / RAY + 1, "supply round trip loses more than a share");
    }

    /// @dev Withdrawing `w` of a balance burns w.rayDivUp(L) shares: what remains is never worth more than
    ///      balance - w (the withdrawer, not the pool, pays the rounding).
    function testFuzz_partialWithdraw_burnsEnough(uint256 shares, uint256 w, uint256 index) public pure {
        index = bound(index, RAY, MAX_INDEX);
        shares = bound(shares, 1, type(uint128).max);
        uint256 balance = shares.rayMulDown(index);
        w = bound(w, 0, balance);
        uint256 burn = w.rayDivUp(index);
        if (burn > shares) burn = shares; // the pool caps the burn the same way
        uint256 remaining = (shares - burn).rayMulDown(index);
        assertLe(remaining + w, balance, "partial withdraw creates value");
    }

    /// @dev Borrowing x records x.rayDivUp(L) debt shares: the debt shown (rayMulUp) is at least x; repaying p
    ///      burns p.rayDivDown(L) shares, never more than p is worth.
    function testFuzz_debtRoundTrip_neverOwesLess(uint256 amount, uint256 index, uint256 p) public pure {
        index = bound(index, RAY, MAX_INDEX);
        amount = bound(amount, 1, type(uint128).max);
        uint256 debtShares = amount.rayDivUp(index);
        uint256 owed = debtShares.rayMulUp(index);
        assertGe(owed, amount, "borrower owes less than it received");
        p = bound(p, 0, owed);
        uint256 burn = p.rayDivDown(index);
        assertLe(burn, debtShares, "repay burns more shares than exist");
        assertLe(burn.rayMulUp(index), p + index / RAY + 1, "repay cancels more debt than paid");
        assertLe(burn.rayMulDown(index), p, "repay cancels more debt than paid (floor)");
    }

    /// @dev Individual balances round down, so their sum never exceeds the rounded-down total: the pool never owes
    ///      its suppliers more than its books say.
    function testFuzz_balancesSumBelowTotal(uint128 s1, uint128 s2, uint128 s3, uint256 index) public pure {
        index = bound(index, RAY, MAX_INDEX);
        uint256 total = uint256(s1) + s2 + s3;
        uint256 sum = uint256(s1).rayMulDown(index) + uint256(s2).rayMulDown(index) + uint256(s3).rayMulDown(index);
        assertLe(sum, total.rayMulDown(index), "sum of balances above the total");
        uint256 debtSum = uint256(s1).rayMulUp(index) + uint256(s2).rayMulUp(index) + uint256(s3).rayMulUp(index);
        assertGe(debtSum, total.rayMulUp(index), "sum of debts below the total debt");
    }
}
