// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ITokenHook} from "./ITokenHook.sol";

/// @title MockHookToken
/// @notice ERC20 with ERC-777-style hooks: an account may register a hook contract, which the token calls before the
///         account's tokens leave (`tokensToSend`) and after tokens arrive (`tokensReceived`). This hands control to
///         the account in the middle of another contract's transfer, the classic re-entrancy vector (imBTC/Uniswap V1,
///         Lendf.Me). Development networks only.
/// @dev Hooks run on transfer and transferFrom only, not on mint, so funding an armed attacker does not trigger it.
///      A reverting hook reverts the transfer, as in ERC-777.
contract MockHookToken is ERC20 {
    /// @notice Emitted when `account` registers (or clears, with address(0)) its hook.
    event HookRegistered(address indexed account, address indexed hook);

    uint8 private immutable _decimals;
    mapping(address account => address hook) private _hooks;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to` (no hooks). Anyone may call it: this is a test token.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Registers `hookContract` as the caller's hook; address(0) clears it. Only the account itself can set
    ///         its hook, as with ERC-1820's `setInterfaceImplementer`.
    function registerHook(address hookContract) external {
        _hooks[msg.sender] = hookContract;
        emit HookRegistered(msg.sender, hookContract);
    }

    /// @notice The hook registered by `account`, or address(0).
    function hookOf(address account) external view returns (address) {
        return _hooks[account];
    }

    function _update(address from, address to, uint256 value) internal override {
        bool isTransfer = from != address(0) && to != address(0);
        // ERC-777 order: the sender's hook runs before balances change, the receiver's after.
        if (isTransfer) {
            address sendHook = _hooks[from];
            if (sendHook != address(0)) ITokenHook(sendHook).tokensToSend(msg.sender, from, to, value);
        }
        super._update(from, to, value);
        if (isTransfer) {
            address receiveHook = _hooks[to];
            if (receiveHook != address(0)) ITokenHook(receiveHook).tokensReceived(msg.sender, from, to, value);
        }
    }
}
