// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRwaToken} from "../interfaces/IRwaSpoke.sol";

/// @title MockRwaVault
/// @notice A permissioned ERC-4626 vault share (Centrifuge / Morpho-style RWA wrapper): only allowlisted accounts may
///         hold shares; `accrue` adds yield to the vault (the share price rises). Development networks and tests only.
contract MockRwaVault is ERC4626, IRwaToken {
    /// @notice The manager (allowlist).
    address public immutable manager;
    mapping(address => bool) private _allowed;

    /// @notice Thrown when a caller other than the manager uses a manager function.
    /// @param caller The caller.
    error RwaVaultOnlyManager(address caller);
    /// @notice Thrown when a transfer involves an account that is not allowlisted.
    /// @param account The account not on the allowlist.
    error RwaVaultNotAllowed(address account);

    constructor(IERC20 asset_, address manager_) ERC20("Mock RWA Vault", "vRWA") ERC4626(asset_) {
        manager = manager_;
    }

    /// @inheritdoc IRwaToken
    function isAllowed(address account) external view returns (bool) {
        return _allowed[account];
    }

    /// @notice Allows or disallows `account` to hold shares.
    function setAllowed(address account, bool allowed) external {
        if (msg.sender != manager) revert RwaVaultOnlyManager(msg.sender);
        _allowed[account] = allowed;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && !_allowed[from]) revert RwaVaultNotAllowed(from);
        if (to != address(0) && !_allowed[to]) revert RwaVaultNotAllowed(to);
        super._update(from, to, value);
    }
}
