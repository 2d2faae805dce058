// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";

/// @title TokenLogic
/// @notice Token movements of the core spoke. The spoke never holds tokens: users approve the spoke (as they approve
///         an Aave pool) and it moves their tokens straight into the hub, which checks it received them in full (a
///         fee-on-transfer or rebasing token is refused with `HubTokensNotReceived`, so it can never corrupt the
///         books). Outgoing tokens are sent by the hub.
library TokenLogic {
    using SafeERC20 for IERC20;

    /// @notice Moves `amount` of `asset` from `from` into `hub_` (the hub then checks what it received).
    function pullToHub(ILiquidityHub hub_, address asset, address from, uint256 amount) internal {
        IERC20(asset).safeTransferFrom(from, address(hub_), amount);
    }
}
