// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFlashLoanSimpleReceiver, IFlashLoanReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IPool} from "../interfaces/IPool.sol";

/// @title MockFlashReceiver
/// @notice Flash-loan receiver (simple and multi-asset) whose behaviour tests choose, recording what the pool passed.
///         It must hold enough tokens to pay premiums (tests mint them). Development networks only.
contract MockFlashReceiver is IFlashLoanSimpleReceiver, IFlashLoanReceiver {
    enum Behaviour {
        Repay, // approve amount + premium, return true
        ReturnFalse, // approve, but return false
        NoApprove, // return true without approving
        RepayShort, // approve one unit less than owed
        Nested, // start a second flash loan from the callback
        SupplyDuringCallback // supply 1 unit to the pool from the callback, then repay
    }

    IPool public immutable pool;
    Behaviour public behaviour;
    uint256 public calls;
    address public lastInitiator;
    bytes public lastParams;
    address[] public lastAssets;
    uint256[] public lastAmounts;
    uint256[] public lastPremiums;

    constructor(IPool pool_) {
        pool = pool_;
    }

    /// @notice Chooses what the next callbacks do.
    function setBehaviour(Behaviour b) external {
        behaviour = b;
    }

    /// @notice Number of assets recorded by the last callback.
    function lastCount() external view returns (uint256) {
        return lastAssets.length;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        _record(initiator, params);
        lastAssets.push(asset);
        lastAmounts.push(amount);
        lastPremiums.push(premium);
        return _handle(asset, amount + premium);
    }

    /// @inheritdoc IFlashLoanReceiver
    function executeOperation(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        _record(initiator, params);
        bool ok = true;
        for (uint256 i; i < assets.length; ++i) {
            lastAssets.push(assets[i]);
            lastAmounts.push(amounts[i]);
            lastPremiums.push(premiums[i]);
            ok = _handle(assets[i], amounts[i] + premiums[i]) && ok;
        }
        return ok;
    }

    function _record(address initiator, bytes calldata params) private {
        ++calls;
        lastInitiator = initiator;
        lastParams = params;
        delete lastAssets;
        delete lastAmounts;
        delete lastPremiums;
    }

    function _handle(address asset, uint256 owed) private returns (bool) {
        Behaviour b = behaviour;
        if (b == Behaviour.NoApprove) return true;
        if (b == Behaviour.Nested) pool.flashLoanSimple(address(this), asset, 1, "", 0);
        if (b == Behaviour.SupplyDuringCallback) {
            IERC20(asset).approve(address(pool), 1);
            pool.supply(asset, 1, address(this), 0);
        }
        IERC20(asset).approve(address(pool), b == Behaviour.RepayShort ? owed - 1 : owed);
        return b != Behaviour.ReturnFalse;
    }
}
