import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { KeelFlashLender, KeelFlashLenderV2 } from "../../types/ethers-contracts/index.js";
import { deployUpgradeFlowSystem, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";
import { reinitializerGuardSuite } from "../helpers/reinitializer.js";

const connection = await hre.network.create();
const { ethers } = connection;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function lenderOf(s: UpgradeFlowSystem): Promise<KeelFlashLender> {
  return await ethers.getContractAt("KeelFlashLender", s.keel.address("FlashLender"));
}

describe("upgrades: KeelFlashLender", () => {
  reinitializerGuardSuite(connection, fixture, { module: "FlashLender", key: "FlashLender", v2: "KeelFlashLenderV2" });

  moduleUpgradeSuite(connection, fixture, {
    module: "FlashLender",
    key: "FlashLender",
    v1: "KeelFlashLender",
    v2: "KeelFlashLenderV2",
    broken: "KeelFlashLenderV2BrokenMock",
    readState: async (s) => {
      const l = await lenderOf(s);
      const usdc = s.keel.reserves.USDC.asset;
      return {
        authority: await l.authority(),
        pool: await l.pool(),
        max: await l.maxFlashLoan(usdc),
        fee: await l.flashFee(usdc, 10n ** 9n),
      };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager"), s.keel.address("Pool")],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as KeelFlashLenderV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade FlashLender"));
      const usdc = s.keel.reserves.USDC.asset;
      expect(await v2.maxFlashLoans([usdc, s.stranger.address])).to.deep.equal([await v2.maxFlashLoan(usdc), 0n]);
    },
  });
});
