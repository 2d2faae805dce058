// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelTreasury
/// @notice The protocol treasury and insurance fund. The pool credits the reserve-factor share of interest to the
///         treasury's address as ordinary supply positions; the treasury can only move funds through the two
///         restricted functions below.
interface IKeelTreasury {
    /* EVENTS */

    /// @notice `withdrawn` units of `asset` (`requested` asked) left the treasury's pool position to `to`.
    event PoolWithdrawal(address indexed asset, address indexed to, uint256 requested, uint256 withdrawn);
    /// @notice `amount` units of `token` held by the treasury were sent to `to`.
    event TokenTransferred(address indexed token, address indexed to, uint256 amount);
    /// @notice The pool the treasury withdraws from changed.
    event SetPool(address oldPool, address newPool);

    /* ERRORS */

    /// @notice A zero address was given.
    error TreasuryZeroAddress();
    /// @notice A zero amount was given.
    error TreasuryZeroAmount();
    /// @notice No pool is set yet.
    error TreasuryPoolNotSet();

    /* VIEWS */

    /// @notice The pool the treasury holds its supply positions in (zero until set).
    function pool() external view returns (address);

    /* RESTRICTED FUNCTIONS */

    /// @notice Withdraws the treasury's supply position from the pool to `to`. Restricted (treasury manager).
    /// @param asset The underlying asset.
    /// @param amount Asset units; `type(uint256).max` withdraws the whole position.
    /// @param to The receiver of the underlying.
    /// @return withdrawn The amount the pool reports as withdrawn, in asset units.
    function withdrawFromPool(address asset, uint256 amount, address to) external returns (uint256 withdrawn);

    /// @notice Sends `amount` of an ERC-20 `token` held by the treasury to `to`. Restricted (treasury manager).
    /// @param token The ERC-20 token.
    /// @param to The receiver.
    /// @param amount Token units.
    function transferToken(address token, address to, uint256 amount) external;

    /// @notice Sets the pool the treasury withdraws from. Restricted (admin).
    /// @param newPool The pool proxy.
    function setPool(address newPool) external;
}
