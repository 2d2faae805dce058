// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IPoolAdmin} from "../interfaces/IPoolAdmin.sol";
import {IFlashLoanReceiver, IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";

/// @title FlashAttackReceiver
/// @notice Flash-loan receiver that misbehaves on purpose, one `Mode` at a time, for the flash-loan safety suite
///         (test/attacks/flashloan-safety.ts). Development networks only.
contract FlashAttackReceiver is IFlashLoanSimpleReceiver, IFlashLoanReceiver {
    using SafeERC20 for IERC20;

    /// @notice What the callback does with the loan.
    enum Mode {
        Honest, // approve amount + premium (fund the premium first)
        SupplyWithdrawNoRepay, // supply the loan as own, withdraw it to `beneficiary`, repay nothing
        SupplyKeepPosition, // supply the loan as own, keep the position, approve amount + premium
        SupplyWithdrawRepay, // supply the loan as own, withdraw it back, repay honestly
        RepayViaSupply, // "repay" by supplying amount + premium to the pool, no approval
        RepayViaTransfer, // "repay" by a plain transfer of amount + premium to the pool, no approval
        NestedSimple, // start another flashLoanSimple inside the callback
        NestedMulti, // start another multi-asset flashLoan inside the callback
        NestedLender, // start an ERC-3156 loan through `lender` inside the callback
        PausePool, // pause the whole pool (this contract is a guardian), then repay honestly
        PauseFlashLoans, // pause flash loans, then repay honestly
        PauseReserve, // pause the borrowed reserve, then repay honestly
        ApproveEachOverwriting // multi-asset: forceApprove amounts[i] + premiums[i] per entry (duplicates overwrite)
    }

    IPool public immutable POOL;
    Mode public mode;
    address public beneficiary;
    address public lender;

    constructor(IPool pool) {
        POOL = pool;
    }

    function setMode(Mode m) external {
        mode = m;
    }

    function setBeneficiary(address b) external {
        beneficiary = b;
    }

    function setLender(address lender_) external {
        lender = lender_;
    }

    function start(address asset, uint256 amount) external {
        POOL.flashLoanSimple(address(this), asset, amount, "", 0);
    }

    function startMulti(address[] calldata assets, uint256[] calldata amounts, uint256[] calldata modes) external {
        POOL.flashLoan(address(this), assets, amounts, modes, address(this), "", 0);
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata
    ) external returns (bool) {
        require(msg.sender == address(POOL), "only pool");
        _act(asset, amount, premium);
        return true;
    }

    /// @inheritdoc IFlashLoanReceiver
    function executeOperation(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        address,
        bytes calldata
    ) external returns (bool) {
        require(msg.sender == address(POOL), "only pool");
        if (mode == Mode.ApproveEachOverwriting) {
            for (uint256 i; i < assets.length; ++i)
                IERC20(assets[i]).forceApprove(address(POOL), amounts[i] + premiums[i]);
            return true;
        }
        if (mode == Mode.Honest) {
            // Cumulative allowance: the same asset may appear several times and each entry is pulled separately.
            for (uint256 i; i < assets.length; ++i) IERC20(assets[i]).forceApprove(address(POOL), 0);
            for (uint256 i; i < assets.length; ++i) {
                IERC20(assets[i]).safeIncreaseAllowance(address(POOL), amounts[i] + premiums[i]);
            }
            return true;
        }
        _act(assets[0], amounts[0], premiums[0]);
        return true;
    }

    function _act(address asset, uint256 amount, uint256 premium) private {
        Mode m = mode;
        if (m == Mode.SupplyWithdrawNoRepay) {
            _supply(asset, amount);
            POOL.withdraw(asset, amount, beneficiary);
        } else if (m == Mode.SupplyKeepPosition) {
            _supply(asset, amount);
            _approve(asset, amount + premium);
        } else if (m == Mode.SupplyWithdrawRepay) {
            _supply(asset, amount);
            POOL.withdraw(asset, amount, address(this));
            _approve(asset, amount + premium);
        } else if (m == Mode.RepayViaSupply) {
            _supply(asset, amount + premium);
            IERC20(asset).forceApprove(address(POOL), 0);
        } else if (m == Mode.RepayViaTransfer) {
            IERC20(asset).safeTransfer(address(POOL), amount + premium);
        } else if (m == Mode.NestedSimple) {
            POOL.flashLoanSimple(address(this), asset, 1, "", 0);
        } else if (m == Mode.NestedMulti) {
            address[] memory a = new address[](1);
            uint256[] memory n = new uint256[](1);
            uint256[] memory z = new uint256[](1);
            (a[0], n[0]) = (asset, 1);
            POOL.flashLoan(address(this), a, n, z, address(this), "", 0);
        } else if (m == Mode.NestedLender) {
            IERC3156FlashLender(lender).flashLoan(IERC3156FlashBorrower(address(this)), asset, 1, "");
        } else if (m == Mode.PausePool) {
            IPoolAdmin(address(POOL)).pause();
            _approve(asset, amount + premium);
        } else if (m == Mode.PauseFlashLoans) {
            IPoolAdmin(address(POOL)).pauseFlashLoans();
            _approve(asset, amount + premium);
        } else if (m == Mode.PauseReserve) {
            IPoolAdmin(address(POOL)).pauseReserve(asset);
            _approve(asset, amount + premium);
        } else {
            _approve(asset, amount + premium);
        }
    }

    function _supply(address asset, uint256 amount) private {
        IERC20(asset).forceApprove(address(POOL), amount);
        POOL.supply(asset, amount, address(this), 0);
    }

    function _approve(address asset, uint256 amount) private {
        IERC20(asset).forceApprove(address(POOL), amount);
    }
}
