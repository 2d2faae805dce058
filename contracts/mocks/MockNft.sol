// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title MockNft
/// @notice ERC-721 collection with a public faucet, collateral of the NFT spoke on development networks only.
contract MockNft is ERC721 {
    /// @notice The next id `mint` hands out.
    uint256 public nextId = 1;

    constructor(string memory name_, string memory symbol_) ERC721(name_, symbol_) {}

    /// @notice Mints the next item to `to`. Anyone may call it: this is a test collection.
    /// @return tokenId The id minted.
    function mint(address to) external returns (uint256 tokenId) {
        tokenId = nextId++;
        _mint(to, tokenId);
    }
}
