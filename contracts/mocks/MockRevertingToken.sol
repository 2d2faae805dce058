// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockRevertingToken
/// @notice ERC20 whose transfers revert while a switch is set, modelling a paused or blocklisting token (USDC's
///         blacklist, a paused bridge token). Development networks only.
/// @dev Mints are never blocked so tests can always fund accounts; only transfers and transferFrom revert.
contract MockRevertingToken is ERC20 {
    /// @notice Thrown by every transfer while `reverting` is set.
    /// @param from The sender.
    /// @param to The recipient.
    /// @param amount The amount.
    error RevertingTokenTransfersDisabled(address from, address to, uint256 amount);

    uint8 private immutable _decimals;
    /// @notice When true, every transfer and transferFrom reverts with `RevertingTokenTransfersDisabled`.
    bool public reverting;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to`. Anyone may call it: this is a test token.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Turns the revert switch on or off.
    function setReverting(bool enabled) external {
        reverting = enabled;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (reverting && from != address(0) && to != address(0)) {
            revert RevertingTokenTransfersDisabled(from, to, value);
        }
        super._update(from, to, value);
    }
}
