// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IKToken} from "../interfaces/IKToken.sol";
import {IPool} from "../interfaces/IPool.sol";

/// @title KToken
/// @notice ERC-20 face of a reserve's supply positions ("kUSDC"). Balances grow with interest and live in the pool
///         (so a supply costs the pool no external token write); the token keeps only allowances and forwards
///         transfers to the pool, which refuses any that would leave the sender unhealthy.
/// @dev Not upgradeable on purpose: it holds no accounting, only allowances, and its logic is fixed by ERC-20.
contract KToken is IKToken {
    /// @inheritdoc IKToken
    address public immutable POOL;
    /// @inheritdoc IKToken
    address public immutable UNDERLYING_ASSET_ADDRESS;
    uint8 private immutable _decimals;
    string private _name;
    string private _symbol;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    constructor(address pool_, address asset_, uint8 decimals_, string memory name_, string memory symbol_) {
        if (pool_ == address(0) || asset_ == address(0)) revert KTokenZeroAddress();
        POOL = pool_;
        UNDERLYING_ASSET_ADDRESS = asset_;
        _decimals = decimals_;
        _name = name_;
        _symbol = symbol_;
    }

    /// @notice Token name, e.g. "Keel USD Coin".
    function name() external view returns (string memory) {
        return _name;
    }

    /// @notice Token symbol, e.g. "kUSDC".
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice The underlying asset's decimals.
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @notice Total supplied, asset units, as of now.
    function totalSupply() external view returns (uint256 total) {
        (total, ) = IPool(POOL).getReserveTotals(UNDERLYING_ASSET_ADDRESS);
    }

    /// @notice `account`'s supply balance, asset units, as of now (rounded down).
    function balanceOf(address account) external view returns (uint256) {
        return IPool(POOL).supplyBalanceOf(UNDERLYING_ASSET_ADDRESS, account);
    }

    /// @inheritdoc IKToken
    function scaledBalanceOf(address user) external view returns (uint256) {
        return IPool(POOL).getUserPosition(UNDERLYING_ASSET_ADDRESS, user).scaledSupply;
    }

    /// @notice Allowance of `spender` over `owner`'s supply.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Approves `spender` for `amount` (asset units).
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == address(0)) revert KTokenZeroAddress();
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice Transfers `amount` of the caller's supply to `to`; reverts if the caller would become unhealthy.
    function transfer(address to, uint256 amount) external returns (bool) {
        IPool(POOL).transferSupply(UNDERLYING_ASSET_ADDRESS, msg.sender, to, amount);
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice Transfers `amount` of `from`'s supply to `to`, spending the caller's allowance.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert KTokenInsufficientAllowance(msg.sender, allowed, amount);
            _allowances[from][msg.sender] = allowed - amount;
        }
        IPool(POOL).transferSupply(UNDERLYING_ASSET_ADDRESS, from, to, amount);
        emit Transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IKToken
    function emitTransfer(address from, address to, uint256 amount) external {
        if (msg.sender != POOL) revert KTokenOnlyPool(msg.sender);
        emit Transfer(from, to, amount);
    }
}
