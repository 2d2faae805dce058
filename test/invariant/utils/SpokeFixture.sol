// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {Roles} from "../../../contracts/access/Roles.sol";
import {INftSpoke} from "../../../contracts/interfaces/INftSpoke.sol";
import {IRwaSpoke} from "../../../contracts/interfaces/IRwaSpoke.sol";
import {NftSpoke} from "../../../contracts/spokes/nft/NftSpoke.sol";
import {RwaSpoke} from "../../../contracts/spokes/rwa/RwaSpoke.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockNft} from "../../../contracts/mocks/MockNft.sol";
import {MockRwaToken} from "../../../contracts/mocks/MockRwaToken.sol";
import {PoolFixture} from "./PoolFixture.sol";
import {vm} from "./TestBase.sol";

/// @title SpokeFixture
/// @notice `PoolFixture` (hub + core Pool spoke) plus the NFT and RWA spokes on the same hub, the way the deployer's
///         spoke stages build them on a development network (deploy/spokes/nft.ts `deployNftSpoke` with
///         `devNftSpoke`, deploy/spokes/rwa.ts `deployRwaSpoke` with `devRwaSpoke`; a change there must be made here
///         too):
///         - NftSpoke behind an ERC1967Proxy (`initialize(manager, registry)`), its function roles of deploy/roles.ts,
///           `hub.addSpoke`, draw caps per borrow asset (no add cap: it never supplies) and `setBorrowAsset` for USDC
///           and WETH, then the collection KPUNK (MockNft, MockAggregator floor 20,000 USD, 8 decimals, heartbeat
///           1 day, LTV 40%, threshold 60%).
///         - RwaSpoke behind an ERC1967Proxy (`initialize(manager, registry, USDC)`), its function roles,
///           `hub.addSpoke`, its USDC draw cap, then TBILL (MockRwaToken, 6 decimals, issued by `ISSUER`; NAV feed
///           1.00 USD, 8 decimals) with the spoke on the token's allowlist and `listCollateral` with the dev
///           parameters (LTV 80%, threshold 85%, bonus 4%, NAV move 2%, heartbeat 1 day, grace 3 days, hard floor
///           0.95, account cap).
///         Beyond the deployer: a second collection KAPE (floor 5,000 USD, LTV 30%, threshold 50%) so the NFT spoke
///         values accounts over two feeds, and the caps are parameters (`SpokeCaps`), so a suite can tighten them
///         until the fuzzer reaches them. The mock issuer is `ISSUER` rather than the deployer, so a handler can
///         act as the issuer through `vm.prank`.
abstract contract SpokeFixture is PoolFixture {
    /// @dev The mock RWA token's issuer (allowlist, freezes, mints).
    address internal constant ISSUER = address(0x155E);
    /// @dev Dev floors (deploy/spokes/nft.ts `mockFloor`, and the extra KAPE), 8 decimals.
    uint256 internal constant PUNK_FLOOR = 20_000e8;
    uint256 internal constant APE_FLOOR = 5_000e8;
    /// @dev Dev NAV of one TBILL (deploy/spokes/rwa.ts `mockNav`), 8 decimals.
    uint256 internal constant TBILL_NAV = 1e8;
    uint8 internal constant TBILL_DECIMALS = 6;

    /// @notice Caps of the two spokes, whole tokens (the dev configuration's: `devSpokeCaps`).
    struct SpokeCaps {
        uint64 nftUsdcDraw;
        uint64 nftWethDraw;
        uint64 rwaUsdcDraw;
        uint64 rwaAccountCap;
    }

    NftSpoke internal nftSpoke;
    RwaSpoke internal rwaSpoke;
    MockNft internal punks;
    MockNft internal apes;
    MockAggregator internal punkFloor;
    MockAggregator internal apeFloor;
    MockRwaToken internal tbill;
    MockAggregator internal tbillNav;

    /// @dev The dev caps: NFT spoke 1,000,000 USDC and 500 WETH, RWA spoke 5,000,000 USDC and 10,000,000 TBILL per
    ///      account.
    function _devSpokeCaps() internal pure returns (SpokeCaps memory) {
        return SpokeCaps({nftUsdcDraw: 1_000_000, nftWethDraw: 500, rwaUsdcDraw: 5_000_000, rwaAccountCap: 10_000_000});
    }

    /// @dev `_deployPool()`, then both spokes with `caps`.
    function _deploySpokes(SpokeCaps memory caps) internal {
        _deployPool();
        _deployNftSpoke(caps);
        _deployRwaSpoke(caps);
    }

    function _deployNftSpoke(SpokeCaps memory caps) private {
        nftSpoke = NftSpoke(
            address(
                new ERC1967Proxy(
                    address(new NftSpoke()),
                    abi.encodeCall(NftSpoke.initialize, (address(manager), address(registry)))
                )
            )
        );
        _mapNftRoles();
        hub.addSpoke(address(nftSpoke));
        hub.setSpokeCaps(address(nftSpoke), address(usdc), 0, caps.nftUsdcDraw);
        nftSpoke.setBorrowAsset(address(usdc), true);
        hub.setSpokeCaps(address(nftSpoke), address(weth), 0, caps.nftWethDraw);
        nftSpoke.setBorrowAsset(address(weth), true);
        (punks, punkFloor) = _listCollection("Keel Punks", "KPUNK", PUNK_FLOOR, 4000, 6000);
        (apes, apeFloor) = _listCollection("Keel Apes", "KAPE", APE_FLOOR, 3000, 5000);
        vm.label(address(nftSpoke), "NftSpoke");
    }

    function _listCollection(
        string memory name,
        string memory symbol,
        uint256 floor,
        uint16 ltv,
        uint16 threshold
    ) private returns (MockNft collection, MockAggregator feed) {
        collection = new MockNft(name, symbol);
        feed = new MockAggregator(8, int256(floor), string.concat(symbol, " floor / USD"));
        nftSpoke.listCollection(address(collection), address(feed), HEARTBEAT, ltv, threshold);
        vm.label(address(collection), symbol);
    }

    function _deployRwaSpoke(SpokeCaps memory caps) private {
        rwaSpoke = RwaSpoke(
            address(
                new ERC1967Proxy(
                    address(new RwaSpoke()),
                    abi.encodeCall(RwaSpoke.initialize, (address(manager), address(registry), address(usdc)))
                )
            )
        );
        _mapRwaRoles();
        hub.addSpoke(address(rwaSpoke));
        hub.setSpokeCaps(address(rwaSpoke), address(usdc), 0, caps.rwaUsdcDraw);
        tbill = new MockRwaToken("Mock Tokenised T-Bill", "TBILL", TBILL_DECIMALS, ISSUER);
        tbillNav = new MockAggregator(8, int256(TBILL_NAV), "TBILL NAV / USD");
        vm.prank(ISSUER);
        tbill.setAllowed(address(rwaSpoke), true);
        rwaSpoke.listCollateral(address(tbill), address(tbillNav), false, _tbillParams(caps.rwaAccountCap));
        vm.label(address(rwaSpoke), "RwaSpoke");
        vm.label(address(tbill), "TBILL");
    }

    /// @dev `devRwaSpoke.collaterals[0].params` (deploy/spokes/rwa.ts) with the account cap given.
    function _tbillParams(uint64 accountCap) internal pure returns (IRwaSpoke.CollateralParams memory) {
        return
            IRwaSpoke.CollateralParams({
                ltv: 8000,
                liquidationThreshold: 8500,
                liquidationBonus: 10400,
                maxNavMoveBps: 200,
                heartbeat: HEARTBEAT,
                gracePeriod: 3 days,
                hardFloorBps: 9500,
                accountCap: accountCap
            });
    }

    /// @dev `FunctionRoles.NftSpoke` of deploy/roles.ts.
    function _mapNftRoles() private {
        bytes4[] memory risk = new bytes4[](4);
        risk[0] = INftSpoke.setCollectionRisk.selector;
        risk[1] = INftSpoke.setFloorBounds.selector;
        risk[2] = INftSpoke.setTokenPremium.selector;
        risk[3] = INftSpoke.setAuctionConfig.selector;
        manager.setTargetFunctionRole(address(nftSpoke), risk, Roles.RISK_ADMIN_ROLE);
        bytes4[] memory guardian = new bytes4[](1);
        guardian[0] = INftSpoke.freezeCollection.selector;
        manager.setTargetFunctionRole(address(nftSpoke), guardian, Roles.GUARDIAN_ROLE);
        _mapSpokeUpgrade(address(nftSpoke));
    }

    /// @dev `FunctionRoles.RwaSpoke` of deploy/roles.ts.
    function _mapRwaRoles() private {
        bytes4[] memory risk = new bytes4[](2);
        risk[0] = IRwaSpoke.setCollateralParams.selector;
        risk[1] = IRwaSpoke.acceptNav.selector;
        manager.setTargetFunctionRole(address(rwaSpoke), risk, Roles.RISK_ADMIN_ROLE);
        _mapSpokeUpgrade(address(rwaSpoke));
    }

    function _mapSpokeUpgrade(address target) private {
        bytes4[] memory upgrade = new bytes4[](1);
        upgrade[0] = UPGRADE_TO_AND_CALL;
        manager.setTargetFunctionRole(target, upgrade, Roles.UPGRADER_ROLE);
    }
}
