// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {Pool} from "../../../contracts/pool/Pool.sol";
import {KToken} from "../../../contracts/pool/KToken.sol";
import {DataTypes, ReserveFlags} from "../../../contracts/libraries/types/DataTypes.sol";
import {ModuleIds} from "../../../contracts/registry/ModuleIds.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockPriceOracle} from "../../../contracts/mocks/MockPriceOracle.sol";
import {MockRateModel} from "../../../contracts/mocks/MockRateModel.sol";
import {TmpRegistry} from "../../../contracts/mocks/TmpRegistry.sol";
import {TestBase, vm} from "./TestBase.sol";

/// @title PoolFixture
/// @notice Deploys a whole Keel pool inside a Solidity test: OZ AccessManager (this contract is its admin, so it may
///         call every `restricted` function, which defaults to ADMIN_ROLE), TmpRegistry, mock oracle and rate model,
///         the Pool implementation behind an ERC1967Proxy, and two seeded reserves (6 and 18 decimals).
/// @dev `new Pool()` works as is: EDR's Solidity test runner (Foundry-like) deploys the external libraries
///      (LiquidationLogic, FlashLoanLogic, PoolConfigLogic, PositionLogic) before the test contract and links every
///      artifact's bytecode, including the Pool creation code embedded in this contract.
abstract contract PoolFixture is TestBase {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant WAD = 1e18;
    /// @dev ~20% a year, per second (RAY): high enough that a few time jumps move the indexes visibly.
    uint256 internal constant RATE_PER_SECOND = RAY / 365 days / 5;
    uint256 internal constant USDC_SEED = 1e6; // 1 USDC
    uint256 internal constant WETH_SEED = 1e15; // 0.001 WETH
    uint256 internal constant USDC_PRICE = 1e8; // $1, 8 decimals
    uint256 internal constant WETH_PRICE = 2000e8; // $2000, 8 decimals
    address internal constant TREASURY = address(0x7EA5);
    address internal constant DEAD = 0x000000000000000000000000000000000000dEaD;

    AccessManager internal manager;
    TmpRegistry internal registry;
    MockPriceOracle internal oracle;
    MockRateModel internal rates;
    Pool internal pool;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    KToken internal kUsdc;
    KToken internal kWeth;

    function _deployPool() internal {
        manager = new AccessManager(address(this));
        registry = new TmpRegistry();
        oracle = new MockPriceOracle();
        rates = new MockRateModel();
        rates.setRate(RATE_PER_SECOND);
        registry.set(ModuleIds.ORACLE, address(oracle));
        registry.set(ModuleIds.RATE_MODEL, address(rates));
        registry.set(ModuleIds.TREASURY, TREASURY);

        Pool impl = new Pool();
        pool = Pool(
            address(
                new ERC1967Proxy(address(impl), abi.encodeCall(Pool.initialize, (address(manager), address(registry))))
            )
        );

        usdc = new MockERC20("USD Coin", "USDC", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        oracle.setPrice(address(usdc), USDC_PRICE);
        oracle.setPrice(address(weth), WETH_PRICE);
        kUsdc = _listReserve(usdc, "Keel USD Coin", "kUSDC", USDC_SEED);
        kWeth = _listReserve(weth, "Keel Wrapped Ether", "kWETH", WETH_SEED);

        vm.label(address(pool), "Pool");
        vm.label(address(usdc), "USDC");
        vm.label(address(weth), "WETH");
        vm.label(TREASURY, "Treasury");
    }

    function _listReserve(MockERC20 token, string memory name, string memory symbol, uint256 seed)
        private
        returns (KToken kToken)
    {
        kToken = new KToken(address(pool), address(token), token.decimals(), name, symbol);
        token.mint(address(this), seed);
        token.approve(address(pool), seed);
        pool.initReserve(address(token), address(kToken), address(0), _config(), seed);
    }

    /// @dev Scratch-test parameters: LTV 80%, threshold 85%, bonus 5%, reserve factor 10%, protocol fee 10%.
    function _config() internal pure returns (DataTypes.ReserveConfig memory) {
        return DataTypes.ReserveConfig({
            ltv: 8000,
            liquidationThreshold: 8500,
            liquidationBonus: 10500,
            reserveFactor: 1000,
            liquidationProtocolFee: 1000,
            decimals: 0,
            id: 0,
            flags: ReserveFlags.BORROWING | ReserveFlags.COLLATERAL | ReserveFlags.FLASH_LOANS,
            supplyCap: 0,
            borrowCap: 0,
            liquidationGraceUntil: 0
        });
    }
}
