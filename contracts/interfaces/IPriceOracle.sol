// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice The price source the pool trusts. Prices are in the base currency (USD) with 8 decimals, per whole token
///         (1e8 = $1 for one whole unit of the asset, whatever the asset's decimals).
interface IPriceOracle {
    /// @notice Unit of the base currency: 1e8 (8 decimals).
    function BASE_CURRENCY_UNIT() external view returns (uint256);

    /// @notice Price of one whole `asset` in base currency units (8 decimals). Reverts if no valid price exists.
    /// @param asset The underlying asset.
    /// @return price Base currency units (8 decimals) per whole token; never zero.
    function getAssetPrice(address asset) external view returns (uint256 price);

    /// @notice Prices of several assets, each as `getAssetPrice` would return it.
    /// @param assets The underlying assets.
    /// @return prices Base currency units (8 decimals) per whole token, in the same order.
    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory prices);
}
