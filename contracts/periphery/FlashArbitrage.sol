// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IFlashArbitrage} from "../interfaces/IFlashArbitrage.sol";
import {IConstantProductPair} from "../interfaces/IConstantProductPair.sol";

/// @title FlashArbitrage
/// @notice Example flash-loan user: buys on the cheaper of two constant-product pools, sells on the other, repays the
///         Keel pool and sends the profit to the caller. Reverts when the round trip does not pay.
/// @dev Which pool is "cheaper" is decided by quoting `amount` on both: the one that gives more of the other token
///      for it. Stateless between transactions.
contract FlashArbitrage is IFlashArbitrage, IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFlashArbitrage
    address public immutable POOL;

    /// @dev What the callback needs, passed through the pool as `params`.
    struct Route {
        IConstantProductPair buy;
        IConstantProductPair sell;
        address other;
        uint256 minProfit;
    }

    uint256 private transient _profit;
    uint256 private transient _premium;

    /// @param pool The Keel pool.
    constructor(address pool) {
        POOL = pool;
    }

    /// @inheritdoc IFlashArbitrage
    function arbitrage(
        address borrowAsset,
        IConstantProductPair pairA,
        IConstantProductPair pairB,
        uint256 amount,
        uint256 minProfit
    ) external returns (uint256 profit) {
        address other = _otherToken(pairA, borrowAsset);
        if (pairA == pairB || _otherToken(pairB, borrowAsset) != other) {
            revert FlashArbitrageInvalidPairs(address(pairA), address(pairB));
        }
        (IConstantProductPair buy, IConstantProductPair sell) = pairA.getAmountOut(borrowAsset, amount) >=
            pairB.getAmountOut(borrowAsset, amount)
            ? (pairA, pairB)
            : (pairB, pairA);

        IPool(POOL).flashLoanSimple(
            address(this),
            borrowAsset,
            amount,
            abi.encode(Route(buy, sell, other, minProfit)),
            0
        );

        profit = _profit;
        IERC20(borrowAsset).safeTransfer(msg.sender, profit);
        emit Arbitraged(msg.sender, borrowAsset, address(buy), address(sell), amount, _premium, profit);
    }

    /// @notice Pool callback: buy, sell, check the profit, approve the repayment.
    /// @dev Only the pool, and only for a loan this contract started.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        if (msg.sender != POOL || initiator != address(this)) {
            revert FlashArbitrageUntrustedCallback(msg.sender, initiator);
        }
        Route memory route = abi.decode(params, (Route));

        IERC20(asset).forceApprove(address(route.buy), amount);
        uint256 bought = route.buy.swapExactIn(asset, amount, 0, address(this));
        IERC20(route.other).forceApprove(address(route.sell), bought);
        uint256 back = route.sell.swapExactIn(route.other, bought, 0, address(this));

        uint256 owed = amount + premium;
        if (back < owed + route.minProfit) revert FlashArbitrageUnprofitable(back, owed, route.minProfit);
        IERC20(asset).forceApprove(POOL, owed);
        (_profit, _premium) = (back - owed, premium);
        return true;
    }

    function _otherToken(IConstantProductPair pair, address token) private view returns (address) {
        address t0 = pair.token0();
        address t1 = pair.token1();
        if (t0 == token) return t1;
        if (t1 == token) return t0;
        revert FlashArbitrageInvalidPairs(address(pair), address(0));
    }
}
