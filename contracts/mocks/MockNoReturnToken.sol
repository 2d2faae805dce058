// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockNoReturnToken
/// @notice USDT-style token whose `transfer`, `transferFrom` and `approve` return nothing. Callers that decode a `bool`
///         (a plain `IERC20` call) revert on it; SafeERC20 accepts it. Hand-written on purpose: inheriting OZ ERC20
///         would bring its `returns (bool)` signatures. Development networks only.
/// @dev Like USDT, failures revert (no `false`). USDT also refuses to change a non-zero allowance to another non-zero
///      value; that quirk is off by default and switched on with `setRequireZeroAllowanceFirst(true)`.
contract MockNoReturnToken {
    /// @notice Thrown when `from` holds less than `amount`.
    /// @param from The sender.
    /// @param balance Its balance.
    /// @param amount The amount moved.
    error NoReturnTokenInsufficientBalance(address from, uint256 balance, uint256 amount);
    /// @notice Thrown when `spender` may move less than `amount` of `owner`'s tokens.
    /// @param owner The holder.
    /// @param spender The account moving the tokens.
    /// @param allowance Its allowance.
    /// @param amount The amount moved.
    error NoReturnTokenInsufficientAllowance(address owner, address spender, uint256 allowance, uint256 amount);
    /// @notice Thrown (with the switch on) when a non-zero allowance would be changed to another non-zero value.
    /// @param owner The holder.
    /// @param spender The spender.
    /// @param allowance The current, non-zero allowance.
    error NoReturnTokenNonZeroAllowance(address owner, address spender, uint256 allowance);

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public name;
    string public symbol;
    uint8 public immutable decimals;
    uint256 public totalSupply;
    /// @notice Whether `approve` refuses non-zero to non-zero changes (USDT's race-condition guard).
    bool public requireZeroAllowanceFirst;

    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    /// @notice Mints `amount` to `to`. Anyone may call it: this is a test token.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Turns USDT's "set the allowance to zero first" rule on or off.
    function setRequireZeroAllowanceFirst(bool enabled) external {
        requireZeroAllowanceFirst = enabled;
    }

    /// @notice Moves `amount` from the caller to `to`. Returns nothing (the quirk under test).
    function transfer(address to, uint256 amount) external {
        _transfer(msg.sender, to, amount);
    }

    /// @notice Moves `amount` from `from` to `to` using the caller's allowance. Returns nothing.
    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert NoReturnTokenInsufficientAllowance(from, msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
    }

    /// @notice Lets `spender` move `amount` of the caller's tokens. Returns nothing.
    function approve(address spender, uint256 amount) external {
        uint256 current = allowance[msg.sender][spender];
        if (requireZeroAllowanceFirst && amount != 0 && current != 0) {
            revert NoReturnTokenNonZeroAllowance(msg.sender, spender, current);
        }
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert NoReturnTokenInsufficientBalance(from, balance, amount);
        // The check above makes the subtraction safe; the addition cannot overflow since totalSupply bounds it.
        unchecked {
            balanceOf[from] = balance - amount;
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
    }
}
