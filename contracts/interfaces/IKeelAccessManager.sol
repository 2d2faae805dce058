// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelAccessManager
/// @notice Keel's additions to OpenZeppelin's AccessManager (whose own functions, events and errors keep their names).
interface IKeelAccessManager {
    /// @notice Thrown when revoking or renouncing ADMIN_ROLE from `account` would leave nobody holding it: the system
    ///         could then never be unpaused, listed, re-permissioned or upgraded again.
    /// @param account The last ADMIN_ROLE holder.
    error KeelAccessManagerLastAdmin(address account);

    /// @notice The number of accounts holding ADMIN_ROLE (granted and not revoked, including grants still waiting for
    ///         their grant delay). Never zero.
    function adminCount() external view returns (uint256);
}
