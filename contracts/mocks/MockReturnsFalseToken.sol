// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockReturnsFalseToken
/// @notice Token that signals failure by returning `false` instead of reverting (some early ERC20s, e.g. ZRX, BAT).
///         A caller that ignores the return value would credit a transfer that never happened. Development networks only.
/// @dev `transfer`/`transferFrom` return false on insufficient balance or allowance, and for every call while
///      `failAll` is set. Nothing moves when they return false.
contract MockReturnsFalseToken is ERC20 {
    uint8 private immutable _decimals;
    /// @notice When true, every transfer and transferFrom returns false without moving tokens.
    bool public failAll;

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

    /// @notice Makes every transfer return false (true) or restores normal behaviour (false).
    function setFailAll(bool enabled) external {
        failAll = enabled;
    }

    /// @notice Returns false (moving nothing) instead of reverting when the caller's balance is short.
    function transfer(address to, uint256 amount) public override returns (bool) {
        if (failAll || balanceOf(msg.sender) < amount) return false;
        return super.transfer(to, amount);
    }

    /// @notice Returns false (moving nothing) instead of reverting when the balance or allowance is short.
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (failAll || balanceOf(from) < amount || allowance(from, msg.sender) < amount) return false;
        return super.transferFrom(from, to, amount);
    }
}
