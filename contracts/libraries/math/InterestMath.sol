// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WadRayMath} from "./WadRayMath.sol";

/// @title InterestMath
/// @notice The hub's interest and share arithmetic, pure so that its views and its writes cannot drift apart. Every
///         function names its rounding; each direction favours the hub (its suppliers as a whole).
library InterestMath {
    using WadRayMath for uint256;

    /// @notice The borrow index compounded from `last` to now (rounded up, saturating at 128 bits so repayment
    ///         never bricks) and the interest it adds to `drawnShares` (difference of rounded-up debts), asset units.
    function grownDebtUp(
        uint256 borrowIndex,
        uint256 rate,
        uint256 last,
        uint256 drawnShares
    ) internal view returns (uint256 newBorrowIndex, uint256 interest) {
        newBorrowIndex = borrowIndex.rayMulUp(WadRayMath.RAY + rate.compoundedGrowthDown(block.timestamp - last));
        if (newBorrowIndex > type(uint128).max) newBorrowIndex = type(uint128).max;
        interest = drawnShares.rayMulUp(newBorrowIndex) - drawnShares.rayMulUp(borrowIndex);
    }

    /// @notice Adds `toSuppliers` (asset units) to `liquidityIndex` over `totalShares` (rounded down; the index
    ///         saturates rather than overflow) and converts `toTreasury` (asset units) into shares at the new index
    ///         (rounded down). Shared by interest accrual and flash-loan fees.
    function splitIncomeDown(
        uint256 liquidityIndex,
        uint256 totalShares,
        uint256 toSuppliers,
        uint256 toTreasury
    ) internal pure returns (uint256 newLiquidityIndex, uint256 treasuryShares) {
        newLiquidityIndex = liquidityIndex;
        if (totalShares != 0) {
            uint256 grown = liquidityIndex + toSuppliers.mulDivDown(WadRayMath.RAY, totalShares);
            if (grown <= type(uint128).max) newLiquidityIndex = grown;
        }
        treasuryShares = toTreasury.rayDivDown(newLiquidityIndex);
    }

    /// @notice Shares to burn for taking `amount` out of a balance of `shares` worth `balance` at `index`: rounded
    ///         up (the holder gives up at least what the amount is worth), all of them when the whole balance goes,
    ///         never more than `shares`.
    function sharesToBurnUp(
        uint256 amount,
        uint256 balance,
        uint256 shares,
        uint256 index
    ) internal pure returns (uint256 burn) {
        burn = amount == balance ? shares : amount.rayDivUp(index);
        if (burn > shares) burn = shares;
    }
}
