// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";

import {IHubFacilitator} from "../interfaces/IHubFacilitator.sol";
import {ILiquidityHub} from "../interfaces/ILiquidityHub.sol";
import {ISynthToken} from "../interfaces/ISynthToken.sol";

/// @title HubFacilitator
/// @notice Mints a SynthToken (kUSD, kXAU) into the LiquidityHub and burns it back. See IHubFacilitator.
/// @dev Not upgradeable, as the PSM: its only state is its hub shares and its bucket level, both kept by other
///      contracts; the DAO replaces it by registering a new one and winding this one down (cap zero, burn idle).
/// @custom:security-contact security@keel.example
contract HubFacilitator is IHubFacilitator, AccessManaged {
    ISynthToken private immutable _token;
    ILiquidityHub private immutable _hub;

    /// @param token_ The SynthToken (this contract must be registered as its facilitator).
    /// @param hub_ The LiquidityHub (this contract must be its spoke, with an add cap in the token).
    /// @param authority The DAO's AccessManager.
    constructor(address token_, address hub_, address authority) AccessManaged(authority) {
        if (token_ == address(0) || hub_ == address(0)) revert FacilitatorZeroInput();
        _token = ISynthToken(token_);
        _hub = ILiquidityHub(hub_);
    }

    /// @inheritdoc IHubFacilitator
    function mintToHub(uint256 amount) external restricted returns (uint256 shares) {
        if (amount == 0) revert FacilitatorZeroInput();
        _token.mint(address(_hub), amount); // the hub checks the tokens arrived against its books
        (shares, , ) = _hub.add(address(_token), amount);
        emit MintedToHub(amount, shares);
    }

    /// @inheritdoc IHubFacilitator
    function burnFromHub(uint256 amount) external restricted returns (uint256 burned) {
        if (amount == 0) revert FacilitatorZeroInput();
        uint256 held = _hub.getSpokeAsset(address(this), address(_token)).shares;
        uint256 shares;
        (shares, burned, ) = _hub.remove(address(_token), amount, held, address(this));
        _token.burn(burned);
        emit BurnedFromHub(burned, shares);
    }

    /// @inheritdoc IHubFacilitator
    function hubBalance() external view returns (uint256 supplied) {
        (supplied, ) = _hub.spokeBalances(address(this), address(_token));
    }

    /// @inheritdoc IHubFacilitator
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IHubFacilitator
    function hub() external view returns (address) {
        return address(_hub);
    }
}
