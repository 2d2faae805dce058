// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BenchHopTarget
/// @notice Benchmark target: one storage read, so a call to it does what a hub call does at least (touch the callee,
///         read a slot). Deployed bare and behind an ERC1967Proxy to measure what a proxy hop adds.
contract BenchHopTarget {
    uint256 private _value = 1;

    /// @notice Writes the value (the proxy's initialisation, so both targets hold the same slot).
    function init() external {
        _value = 1;
    }

    /// @notice Returns the stored value plus `x`.
    /// @param x Any number.
    /// @return The sum.
    function ping(uint256 x) external view returns (uint256) {
        return _value + x;
    }
}

/// @title BenchHopCaller
/// @notice Calls `BenchHopTarget.ping` on a target from a contract, as a spoke calls the hub: the target (and, for a
///         proxy, its implementation) is cold in each transaction.
contract BenchHopCaller {
    /// @notice Emitted with the answer, so the call cannot be optimised away.
    /// @param answer What the target returned.
    event Pinged(uint256 answer);

    /// @notice Calls `target.ping(1)`.
    /// @param target A BenchHopTarget, bare or behind a proxy.
    function hop(address target) external {
        emit Pinged(BenchHopTarget(target).ping(1));
    }
}
