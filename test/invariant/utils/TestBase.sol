// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The few Foundry cheatcodes Keel's Solidity tests use (Hardhat 3's EDR runner implements them at the
///         "hevm cheat code" address). Kept in-repo because npm forge-std does not resolve under Hardhat 3
///         (see /work/shared/TOOLCHAIN.md section 6, Option A).
interface Vm {
    /// @dev An event captured by `recordLogs` (same layout as forge-std's `Vm.Log`).
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function assume(bool condition) external;
    function label(address account, string calldata newLabel) external;
    function toString(uint256 value) external pure returns (string memory);
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
}

/// @dev Address of the cheatcode contract: address(bytes20(uint160(uint256(keccak256("hevm cheat code"))))).
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @title TestBase
/// @notice Minimal stand-in for forge-std's Test + StdInvariant: assertion helpers that revert with a message (a
///         revert fails the test), `bound()`, and the target getters the invariant fuzzer reads.
abstract contract TestBase {
    /* ============================== INVARIANT TARGETS ============================== */

    /// @dev Same layout as forge-std's `StdInvariant.FuzzSelector`: the fuzzer decodes it by ABI.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;
    address[] private _targetedSenders;

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    function targetSender(address sender) internal {
        _targetedSenders.push(sender);
    }

    /// @notice Contracts the invariant fuzzer calls (read by the runner, as in forge-std).
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice Functions of the targets the fuzzer may call (read by the runner, as in forge-std).
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    /// @notice Senders the fuzzer uses (read by the runner, as in forge-std).
    function targetSenders() public view returns (address[] memory) {
        return _targetedSenders;
    }

    /* ============================== ASSERTIONS ============================== */

    error AssertionFailed(string message, uint256 left, uint256 right);

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message, 0, 0);
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) revert AssertionFailed(message, left, right);
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) revert AssertionFailed(message, uint160(left), uint160(right));
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) revert AssertionFailed(message, left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) revert AssertionFailed(message, left, right);
    }

    function assertLt(uint256 left, uint256 right, string memory message) internal pure {
        if (left >= right) revert AssertionFailed(message, left, right);
    }

    function assertGt(uint256 left, uint256 right, string memory message) internal pure {
        if (left <= right) revert AssertionFailed(message, left, right);
    }

    /// @dev |left - right| <= maxDelta.
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string memory message) internal pure {
        uint256 delta = left > right ? left - right : right - left;
        if (delta > maxDelta) revert AssertionFailed(message, left, right);
    }

    /* ============================== BOUND ============================== */

    /// @dev Maps `x` into [min, max] without discarding runs (forge-std's `bound`, simplified): values already in
    ///      range are kept as they are so the fuzzer's edge values (0, 1, max) still land on the edges.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        // size == 0 only when [min, max] is the whole uint256 range, handled by the early return above.
        return min + (x % size);
    }
}
