// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IConstantProductPair} from "../../interfaces/IConstantProductPair.sol";

/// @title NaiveVault
/// @notice A DELIBERATELY BROKEN minimal lending vault, used only by test/attacks/ to show that each exploit works
///         against a naive design before showing that it fails against Keel. Never deploy it. Its flaws, on purpose:
///         - ERC-4626-style shares priced from `balanceOf` (donations move the share price), no seed, no virtual
///           shares, every division rounded down whoever it favours (first-depositor / donation / rounding attacks);
///         - flash-loan fees paid straight into `balanceOf` (an empty vault's share price can be pumped);
///         - collateral priced at the AMM's spot price (flash-loan price manipulation);
///         - incoming transfers credited at the requested amount, not what arrived (fee-on-transfer tokens);
///         - no reentrancy guard, and `borrow` checks before it sends and records after (hook re-entry);
///         - no pause, no caps, no health factor other than `debt <= collateral value * LTV`.
contract NaiveVault {
    /// @notice Thrown when a borrow would leave more debt than the collateral allows.
    /// @param debt The debt the borrow would leave.
    /// @param limit The most the collateral allows.
    error NaiveVaultUndercollateralized(uint256 debt, uint256 limit);
    /// @notice Thrown when a flash loan is not repaid in full.
    /// @param balance The vault's balance after the loan.
    /// @param required The balance it needs back.
    error NaiveVaultFlashNotRepaid(uint256 balance, uint256 required);

    /// @notice The lent asset (shares are claims on it).
    IERC20 public immutable asset;
    /// @notice The collateral asset, priced in `asset` by `amm`'s spot reserves.
    IERC20 public immutable collateral;
    /// @notice The constant-product pair asset/collateral used as the price source.
    IConstantProductPair public immutable amm;
    /// @notice Loan-to-value, bps.
    uint256 public constant LTV_BPS = 8000;
    /// @notice Flash-loan fee, bps.
    uint256 public constant FLASH_FEE_BPS = 9;

    uint256 public totalShares;
    uint256 public totalBorrows;
    mapping(address => uint256) public sharesOf;
    mapping(address => uint256) public collateralOf;
    mapping(address => uint256) public debtOf;

    constructor(IERC20 asset_, IERC20 collateral_, IConstantProductPair amm_) {
        asset = asset_;
        collateral = collateral_;
        amm = amm_;
    }

    /// @notice Assets the shares are worth: the vault's balance plus what is lent out (a donation counts).
    function totalAssets() public view returns (uint256) {
        return asset.balanceOf(address(this)) + totalBorrows;
    }

    /// @notice Deposits `assets`, minting `assets * totalShares / totalAssets` shares, rounded down (can be zero).
    function deposit(uint256 assets) external returns (uint256 shares) {
        shares = totalShares == 0 ? assets : (assets * totalShares) / totalAssets();
        asset.transferFrom(msg.sender, address(this), assets);
        sharesOf[msg.sender] += shares;
        totalShares += shares;
    }

    /// @notice Burns `shares` for their assets, rounded down.
    function redeem(uint256 shares) external returns (uint256 assets) {
        assets = (shares * totalAssets()) / totalShares;
        sharesOf[msg.sender] -= shares;
        totalShares -= shares;
        asset.transfer(msg.sender, assets);
    }

    /// @notice Withdraws `assets`, burning `assets * totalShares / totalAssets` shares: rounded DOWN, the withdrawer's
    ///         way (the Hundred/Radiant rounding bug: at a high share price this burns zero shares).
    function withdraw(uint256 assets) external returns (uint256 shares) {
        shares = (assets * totalShares) / totalAssets();
        sharesOf[msg.sender] -= shares;
        totalShares -= shares;
        asset.transfer(msg.sender, assets);
    }

    /// @notice Adds collateral, credited at the requested amount (not what arrived).
    function depositCollateral(uint256 amount) external {
        collateral.transferFrom(msg.sender, address(this), amount);
        collateralOf[msg.sender] += amount;
    }

    /// @notice Collateral value of `user` in asset units at the AMM's spot price.
    function collateralValue(address user) public view returns (uint256) {
        (uint256 r0, uint256 r1) = amm.getReserves();
        (uint256 rAsset, uint256 rCol) = amm.token0() == address(asset) ? (r0, r1) : (r1, r0);
        return (collateralOf[user] * rAsset) / rCol;
    }

    /// @notice Borrows `amount`: checks, then sends (a hook may re-enter here), then records the debt.
    function borrow(uint256 amount) external {
        uint256 limit = (collateralValue(msg.sender) * LTV_BPS) / 10_000;
        if (debtOf[msg.sender] + amount > limit)
            revert NaiveVaultUndercollateralized(debtOf[msg.sender] + amount, limit);
        asset.transfer(msg.sender, amount);
        // The reentrancy below is the point of this mock (test/attacks/reentrancy.ts exploits it).
        // solhint-disable-next-line reentrancy
        debtOf[msg.sender] += amount;
        // solhint-disable-next-line reentrancy
        totalBorrows += amount;
    }

    /// @notice Repays `amount` of the caller's debt.
    function repay(uint256 amount) external {
        asset.transferFrom(msg.sender, address(this), amount);
        debtOf[msg.sender] -= amount;
        totalBorrows -= amount;
    }

    /// @notice Flash loan of `amount` to `receiver`, which must leave `amount + fee` in the vault; the fee raises
    ///         the share price of whoever holds shares.
    function flashLoan(address receiver, uint256 amount, bytes calldata data) external {
        uint256 required = asset.balanceOf(address(this)) + (amount * FLASH_FEE_BPS) / 10_000;
        asset.transfer(receiver, amount);
        INaiveFlashBorrower(receiver).onNaiveFlashLoan(msg.sender, amount, (amount * FLASH_FEE_BPS) / 10_000, data);
        uint256 balance = asset.balanceOf(address(this));
        if (balance < required) revert NaiveVaultFlashNotRepaid(balance, required);
    }
}

/// @notice Callback of `NaiveVault.flashLoan`: must transfer `amount + fee` back to the vault.
interface INaiveFlashBorrower {
    function onNaiveFlashLoan(address initiator, uint256 amount, uint256 fee, bytes calldata data) external;
}
