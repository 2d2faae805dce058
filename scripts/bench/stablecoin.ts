// kUSD rows of the gas benchmark (docs/stablecoin.md): the peg stability module's buy and sell on kUSD's SynthToken,
// with the DAO's real AccessManager from the one deployer and a previous swap so no measured action writes a slot for
// the first time.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { gasOf, keelOnlySection } from "./types.js";
import { deployKeel } from "../../deploy/keel.js";

export const STABLECOIN_ACTIONS = ["psm buy kUSD (1st)", "psm buy kUSD (2nd)", "psm sell kUSD (partial)", "psm sell kUSD (all)"] as const;
export type StablecoinRow = Record<(typeof STABLECOIN_ACTIONS)[number], bigint>;


export async function benchStablecoin(hre: HardhatRuntimeEnvironment, connection: NetworkConnection): Promise<StablecoinRow> {
  const { ethers } = connection;
  const [deployer, seeder, user] = await ethers.getSigners();
  const system = await deployKeel(hre, connection, { networkName: "bench-stablecoin", recordDir: null, handOver: false });
  const manager = system.address("AccessManager");
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const kusd = await ethers.deployContract("SynthToken", ["Keel USD", "kUSD", manager]);
  const psm = await ethers.deployContract("PegStabilityModule", [await usdc.getAddress(), await kusd.getAddress(), manager, deployer.address, 10, 10]);
  await (await kusd.addFacilitator(await psm.getAddress(), "PSM (USDC)", parseUnits("100000000", 18))).wait();
  const amount = parseUnits("10000", 6);
  for (const who of [seeder, user]) {
    await (await usdc.mint(who.address, 10n * amount)).wait();
    await (await usdc.connect(who).approve(await psm.getAddress(), MaxUint256)).wait();
    await (await kusd.connect(who).approve(await psm.getAddress(), MaxUint256)).wait();
  }
  await (await psm.connect(seeder).buy(amount, 0n, seeder.address)).wait();
  const row = {} as StablecoinRow;
  row["psm buy kUSD (1st)"] = await gasOf(psm.connect(user).buy(amount, 0n, user.address));
  row["psm buy kUSD (2nd)"] = await gasOf(psm.connect(user).buy(amount, 0n, user.address));
  const held = await kusd.balanceOf(user.address);
  row["psm sell kUSD (partial)"] = await gasOf(psm.connect(user).sell(held / 2n, 0n, user.address));
  row["psm sell kUSD (all)"] = await gasOf(psm.connect(user).sell(await kusd.balanceOf(user.address), 0n, user.address));
  return row;
}

/** The Markdown section of the kUSD rows. */
export function stablecoinTable(row: StablecoinRow): string {
  return keelOnlySection("kUSD peg stability module (Keel only; docs/stablecoin.md)", STABLECOIN_ACTIONS, row);
}
