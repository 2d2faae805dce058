// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {INaiveFlashBorrower, NaiveVault} from "./NaiveVault.sol";

/// @title FlashCallAttacker
/// @notice Test-only attacker: runs a scripted list of calls, either directly or inside a flash-loan callback (from
///         a NaiveVault, from Keel's pool, or from an ERC-3156 lender), recording each call's success and return
///         data. Scripts are built off-chain, so one contract plays every attack in test/attacks/; recorded return
///         data of view calls made mid-callback is how the read-only-reentrancy test sees what views return then.
contract FlashCallAttacker is INaiveFlashBorrower, IERC3156FlashBorrower {
    struct Call {
        address target;
        bytes data;
        bool mustSucceed; // bubble the revert instead of recording it
    }

    struct Result {
        bool ok;
        bytes data;
    }

    Call[] private _script;
    Result[] private _results;

    /// @notice Replaces the script.
    function setScript(Call[] calldata script) external {
        delete _script;
        for (uint256 i; i < script.length; ++i) _script.push(script[i]);
    }

    /// @notice Number of recorded results of the last run.
    function resultCount() external view returns (uint256) {
        return _results.length;
    }

    /// @notice Result `i` of the last run.
    function result(uint256 i) external view returns (bool ok, bytes memory data) {
        Result storage r = _results[i];
        return (r.ok, r.data);
    }

    /// @notice Runs the script without a flash loan.
    function run() external {
        _run();
    }

    /// @notice Flash-borrows `amount` from a NaiveVault, runs the script, returns amount + fee.
    function startNaive(NaiveVault vault, uint256 amount) external {
        vault.flashLoan(address(this), amount, "");
    }

    /// @inheritdoc INaiveFlashBorrower
    function onNaiveFlashLoan(address, uint256 amount, uint256 fee, bytes calldata) external {
        _run();
        NaiveVault(msg.sender).asset().transfer(msg.sender, amount + fee);
    }

    /// @notice Flash-borrows `amount` of `asset` from Keel's pool (flashLoanSimple), runs the script, repays.
    function startKeel(IPool pool, address asset, uint256 amount) external {
        pool.flashLoanSimple(address(this), asset, amount, "", 0);
    }

    /// @notice Aave-style simple flash-loan callback.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata
    ) external returns (bool) {
        _run();
        IERC20(asset).approve(msg.sender, amount + premium);
        return true;
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        _run();
        IERC20(token).approve(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    function _run() private {
        delete _results;
        for (uint256 i; i < _script.length; ++i) {
            Call storage c = _script[i];
            (bool ok, bytes memory ret) = c.target.call(c.data);
            if (!ok && c.mustSucceed) {
                assembly {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
            _results.push(Result(ok, ret));
        }
    }
}
