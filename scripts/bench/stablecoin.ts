// kUSD rows of the gas benchmark (docs/stablecoin.md): the peg stability module's buy and sell, a kUSD loan through the
// core spoke, and the hub facilitator's mint and burn, on kUSD as the one deployer builds it.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { gasOf, keelOnlySection } from "./types.js";
import { deployKeel } from "../../deploy/keel.js";

export const STABLECOIN_ACTIONS = [
  "psm buy kUSD (1st)",
  "psm buy kUSD (2nd)",
  "psm sell kUSD (partial)",
  "psm sell kUSD (all)",
  "borrow kUSD (core spoke, 1st)",
  "borrow kUSD (core spoke, 2nd)",
  "repay kUSD (partial)",
  "hub facilitator mintToHub",
  "hub facilitator burnFromHub",
] as const;
export type StablecoinRow = Record<(typeof STABLECOIN_ACTIONS)[number], bigint>;

/** kUSD as the deployer builds it (deploy/stablecoin.ts; admin kept so the bench acts as the risk admin). */
export async function benchStablecoin(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
): Promise<StablecoinRow> {
  const { ethers } = connection;
  const [, seeder, user] = await ethers.getSigners();
  const system = await deployKeel(hre, connection, {
    networkName: "bench-stablecoin",
    recordDir: null,
    handOver: false,
  });
  const synth = system.record.synths?.kUSD;
  if (synth?.psm === undefined) throw new Error("bench: the deployment has no kUSD with a PSM");
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  const kusd = await ethers.getContractAt("SynthToken", synth.token);
  const psm = await ethers.getContractAt("PegStabilityModule", synth.psm);
  const fac = await ethers.getContractAt("HubFacilitator", synth.facilitator);
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const amount = parseUnits("10000", 6);
  for (const who of [seeder, user]) {
    await (await usdc.mint(who.address, 10n * amount)).wait();
    await (await usdc.connect(who).approve(await psm.getAddress(), MaxUint256)).wait();
    await (await kusd.connect(who).approve(await psm.getAddress(), MaxUint256)).wait();
    await (await kusd.connect(who).approve(await pool.getAddress(), MaxUint256)).wait();
    await (await weth.mint(who.address, parseUnits("10", 18))).wait();
    await (await weth.connect(who).approve(await pool.getAddress(), MaxUint256)).wait();
    await (await pool.connect(who).supply(await weth.getAddress(), parseUnits("10", 18), who.address, 0)).wait();
  }
  // A previous swap and a previous kUSD loan, so no measured action writes a slot for the first time.
  await (await psm.connect(seeder).buy(amount, 0n, seeder.address)).wait();
  await (await pool.connect(seeder).borrow(synth.token, parseUnits("1000", 18), 2, 0, seeder.address)).wait();
  const row = {} as StablecoinRow;
  row["psm buy kUSD (1st)"] = await gasOf(psm.connect(user).buy(amount, 0n, user.address));
  row["psm buy kUSD (2nd)"] = await gasOf(psm.connect(user).buy(amount, 0n, user.address));
  const held = await kusd.balanceOf(user.address);
  row["psm sell kUSD (partial)"] = await gasOf(psm.connect(user).sell(held / 2n, 0n, user.address));
  row["psm sell kUSD (all)"] = await gasOf(
    psm.connect(user).sell(await kusd.balanceOf(user.address), 0n, user.address),
  );
  const loan = parseUnits("5000", 18);
  row["borrow kUSD (core spoke, 1st)"] = await gasOf(pool.connect(user).borrow(synth.token, loan, 2, 0, user.address));
  row["borrow kUSD (core spoke, 2nd)"] = await gasOf(pool.connect(user).borrow(synth.token, loan, 2, 0, user.address));
  row["repay kUSD (partial)"] = await gasOf(pool.connect(user).repay(synth.token, loan, 2, user.address));
  row["hub facilitator mintToHub"] = await gasOf(fac.mintToHub(parseUnits("100000", 18)));
  row["hub facilitator burnFromHub"] = await gasOf(fac.burnFromHub(parseUnits("50000", 18)));
  return row;
}

/** The Markdown section of the kUSD rows. */
export function stablecoinTable(row: StablecoinRow): string {
  return keelOnlySection(
    "kUSD: peg stability module, loans, hub facilitator (Keel only; docs/stablecoin.md)",
    STABLECOIN_ACTIONS,
    row,
  );
}
