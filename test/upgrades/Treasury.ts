import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { KeelTreasury, KeelTreasuryV2 } from "../../types/ethers-contracts/index.js";
import { deployUpgradeFlowSystem, timelockSigner, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function treasuryOf(s: UpgradeFlowSystem): Promise<KeelTreasury> {
  return (await ethers.getContractAt("KeelTreasury", s.keel.address("Treasury"))) as unknown as KeelTreasury;
}

describe("upgrades: KeelTreasury", () => {
  moduleUpgradeSuite(connection, fixture, {
    module: "Treasury",
    key: "Treasury",
    v1: "KeelTreasury",
    v2: "KeelTreasuryV2",
    broken: "KeelTreasuryV2BrokenMock",
    readState: async (s) => {
      const t = await treasuryOf(s);
      const positions = [];
      for (const r of Object.values(s.keel.reserves)) positions.push(await s.pool.supplyBalanceOf(r.asset, await t.getAddress()));
      return { authority: await t.authority(), pool: await t.pool(), positions };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager"), s.keel.address("Pool")],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as KeelTreasuryV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade Treasury"));
      await s.tokens.USDC.mint(await v2.getAddress(), 123n);
      expect(await v2.tokenBalances([s.keel.reserves.USDC.asset])).to.deep.equal([123n]);
    },
  });

  it("upgradeAndVerify: a V2 whose reinitializer repoints the pool is refused with UpgraderStateChanged", async () => {
    const s = await loadFixture(fixture);
    const treasury = await treasuryOf(s);
    const factory = await ethers.getContractFactory("KeelTreasuryV2DigestBreakerMock");
    const impl = await (await factory.deploy()).getAddress();
    const data = factory.interface.encodeFunctionData("initializeV2", [s.stranger.address]);
    const digest = await treasury.stateDigest();
    await expect(s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(await treasury.getAddress(), impl, data, []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderStateChanged")
      .withArgs(digest, (d: string) => d !== digest);
    expect(await treasury.pool()).to.equal(s.keel.address("Pool"));
  });
});
