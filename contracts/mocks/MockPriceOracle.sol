// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title MockPriceOracle
/// @notice An IPriceOracle whose prices tests set directly (8 decimals). Development networks only; production uses
///         `KeelOracle` over Chainlink feeds.
contract MockPriceOracle is IPriceOracle {
    error MockPriceMissing(address asset);

    mapping(address => uint256) public prices;

    /// @inheritdoc IPriceOracle
    function BASE_CURRENCY_UNIT() external pure returns (uint256) {
        return 1e8;
    }

    /// @notice Sets `asset`'s price (8 decimals).
    function setPrice(address asset, uint256 price) external {
        prices[asset] = price;
    }

    /// @inheritdoc IPriceOracle
    function getAssetPrice(address asset) public view returns (uint256 price) {
        price = prices[asset];
        if (price == 0) revert MockPriceMissing(asset);
    }

    /// @inheritdoc IPriceOracle
    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory out) {
        out = new uint256[](assets.length);
        for (uint256 i; i < assets.length; ++i) out[i] = getAssetPrice(assets[i]);
    }
}
