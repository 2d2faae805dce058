// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IUpgradeCheckable
/// @notice Implemented by every upgradeable Keel module so that `KeelUpgrader` can verify an upgrade in the same
///         transaction: the version must increase, the new implementation must have its initializers locked, and
///         the module's key state must be exactly the same after the upgrade as before.
interface IUpgradeCheckable {
    /// @notice Semantic version of the implementation ("MAJOR.MINOR.PATCH").
    function version() external view returns (string memory);

    /// @notice The ABI identifier of the implementation: keccak256 of its canonical ABI (one sorted line per function,
    ///         event and error, no parameter names: the SDK's `abiFingerprint`), a constant generated from the
    ///         artifacts into `AbiIds` (`npm run sdk:abis`; a test fails when it drifts). KeelUpgrader's
    ///         `ModuleUpgraded` carries it before and after, and the SDK picks the ABI whose fingerprint it is.
    function abiId() external view returns (bytes32);

    /// @notice A hash of the module's key state (balances, totals, indexes, configuration, wiring). An upgrade must
    ///         not change it.
    function stateDigest() external view returns (bytes32);

    /// @notice The contract's initialized version (OpenZeppelin Initializable). Called on an implementation it must
    ///         be type(uint64).max: initializers disabled, nobody can take the implementation over.
    function initializedVersion() external view returns (uint64);

    /// @notice The ERC-1967 implementation behind this proxy (read from the proxy's own slot).
    function implementation() external view returns (address);
}
