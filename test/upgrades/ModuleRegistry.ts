import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { ModuleRegistry, ModuleRegistryV2 } from "../../types/ethers-contracts/index.js";
import { deployUpgradeFlowSystem, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers } = connection;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function registryOf(s: UpgradeFlowSystem): Promise<ModuleRegistry> {
  return (await ethers.getContractAt("ModuleRegistry", s.keel.address("ModuleRegistry"))) as unknown as ModuleRegistry;
}

describe("upgrades: ModuleRegistry", () => {
  moduleUpgradeSuite(connection, fixture, {
    module: "ModuleRegistry",
    key: "ModuleRegistry",
    v1: "ModuleRegistry",
    v2: "ModuleRegistryV2",
    broken: "ModuleRegistryV2BrokenMock",
    readState: async (s) => {
      const r = await registryOf(s);
      const ids = [...(await r.moduleIds())];
      const modules = [];
      for (const id of ids) modules.push(await r.getModule(id));
      return { authority: await r.authority(), ids, modules, consumers: [...(await r.consumers())] };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager")],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as ModuleRegistryV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade ModuleRegistry"));
      const [ids, modules] = await v2.snapshot();
      expect(ids.length).to.equal(modules.length);
      expect(modules[ids.indexOf(encodeBytes32String("POOL"))]).to.equal(s.keel.address("Pool"));
    },
  });
});
