// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ITokenHook} from "./ITokenHook.sol";
import {MockHookToken} from "./MockHookToken.sol";

/// @title MockReentrantAttacker
/// @notice Attacker for re-entrancy tests with `MockHookToken`. It registers itself as its own hook; when a hook fires
///         and an attack is armed, it calls the configured target with the configured calldata, catching any revert
///         and recording the outcome so tests can assert that the protocol refused the re-entry. Development networks only.
/// @dev The attack runs at most once per outermost hook (a guard stops the re-entry from re-triggering itself).
contract MockReentrantAttacker is ITokenHook {
    /// @notice Emitted after each re-entry attempt.
    event ReentryAttempted(address indexed target, bool reverted, bytes returnOrRevertData);

    /// @notice Contract called from inside the hook; address(0) disarms the attack.
    address public attackTarget;
    /// @notice Calldata sent to `attackTarget`.
    bytes public attackData;
    /// @notice Whether the hook attacks on `tokensToSend` (tokens leaving this contract).
    bool public attackOnSend = true;
    /// @notice Whether the hook attacks on `tokensReceived` (tokens arriving at this contract).
    bool public attackOnReceive = true;

    /// @notice Number of re-entry attempts made.
    uint256 public reentryCount;
    /// @notice Whether the last re-entry attempt reverted.
    bool public lastReentryReverted;
    /// @notice Return data of the last attempt if it succeeded, its revert data if it reverted.
    bytes public lastReentryData;
    /// @notice Number of times each hook was called.
    uint256 public sendHookCalls;
    uint256 public receiveHookCalls;

    bool private _inAttack;

    /// @notice Registers this contract as its own hook on `token`.
    function registerOn(address token) external {
        MockHookToken(token).registerHook(address(this));
    }

    /// @notice Arms the attack: inside the next hooks, call `target` with `data`. `target` = address(0) disarms.
    function setAttack(address target, bytes calldata data) external {
        attackTarget = target;
        attackData = data;
    }

    /// @notice Chooses which hooks trigger the attack.
    function setAttackHooks(bool onSend, bool onReceive) external {
        attackOnSend = onSend;
        attackOnReceive = onReceive;
    }

    /// @notice Calls `target` with `data` as this contract (to approve, supply, swap...), bubbling any revert.
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        return Address.functionCall(target, data);
    }

    /// @inheritdoc ITokenHook
    function tokensToSend(address, address, address, uint256) external override {
        sendHookCalls++;
        if (attackOnSend) _attack();
    }

    /// @inheritdoc ITokenHook
    function tokensReceived(address, address, address, uint256) external override {
        receiveHookCalls++;
        if (attackOnReceive) _attack();
    }

    function _attack() private {
        address target = attackTarget;
        if (target == address(0) || _inAttack) return;
        _inAttack = true;
        reentryCount++;
        // A low-level call so a refused re-entry is recorded instead of reverting the outer transfer.
        (bool ok, bytes memory ret) = target.call(attackData);
        lastReentryReverted = !ok;
        lastReentryData = ret;
        _inAttack = false;
        emit ReentryAttempted(target, !ok, ret);
    }
}
