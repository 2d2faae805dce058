// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title TransientReentrancyGuard
/// @notice A reentrancy guard held in one Solidity `transient` variable (EIP-1153): 100 gas a read or write, reset at
///         the end of every transaction, so a lock can never stay stuck, and no storage slot for upgradeable
///         contracts to keep (transient variables are not part of the persistent layout).
/// @dev Keel's own instead of OpenZeppelin's `ReentrancyGuardTransient`, which writes its slot with inline-assembly
///      `tstore`, for which solc prints its EIP-1153 composability warning on every build; a `transient` variable
///      compiles to the same opcodes without it. The error is OpenZeppelin's (same name, same selector), so callers
///      and decoders see no change.
abstract contract TransientReentrancyGuard {
    /// @dev 1 while entered: a full word, so each write is one TSTORE (a `bool` is written read-modify-write).
    uint256 private transient _entered;

    /// @notice A `nonReentrant` function was entered again before the first call returned.
    error ReentrancyGuardReentrantCall();

    /// @dev Refuses a call while another `nonReentrant` function of this contract runs; the flag is cleared on return.
    ///      The work is in two private functions, so each guarded function adds two jumps, not a copy of the checks.
    modifier nonReentrant() {
        _enter();
        _;
        _exit();
    }

    function _enter() private {
        if (_entered != 0) revert ReentrancyGuardReentrantCall();
        _entered = 1;
    }

    function _exit() private {
        _entered = 0;
    }

    /// @dev True while a `nonReentrant` function of this contract runs.
    function _reentrancyGuardEntered() internal view returns (bool) {
        return _entered != 0;
    }
}
