// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockGovernanceTarget
/// @notice A stand-in for a governed module: a "risk parameter" only its owner (the timelock) may set, and a function
///         whose selector the tests mark critical. Development networks only.
contract MockGovernanceTarget {
    /// @notice Emitted when the parameter changes.
    event SetParam(uint256 oldValue, uint256 newValue);
    /// @notice The caller is not the owner.
    /// @param caller The account that called.
    error MockGovernanceTargetUnauthorized(address caller);

    /// @notice The account allowed to change settings.
    address public immutable owner;
    /// @notice A risk parameter (base-tier change).
    uint256 public param;
    /// @notice A setting changed only through the critical tier (e.g. a module address).
    address public module;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Sets the parameter. Owner only.
    function setParam(uint256 newValue) external {
        if (msg.sender != owner) revert MockGovernanceTargetUnauthorized(msg.sender);
        emit SetParam(param, newValue);
        param = newValue;
    }

    /// @notice Same selector as ModuleRegistry's `setModule(bytes32,address)`: a critical call. Owner only.
    function setModule(bytes32, address newModule) external {
        if (msg.sender != owner) revert MockGovernanceTargetUnauthorized(msg.sender);
        module = newModule;
    }
}
