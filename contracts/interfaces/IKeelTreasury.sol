// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelTreasury
/// @notice The protocol treasury and insurance fund. The liquidity hub books the reserve-factor share of interest
///         and flash fees as the treasury's shares in the hub (which cover deficits first); the core spoke credits
///         liquidation fees to the treasury's address as ordinary supply positions. The treasury moves funds only
///         through the restricted functions below.
interface IKeelTreasury {
    /* EVENTS */

    /// @notice `withdrawn` units of `asset` (`requested` asked) left the treasury's pool position to `to`.
    event PoolWithdrawal(address indexed asset, address indexed to, uint256 requested, uint256 withdrawn);
    /// @notice `withdrawn` units of `asset` (`requested` asked) of the treasury's hub income went to `to`.
    event HubWithdrawal(address indexed asset, address indexed to, uint256 requested, uint256 withdrawn);
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

    /// @notice Withdraws the treasury's income (reserve factor, flash fees) from the pool's liquidity hub to `to`.
    ///         Restricted (treasury manager).
    /// @param asset The underlying asset.
    /// @param amount Asset units; `type(uint256).max` withdraws all of it.
    /// @param to The receiver of the underlying.
    /// @return withdrawn The amount the hub sent, in asset units.
    function withdrawFromHub(address asset, uint256 amount, address to) external returns (uint256 withdrawn);

    /// @notice Sends `amount` of an ERC-20 `token` held by the treasury to `to`. Restricted (treasury manager).
    /// @param token The ERC-20 token.
    /// @param to The receiver.
    /// @param amount Token units.
    function transferToken(address token, address to, uint256 amount) external;

    /// @notice Sets the pool the treasury withdraws from. Restricted (admin).
    /// @param newPool The pool proxy.
    function setPool(address newPool) external;
}
