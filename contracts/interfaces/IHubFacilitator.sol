// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IHubFacilitator
/// @notice A SynthToken facilitator that is a LiquidityHub spoke (add cap, draw cap 0): it mints the token into the hub
///         as liquidity, within its bucket, so borrowers borrow it from the core spoke with the ordinary Aave calls,
///         and burns what was repaid and lies idle. Minted-but-idle tokens are ordinary hub cash and the facilitator's
///         supply shares are its claim on them, so the hub's invariants are unchanged. See docs/stablecoin.md.
interface IHubFacilitator {
    /// @notice `amount` was minted into the hub for `shares` supply shares.
    event MintedToHub(uint256 amount, uint256 shares);
    /// @notice `amount` idle in the hub was removed (burning `shares`) and burned.
    event BurnedFromHub(uint256 amount, uint256 shares);

    /// @notice A zero address or amount was given.
    error FacilitatorZeroInput();

    /// @notice Mints `amount` into the hub as liquidity (bucket and hub add cap apply). Restricted (risk admin).
    /// @param amount Token units.
    /// @return shares Hub supply shares received.
    function mintToHub(uint256 amount) external returns (uint256 shares);

    /// @notice Removes `amount` idle from the hub and burns it (`type(uint256).max`: all its shares are worth, if
    ///         idle). Restricted (risk admin).
    /// @param amount Token units.
    /// @return burned Amount burned.
    function burnFromHub(uint256 amount) external returns (uint256 burned);

    /// @notice What the facilitator's hub shares are worth now (rounded down); below its bucket level only after a
    ///         socialised deficit (unbacked tokens).
    /// @return Token units.
    function hubBalance() external view returns (uint256);

    /// @notice The token minted.
    function token() external view returns (address);

    /// @notice The hub.
    function hub() external view returns (address);
}
