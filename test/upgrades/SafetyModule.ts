// The safety module upgrades like every AccessManaged module: through KeelUpgrader, by a governance proposal at the
// critical delay, its state (stake pools, cooldowns, stakes, its hub position) unchanged.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import type { SafetyModule, SafetyModuleV2 } from "../../types/ethers-contracts/index.js";
import { deployUpgradeFlowSystem, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers } = connection;

async function moduleOf(s: UpgradeFlowSystem): Promise<SafetyModule> {
  return await ethers.getContractAt("SafetyModule", s.keel.address("SafetyModule"));
}

/** The upgrade flow's system with carol staking 1,000 USDC and cooling half of it. */
async function fixture(): Promise<UpgradeFlowSystem> {
  const s = await deployUpgradeFlowSystem(connection);
  const m = await moduleOf(s);
  await s.tokens.USDC.connect(s.carol).approve(await m.getAddress(), MaxUint256);
  await m.connect(s.carol).stake(s.keel.reserves.USDC.asset, parseUnits("1000", 6), s.carol.address);
  await m.connect(s.carol).cooldown(s.keel.reserves.USDC.asset, parseUnits("500", 6));
  return s;
}

describe("upgrades: SafetyModule", () => {
  moduleUpgradeSuite(connection, fixture, {
    module: "SafetyModule",
    key: "SafetyModule",
    v1: "SafetyModule",
    v2: "SafetyModuleV2",
    broken: "SafetyModuleV2BrokenMock",
    readState: async (s) => {
      const m = await moduleOf(s);
      const U = s.keel.reserves.USDC.asset;
      return {
        authority: await m.authority(),
        hub: await m.hub(),
        assets: await m.stakedAssets(),
        pool: (await m.getStakePool(U)).toString(),
        cooldown: (await m.getCooldown(U, s.carol.address)).toString(),
        balance: await m.balanceOf(s.carol.address, BigInt(U)),
        timing: [await m.cooldownPeriod(), await m.window()],
      };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager"), s.keel.address("ModuleRegistry"), 86_400, 86_400],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as SafetyModuleV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade SafetyModule"));
      // Stakers keep working on V2.
      await v2.connect(s.carol).stake(s.keel.reserves.USDC.asset, parseUnits("10", 6), s.carol.address);
      expect(await v2.balanceOf(s.carol.address, BigInt(s.keel.reserves.USDC.asset))).to.be.gt(parseUnits("1000", 6));
    },
  });
});
