import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { ModuleRegistry, ModuleRegistryV2 } from "../../types/ethers-contracts/index.js";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { deployUpgradeFlowSystem, timelockSigner, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers } = connection;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function registryOf(s: UpgradeFlowSystem): Promise<ModuleRegistry> {
  return await ethers.getContractAt("ModuleRegistry", s.keel.address("ModuleRegistry"));
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

  it("issue 10 (unprotected initializeV2): after an upgrade with empty init data a stranger cannot run ModuleRegistryV2.initializeV2", async () => {
    const s = await connection.networkHelpers.loadFixture(fixture);
    const proxy = s.keel.address("ModuleRegistry");
    const upgradesApi = await upgrades(hre, connection);
    const impl = (await upgradesApi.prepareUpgrade(proxy, await ethers.getContractFactory("ModuleRegistryV2"), {
      kind: "uups",
    })) as string;
    await s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(proxy, impl, "0x", []);
    const v2 = await ethers.getContractAt("ModuleRegistryV2", proxy);
    for (const caller of [s.stranger, s.deployer]) {
      await expect(v2.connect(caller).initializeV2(encodeBytes32String("mine")))
        .to.be.revertedWithCustomError(v2, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    }
  });
});
