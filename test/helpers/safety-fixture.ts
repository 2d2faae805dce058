// Shared fixture of the safety module's tests: the test system from the one deployer (the module is deployed, wired
// and insures USDC and WETH there, deploy/safety.ts), alice supplying 100k USDC through the core spoke, stakers
// (bob, carol, liquidator) approved to the module, and dave's key registered as an EOA spoke that can draw USDC and
// report it as a deficit (the strongest spoke the hub can face: test/hub/eoa-spoke.ts).
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { deployTestSystem } from "./pool-fixture.js";

export const E6 = 10n ** 6n;
export const DAY = 86_400;

export async function deploySafetySystem(connection: NetworkConnection) {
  const { ethers } = connection;
  const f = await deployTestSystem(connection);
  const module = await ethers.getContractAt("SafetyModule", f.system.address("SafetyModule"));
  const moduleAddress = await module.getAddress();
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  for (const u of [f.bob, f.carol, f.liquidator]) {
    await f.usdc.connect(u).approve(moduleAddress, MaxUint256);
    await f.weth.connect(u).approve(moduleAddress, MaxUint256);
  }
  const spoke = f.dave;
  await f.hub.connect(f.deployer).addSpoke(spoke.address);
  await f.hub.connect(f.deployer).setSpokeCaps(spoke.address, f.U, 100_000, 100_000);
  const hubAsSpoke = f.hub.connect(spoke);
  /** The EOA spoke draws `amount` USDC and writes all of it off as bad debt: returns the report's transaction. */
  const badDebt = async (amount: bigint) => {
    await hubAsSpoke.draw(f.U, amount, spoke.address);
    const { drawnShares } = await f.hub.getSpokeAsset(spoke.address, f.U);
    return hubAsSpoke.reportDeficit(f.U, drawnShares, 0n);
  };
  const id = (asset: string) => BigInt(asset);
  return { ...f, module, moduleAddress, spoke, hubAsSpoke, badDebt, id };
}

export type SafetySystem = Awaited<ReturnType<typeof deploySafetySystem>>;
