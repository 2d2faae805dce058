// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MockRebasingToken
/// @notice stETH/AMPL-style token: accounts hold shares and `balanceOf = shares * multiplier / WAD`, so `rebase`
///         changes every balance at once, up or down, without any transfer. Development networks only.
/// @dev Amounts in the ERC20 functions are token units; they are converted to shares rounding down, as stETH does.
///      So a transfer may move up to one unit less than asked for, and a contract that credits `amount` instead of
///      its balance change over-credits: that is part of what this mock lets tests catch.
contract MockRebasingToken {
    /// @notice Thrown when `from` holds fewer shares than a transfer needs.
    /// @param from The sender.
    /// @param balance Its balance (tokens).
    /// @param amount The amount moved (tokens).
    error RebasingTokenInsufficientBalance(address from, uint256 balance, uint256 amount);
    /// @notice Thrown when `spender` may move less than `amount` of `owner`'s tokens.
    /// @param owner The holder.
    /// @param spender The account moving the tokens.
    /// @param allowance Its allowance.
    /// @param amount The amount moved.
    error RebasingTokenInsufficientAllowance(address owner, address spender, uint256 allowance, uint256 amount);
    /// @notice Thrown for a zero multiplier (it would make every balance zero and every share price infinite).
    error RebasingTokenZeroMultiplier();

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    /// @notice Emitted on every rebase.
    event Rebased(uint256 oldMultiplierWad, uint256 newMultiplierWad);

    /// @notice 1.0 in 18-decimal fixed point.
    uint256 public constant WAD = 1e18;

    string public name;
    string public symbol;
    uint8 public immutable decimals;
    /// @notice Token units per share, WAD-scaled (starts at 1.0).
    uint256 public multiplierWad = WAD;
    /// @notice Sum of all shares.
    uint256 public totalShares;

    mapping(address account => uint256) public sharesOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    /// @notice Mints `amount` token units (converted to shares, rounding down) to `to`. Anyone may call it.
    function mint(address to, uint256 amount) external {
        uint256 shares = toSharesDown(amount);
        totalShares += shares;
        sharesOf[to] += shares;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Sets the share price to `newMultiplierWad` (WAD): every balance scales by new/old.
    function rebase(uint256 newMultiplierWad) external {
        if (newMultiplierWad == 0) revert RebasingTokenZeroMultiplier();
        emit Rebased(multiplierWad, newMultiplierWad);
        multiplierWad = newMultiplierWad;
    }

    /// @notice Token units held by `account`: its shares at the current multiplier, rounded down.
    function balanceOf(address account) public view returns (uint256) {
        return toAmountDown(sharesOf[account]);
    }

    /// @notice All token units in existence at the current multiplier, rounded down.
    function totalSupply() external view returns (uint256) {
        return toAmountDown(totalShares);
    }

    /// @notice Shares worth `amount` token units, rounded down.
    function toSharesDown(uint256 amount) public view returns (uint256) {
        return Math.mulDiv(amount, WAD, multiplierWad);
    }

    /// @notice Token units worth `shares`, rounded down.
    function toAmountDown(uint256 shares) public view returns (uint256) {
        return Math.mulDiv(shares, multiplierWad, WAD);
    }

    /// @notice Moves `amount` token units (as shares, rounded down) from the caller to `to`.
    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice Moves `amount` token units from `from` to `to` using the caller's allowance (in token units).
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert RebasingTokenInsufficientAllowance(from, msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    /// @notice Lets `spender` move `amount` token units of the caller's.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf(from);
        if (balance < amount) revert RebasingTokenInsufficientBalance(from, balance, amount);
        uint256 shares = toSharesDown(amount);
        // balance >= amount implies sharesOf[from] >= toSharesDown(amount), so the subtraction cannot underflow.
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}
