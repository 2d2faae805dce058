// Morpho Blue anchor of the gas benchmark: Morpho.sol from npm @morpho-org/morpho-blue 1.0.0, compiled here with
// Morpho's production settings (hardhat.config.ts: solc 0.8.19, via-IR, 999999 runs, paris), on one USDC/WETH market.
import { MaxUint256 } from "ethers";
import type { Signer } from "ethers";
import type { MockERC20, Morpho } from "../../types/ethers-contracts/index.js";
import { ACTIONS, SCENARIO, elapse, gasOf } from "./types.js";
import type { GasRow, HardhatEthers } from "./types.js";

const ORACLE_PRICE_SCALE = 10n ** 36n;
const WAD = 10n ** 18n;
const SECONDS_PER_YEAR = 365n * 24n * 3600n;

/** Morpho oracle price of 1 WETH unit in USDC units, from 8-decimal USD prices (USDC at $1). */
function morphoPrice(wethPrice8: bigint): bigint {
  // price = usdPerWeth / usdPerUsdc * 1e36 * 10^(6 - 18)
  return (wethPrice8 * ORACLE_PRICE_SCALE) / SCENARIO.usdcPrice8 / 10n ** 12n;
}

/** Runs the common scenario on a fresh Morpho Blue market and returns each action's gasUsed. */
export async function benchMorpho(ethers: HardhatEthers): Promise<GasRow> {
  const [owner, seeder, alice, bob, carol, liquidator, flasher] = await ethers.getSigners();
  const morpho: Morpho = await ethers.deployContract("Morpho", [owner.address]);
  const morphoAddress = await morpho.getAddress();
  const usdc: MockERC20 = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const weth: MockERC20 = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const oracle = await ethers.deployContract("BenchMorphoOracle", [morphoPrice(SCENARIO.wethPrice8)]);
  // 5% APR fixed: about what Aave's USDC curve gives at the seeded utilisation.
  const irm = await ethers.deployContract("BenchFixedRateIrm", [(5n * WAD) / 100n / SECONDS_PER_YEAR]);
  const mp = {
    loanToken: await usdc.getAddress(),
    collateralToken: await weth.getAddress(),
    oracle: await oracle.getAddress(),
    irm: await irm.getAddress(),
    lltv: SCENARIO.morphoLltvWad,
  };
  await (await morpho.enableIrm(mp.irm)).wait();
  await (await morpho.enableLltv(mp.lltv)).wait();
  await (await morpho.createMarket(mp)).wait();
  // No protocol fee: Morpho's default for a new market. A 10% fee (setFeeRecipient + setFee) would add about 9,000 gas
  // to every interest-accruing action (minting fee shares to the recipient's position), measured on this setup.

  const fund = async (token: MockERC20, user: Signer, amount: bigint): Promise<void> => {
    await (await token.mint(await user.getAddress(), amount)).wait();
    await (await token.connect(user).approve(morphoAddress, MaxUint256)).wait();
  };
  const as = (s: Signer): Morpho => morpho.connect(s);

  // The previous users: a supplier and a borrower, so the market is in use.
  await fund(usdc, seeder, SCENARIO.seedUsdc);
  await fund(weth, seeder, SCENARIO.seedWeth);
  await (await as(seeder).supply(mp, SCENARIO.seedUsdc, 0n, seeder.address, "0x")).wait();
  await (await as(seeder).supplyCollateral(mp, SCENARIO.seedWeth, seeder.address, "0x")).wait();
  await (await as(seeder).borrow(mp, SCENARIO.seedBorrowUsdc, 0n, seeder.address, seeder.address)).wait();
  await elapse(ethers, 24 * 3600); // a day of interest and a repay, as in the Aave run
  await (await as(seeder).repay(mp, 10n ** 6n, 0n, seeder.address, "0x")).wait();

  const row = Object.fromEntries(ACTIONS.map((a) => [a, null])) as GasRow;

  await fund(usdc, alice, 3n * SCENARIO.lenderSupplyUsdc);
  row["supply (1st)"] = await gasOf(as(alice).supply(mp, SCENARIO.lenderSupplyUsdc, 0n, alice.address, "0x"));
  row["supply (2nd)"] = await gasOf(as(alice).supply(mp, SCENARIO.lenderSupplyUsdc, 0n, alice.address, "0x"));

  await fund(weth, bob, 2n * SCENARIO.collateralWeth);
  await fund(usdc, bob, SCENARIO.borrowUsdc);
  row["supply collateral"] = await gasOf(as(bob).supplyCollateral(mp, SCENARIO.collateralWeth, bob.address, "0x"));
  row.borrow = await gasOf(as(bob).borrow(mp, SCENARIO.borrowUsdc, 0n, bob.address, bob.address));
  await elapse(ethers, SCENARIO.elapsedSeconds);
  // Morpho's market id: keccak256 of the ABI-encoded MarketParams (MarketParamsLib.id).
  const marketId = ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["address", "address", "address", "address", "uint256"],
      [mp.loanToken, mp.collateralToken, mp.oracle, mp.irm, mp.lltv],
    ),
  );
  row["repay (partial)"] = await gasOf(as(bob).repay(mp, SCENARIO.repayPartUsdc, 0n, bob.address, "0x"));
  // Full repay and full withdraw go by shares: Morpho's documented way to close a position exactly.
  const { borrowShares } = await morpho.position(marketId, bob.address);
  row["repay (full)"] = await gasOf(as(bob).repay(mp, 0n, borrowShares, bob.address, "0x"));
  row["withdraw (partial)"] = await gasOf(
    as(alice).withdraw(mp, SCENARIO.withdrawPartUsdc, 0n, alice.address, alice.address),
  );
  const { supplyShares } = await morpho.position(marketId, alice.address);
  row["withdraw (full)"] = await gasOf(as(alice).withdraw(mp, 0n, supplyShares, alice.address, alice.address));

  // Liquidation: same victim and crash as the Aave run. Morpho has no close factor; the liquidator seizes the
  // collateral worth half the debt plus the LLTV-derived incentive (the same size as Aave's 50% close).
  await fund(weth, carol, SCENARIO.victimWeth);
  await (await as(carol).supplyCollateral(mp, SCENARIO.victimWeth, carol.address, "0x")).wait();
  await (await as(carol).borrow(mp, SCENARIO.victimBorrowUsdc, 0n, carol.address, carol.address)).wait();
  // At $1750 the 75% loan is 85.7% LTV: still below the 86% LLTV, so drop further to make it liquidatable.
  const crash = (SCENARIO.wethCrashPrice8 * 97n) / 100n;
  await (await oracle.setPrice(morphoPrice(crash))).wait();
  await fund(usdc, liquidator, SCENARIO.victimBorrowUsdc);
  await fund(weth, liquidator, SCENARIO.victimWeth); // collateral inventory, as in the Aave run
  // Seize the collateral that repays about half the debt: debt/2 * incentive / price.
  const seized = (SCENARIO.victimBorrowUsdc * 10n ** 12n * 10n ** 8n * 1043n) / 2n / 1000n / crash;
  row.liquidation = await gasOf(as(liquidator).liquidate(mp, carol.address, seized, 0n, "0x"));

  // Morpho's flash loan is fee-free and single-asset: its flashLoanSimple equivalent.
  const receiver = await ethers.deployContract("BenchFlashReceiver");
  row.flashLoanSimple = await gasOf(
    receiver.connect(flasher).morphoFlashLoan(morphoAddress, mp.loanToken, SCENARIO.flashUsdc),
  );
  return row;
}
