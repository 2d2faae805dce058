// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockFeeOnTransferToken
/// @notice ERC20 that keeps a fee on every transfer and transferFrom (PAXG, STA, USDT with its fee switch on): the
///         recipient gets `amount - fee`. The fee is burnt, or sent to `feeSink` when one is set. Development networks only.
/// @dev Mints and burns are fee-free so tests can fund accounts with exact amounts.
contract MockFeeOnTransferToken is ERC20 {
    /// @notice Thrown when a fee above 100% is requested.
    /// @param feeBps The fee requested (bps).
    error FeeOnTransferTokenFeeTooHigh(uint256 feeBps);

    /// @notice Emitted when the fee changes.
    event SetFeeBps(uint256 oldFeeBps, uint256 newFeeBps);
    /// @notice Emitted when the fee sink changes (address(0) = burn).
    event SetFeeSink(address oldFeeSink, address newFeeSink);

    /// @notice 100% in basis points.
    uint256 public constant MAX_BPS = 10_000;

    uint8 private immutable _decimals;
    /// @notice Fee in basis points of the transferred amount.
    uint256 public feeBps;
    /// @notice Receiver of fees; address(0) burns them.
    address public feeSink;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, uint256 feeBps_) ERC20(name_, symbol_) {
        if (feeBps_ > MAX_BPS) revert FeeOnTransferTokenFeeTooHigh(feeBps_);
        _decimals = decimals_;
        feeBps = feeBps_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to` (no fee). Anyone may call it: this is a test token.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets the fee in basis points (at most 10_000).
    function setFeeBps(uint256 newFeeBps) external {
        if (newFeeBps > MAX_BPS) revert FeeOnTransferTokenFeeTooHigh(newFeeBps);
        emit SetFeeBps(feeBps, newFeeBps);
        feeBps = newFeeBps;
    }

    /// @notice Sets where fees go; address(0) burns them.
    function setFeeSink(address newFeeSink) external {
        emit SetFeeSink(feeSink, newFeeSink);
        feeSink = newFeeSink;
    }

    /// @notice The fee kept on a transfer of `amount`, rounded down (as most real fee tokens do).
    function feeOnDown(uint256 amount) public view returns (uint256) {
        return (amount * feeBps) / MAX_BPS;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOnDown(value);
        super._update(from, to, value - fee);
        // Sending the fee to address(0) through _update burns it (reduces totalSupply).
        if (fee != 0) super._update(from, feeSink, fee);
    }
}
