// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ILiquidityHub, ISpokeFlashCallback} from "../interfaces/ILiquidityHub.sol";

/// @title MaliciousSpoke
/// @notice Test double of a spoke gone bad (issue 11, "blast radius, proven"): registered with the hub and given caps
///         like any spoke, it tries every way to take more than its caps: drawing past the draw cap, drawing again
///         after writing its debt off, removing shares it does not hold, adding and restoring tokens it never sent,
///         keeping or recycling flash-loaned tokens, drawing in place outside a flash loan and re-entering the hub
///         from its flash callback. Every action is open to anyone (it is a test double: the test is the attacker).
contract MaliciousSpoke is ISpokeFlashCallback, IERC3156FlashBorrower {
    /// @notice What the spoke does in its flash-loan callback.
    enum Play {
        Repay, // sends every loaned amount plus its premium back (honest)
        Keep, // keeps the loaned tokens
        AddLoaned, // sends the loaned tokens back and `add`s them as its own supply
        RestoreLoaned, // sends the loaned tokens back and `restore`s its debt with them
        DrawInPlaceBeyond, // draws in place more than is out on the loan
        HubFlashLoan, // starts the hub's own ERC-3156 flash loan
        SpokeFlashAgain, // starts a second spoke flash loan
        RemoveLoaned // removes (withdraws) its supply while the hub's cash is out on the loan
    }

    /// @notice The hub this spoke attacks.
    ILiquidityHub public immutable hub;

    /// @param hub_ The hub.
    constructor(ILiquidityHub hub_) {
        hub = hub_;
    }

    /* ============================== PLAIN HUB CALLS ============================== */

    /// @notice `hub.draw(asset, amount, to)`: `to == hub` draws in place.
    function draw(address asset, uint256 amount, address to) external returns (uint256 drawnShares) {
        (drawnShares, , , ) = hub.draw(asset, amount, to);
    }

    /// @notice `hub.add(asset, amount)` after sending `sent` of this contract's tokens to the hub (zero: nothing sent).
    function add(address asset, uint256 sent, uint256 amount) external returns (uint256 shares) {
        if (sent != 0) IERC20(asset).transfer(address(hub), sent);
        (shares, , ) = hub.add(asset, amount);
    }

    /// @notice `hub.remove(asset, amount, maxShares, to)`.
    function remove(address asset, uint256 amount, uint256 maxShares, address to) external returns (uint256 amount_) {
        (, amount_, ) = hub.remove(asset, amount, maxShares, to);
    }

    /// @notice `hub.restore(asset, amount, maxDrawnShares)` after sending `sent` of this contract's tokens to the hub.
    function restore(address asset, uint256 sent, uint256 amount, uint256 maxDrawnShares) external returns (uint256) {
        if (sent != 0) IERC20(asset).transfer(address(hub), sent);
        return hub.restore(asset, amount, maxDrawnShares);
    }

    /// @notice `hub.reportDeficit(asset, drawnShares, coverShares)`: defaults on its own debt.
    function reportDeficit(
        address asset,
        uint256 drawnShares,
        uint256 coverShares
    ) external returns (uint256 covered, uint256 socialised) {
        (covered, socialised, , ) = hub.reportDeficit(asset, drawnShares, coverShares);
    }

    /// @notice In one transaction: draws `amount` to itself, writes all of its debt off as a deficit, and repeats
    ///         `rounds` times (the draw-default-draw loop the draw cap must stop).
    function drawDefaultLoop(address asset, uint256 amount, uint256 rounds) external {
        for (uint256 i; i < rounds; ++i) {
            hub.draw(asset, amount, address(this));
            hub.reportDeficit(asset, hub.getSpokeAsset(address(this), asset).drawnShares, 0);
        }
    }

    /// @notice Sends `amount` of this contract's `asset` to `to` (what it took, to the test's attacker).
    function sweep(address asset, address to, uint256 amount) external {
        IERC20(asset).transfer(to, amount);
    }

    /* ============================== FLASH LOANS ============================== */

    /// @notice `hub.spokeFlashLoan` of `amount` `asset` with `premium`, received by this contract, playing `play` in
    ///         the callback (`arg`: the amount drawn in place, or the supply shares removed).
    function flash(address asset, uint256 amount, uint256 premium, Play play, uint256 arg) external {
        address[] memory assets = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        uint256[] memory premiums = new uint256[](1);
        (assets[0], amounts[0], premiums[0]) = (asset, amount, premium);
        hub.spokeFlashLoan(
            assets,
            amounts,
            premiums,
            0,
            address(this),
            abi.encode(assets, amounts, premiums, play, arg)
        );
    }

    /// @notice `hub.flashLoan` (ERC-3156) with this contract as the borrower; in `onFlashLoan` it tries to draw
    ///         `drawInPlace` in place (zero: it does not) and approves the repayment.
    function erc3156(address asset, uint256 amount, uint256 drawInPlace) external {
        hub.flashLoan(this, asset, amount, abi.encode(drawInPlace));
    }

    /// @inheritdoc ISpokeFlashCallback
    function onHubFlashLoan(bytes calldata data) external {
        (address[] memory assets, uint256[] memory amounts, uint256[] memory premiums, Play play, uint256 arg) = abi
            .decode(data, (address[], uint256[], uint256[], Play, uint256));
        address asset = assets[0];
        if (play == Play.Repay) {
            for (uint256 i; i < assets.length; ++i) {
                IERC20(assets[i]).transfer(address(hub), amounts[i] + premiums[i]);
            }
        } else if (play == Play.AddLoaned) {
            IERC20(asset).transfer(address(hub), amounts[0]);
            hub.add(asset, amounts[0]);
        } else if (play == Play.RestoreLoaned) {
            IERC20(asset).transfer(address(hub), amounts[0]);
            hub.restore(asset, amounts[0], hub.getSpokeAsset(address(this), asset).drawnShares);
        } else if (play == Play.DrawInPlaceBeyond) {
            hub.draw(asset, arg, address(hub));
        } else if (play == Play.HubFlashLoan) {
            hub.flashLoan(this, asset, amounts[0], abi.encode(uint256(0)));
        } else if (play == Play.SpokeFlashAgain) {
            hub.spokeFlashLoan(assets, amounts, premiums, 0, address(this), data);
        } else if (play == Play.RemoveLoaned) {
            hub.remove(asset, type(uint256).max, arg, address(this));
        }
        // Play.Keep: nothing comes back.
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        uint256 drawInPlace = abi.decode(data, (uint256));
        if (drawInPlace != 0) hub.draw(token, drawInPlace, address(hub));
        IERC20(token).approve(address(hub), amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
