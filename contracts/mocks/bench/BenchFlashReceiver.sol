// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMorpho} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

/// @title BenchFlashReceiver
/// @notice Minimal flash-loan borrower for the gas benchmark: it does nothing with the funds and approves the lender
///         for repayment inside the callback, as a real receiver would. Serves Aave V3 (`flashLoanSimple`,
///         `flashLoan`) and Morpho Blue (`flashLoan`). Fund it with the premium beforehand.
/// @dev Approving per loan (rather than once, unlimited) keeps the approval cost inside the measured transaction,
///      the same for every protocol.
contract BenchFlashReceiver {
    /// @notice Aave V3 IFlashLoanSimpleReceiver callback: approves `amount + premium` to the pool (msg.sender).
    /// @param asset Borrowed asset.
    /// @param amount Borrowed amount, asset units.
    /// @param premium Fee owed, asset units.
    /// @return Always true (Aave's success flag).
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata
    ) external returns (bool) {
        IERC20(asset).approve(msg.sender, amount + premium);
        return true;
    }

    /// @notice Aave V3 IFlashLoanReceiver callback: approves each `amounts[i] + premiums[i]` to the pool.
    /// @param assets Borrowed assets.
    /// @param amounts Borrowed amounts, asset units.
    /// @param premiums Fees owed, asset units.
    /// @return Always true (Aave's success flag).
    function executeOperation(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        address,
        bytes calldata
    ) external returns (bool) {
        for (uint256 i; i < assets.length; ++i) {
            IERC20(assets[i]).approve(msg.sender, amounts[i] + premiums[i]);
        }
        return true;
    }

    /// @notice Takes a Morpho Blue flash loan: Morpho calls back the borrower itself (msg.sender), so the loan must
    ///         start here.
    /// @param morpho Morpho Blue instance.
    /// @param token Borrowed token.
    /// @param assets Borrowed amount, token units.
    function morphoFlashLoan(IMorpho morpho, address token, uint256 assets) external {
        morpho.flashLoan(token, assets, abi.encode(token));
    }

    /// @notice Morpho Blue IMorphoFlashLoanCallback: approves `assets` of the token encoded in `data` to Morpho.
    /// @param assets Borrowed amount, token units.
    /// @param data abi.encode(token).
    function onMorphoFlashLoan(uint256 assets, bytes calldata data) external {
        IERC20(abi.decode(data, (address))).approve(msg.sender, assets);
    }
}
