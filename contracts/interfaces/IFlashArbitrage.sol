// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IConstantProductPair} from "./IConstantProductPair.sol";

/// @title IFlashArbitrage
/// @notice Example: arbitrage between two constant-product pools of the same pair with a Keel flash loan. Borrows
///         `amount` of one token, buys the other on the pool where it is cheaper, sells it on the other, repays the
///         loan plus premium and sends the profit to the caller.
interface IFlashArbitrage {
    /// @notice The pool called back for a loan this contract did not start, or someone else called back.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the pool reports it.
    error FlashArbitrageUntrustedCallback(address caller, address initiator);
    /// @notice The round trip gives less than the loan plus premium plus `minProfit`.
    /// @param amountBack The borrowed asset the round trip returns.
    /// @param owed The loan plus its premium.
    /// @param minProfit The caller's minimum profit.
    error FlashArbitrageUnprofitable(uint256 amountBack, uint256 owed, uint256 minProfit);
    /// @notice The two pools do not both trade `borrowAsset` against the same other token, or are the same pool.
    /// @param pairA The pool the loan is sold into.
    /// @param pairB The pool it is bought back from.
    error FlashArbitrageInvalidPairs(address pairA, address pairB);

    /// @notice An arbitrage: bought on `buyPair`, sold on `sellPair`; `profit` in `borrowAsset` units went to `caller`.
    event Arbitraged(
        address indexed caller,
        address indexed borrowAsset,
        address buyPair,
        address sellPair,
        uint256 amount,
        uint256 premium,
        uint256 profit
    );

    /// @notice Runs the arbitrage with a flash loan of `amount` of `borrowAsset`.
    /// @param borrowAsset Token borrowed and finally received as profit.
    /// @param pairA One pool of the pair.
    /// @param pairB The other pool of the same pair.
    /// @param amount Units of `borrowAsset` borrowed.
    /// @param minProfit Units of `borrowAsset` the caller must at least receive.
    /// @return profit Units of `borrowAsset` sent to the caller.
    function arbitrage(
        address borrowAsset,
        IConstantProductPair pairA,
        IConstantProductPair pairB,
        uint256 amount,
        uint256 minProfit
    ) external returns (uint256 profit);

    /// @notice The pool this contract works with.
    function POOL() external view returns (address);
}
