// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockCreate2Factory
/// @notice Deploys init code with CREATE2 at a predictable address: used to show the timelock's code pinning stops a
///         call whose target gained different code after scheduling. Development networks only.
contract MockCreate2Factory {
    /// @notice Emitted on each deployment.
    event Deployed(address indexed deployed, bytes32 salt);
    /// @notice CREATE2 failed.
    error MockCreate2FactoryFailed();

    /// @notice Deploys `initCode` with `salt`.
    function deploy(bytes32 salt, bytes memory initCode) external returns (address deployed) {
        assembly {
            deployed := create2(0, add(initCode, 0x20), mload(initCode), salt)
        }
        if (deployed == address(0)) revert MockCreate2FactoryFailed();
        emit Deployed(deployed, salt);
    }

    /// @notice The address `deploy(salt, initCode)` would produce.
    function computeAddress(bytes32 salt, bytes calldata initCode) external view returns (address) {
        return
            address(
                uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, keccak256(initCode)))))
            );
    }
}
