// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title ILeverageHelper
/// @notice Opens and closes a leveraged position on the Keel pool in one transaction.
/// @dev Open: the helper flash-borrows the debt asset with `flashLoan` mode 2 on behalf of the user (so the loan
///      stays open as the user's variable debt, no premium), swaps it to the collateral asset and supplies that for
///      the user. The user first delegates credit to the helper (`pool.approveDelegation(debtAsset, helper, amount)`)
///      and, to add initial collateral through the helper, approves it on the collateral asset.
///      Close: the helper flash-borrows the debt asset (`flashLoanSimple`, premium paid), repays the user's debt,
///      pulls the user's kTokens (the user approves the helper on the collateral's kToken), withdraws them, buys back
///      exactly the loan plus premium with collateral and returns the rest of the collateral to the user.
///      Only the user may act on its own position; callbacks are accepted only from the pool, for loans the helper
///      itself started.
interface ILeverageHelper {
    /// @notice Input of `openLeverage`. Amounts in the units of the asset they refer to.
    /// @param collateralAsset Asset bought and supplied for the user (e.g. WETH).
    /// @param debtAsset Asset borrowed by the user (e.g. USDC).
    /// @param initialCollateral Units of `collateralAsset` pulled from the user and supplied for it first (0: none,
    ///        e.g. when the user already has collateral in the pool).
    /// @param borrowAmount Units of `debtAsset` left open as the user's variable debt.
    /// @param minCollateralOut Slippage bound: the swap must give at least this much `collateralAsset`.
    /// @param adapter The swap venue.
    struct OpenParams {
        address collateralAsset;
        address debtAsset;
        uint256 initialCollateral;
        uint256 borrowAmount;
        uint256 minCollateralOut;
        ISwapAdapter adapter;
    }

    /// @notice Input of `closeLeverage`. Amounts in the units of the asset they refer to.
    /// @param collateralAsset The collateral sold to repay the debt.
    /// @param debtAsset The debt repaid.
    /// @param debtToRepay Units of `debtAsset` to repay; type(uint256).max = all of the user's debt.
    /// @param collateralToWithdraw Units of `collateralAsset` taken from the user's supply; type(uint256).max = all.
    /// @param maxCollateralIn Slippage bound: at most this much collateral may be sold to repay the flash loan.
    /// @param adapter The swap venue.
    struct CloseParams {
        address collateralAsset;
        address debtAsset;
        uint256 debtToRepay;
        uint256 collateralToWithdraw;
        uint256 maxCollateralIn;
        ISwapAdapter adapter;
    }

    /// @notice The pool called back for a loan the helper did not start, or someone else called back.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the pool reports it.
    error LeverageHelperUntrustedCallback(address caller, address initiator);
    /// @notice A zero amount where one is needed.
    error LeverageHelperZeroAmount();
    /// @notice Closing a position that has no debt in `debtAsset`.
    /// @param debtAsset The debt asset given.
    /// @param user The position's owner.
    error LeverageHelperNoDebt(address debtAsset, address user);

    /// @notice `user` opened (or increased) a leveraged position.
    /// @param initialCollateral Units of collateral the user brought through the helper.
    /// @param borrowed Units of debt asset added to the user's debt.
    /// @param collateralBought Units of collateral bought with `borrowed` and supplied for the user.
    event LeverageOpened(
        address indexed user,
        address indexed collateralAsset,
        address indexed debtAsset,
        uint256 initialCollateral,
        uint256 borrowed,
        uint256 collateralBought
    );

    /// @notice `user` closed (or reduced) a leveraged position.
    /// @param debtRepaid Units of debt asset repaid for the user.
    /// @param collateralWithdrawn Units of collateral taken from the user's supply.
    /// @param collateralSold Units of collateral sold to repay the flash loan and its premium.
    /// @param collateralReturned Units of collateral sent to the user.
    event LeverageClosed(
        address indexed user,
        address indexed collateralAsset,
        address indexed debtAsset,
        uint256 debtRepaid,
        uint256 collateralWithdrawn,
        uint256 collateralSold,
        uint256 collateralReturned
    );

    /// @notice Opens a leveraged position for the caller in one transaction (see the contract notes).
    /// @return collateralBought Units of `collateralAsset` bought and supplied for the caller.
    function openLeverage(OpenParams calldata params) external returns (uint256 collateralBought);

    /// @notice Closes (or reduces) the caller's leveraged position in one transaction (see the contract notes).
    /// @return collateralReturned Units of `collateralAsset` sent to the caller.
    function closeLeverage(CloseParams calldata params) external returns (uint256 collateralReturned);

    /// @notice The pool this helper works with.
    function POOL() external view returns (address);

    /// @notice Version of this helper, e.g. "1.0.0".
    function version() external pure returns (string memory);
}
