import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { KeelOracle, KeelOracleV2 } from "../../types/ethers-contracts/index.js";
import { linkedFactory, upgradeOptionsFor } from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  executeQueued,
  probesOf,
  proposeAndQueue,
  type UpgradeFlowSystem,
  upgradeCalldata,
  userActivity,
} from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";
import { reinitializerGuardSuite } from "../helpers/reinitializer.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function oracleOf(s: UpgradeFlowSystem): Promise<KeelOracle> {
  return await ethers.getContractAt("KeelOracle", s.keel.address("Oracle"));
}

describe("upgrades: KeelOracle", () => {
  reinitializerGuardSuite(connection, fixture, { module: "Oracle", key: "Oracle", v2: "KeelOracleV2" });

  moduleUpgradeSuite(connection, fixture, {
    module: "Oracle",
    key: "Oracle",
    v1: "KeelOracle",
    v2: "KeelOracleV2",
    broken: "KeelOracleV2BrokenMock",
    readState: async (s) => {
      const oracle = await oracleOf(s);
      const assets = Object.values(s.keel.reserves).map((r) => r.asset);
      const feeds = [];
      for (const a of assets)
        feeds.push([
          (await oracle.getFeed(a)).toString(),
          (await oracle.getFallbackFeed(a)).toString(),
          await oracle.getAssetPrice(a),
        ]);
      return { authority: await oracle.authority(), configured: [...(await oracle.configuredAssets())], feeds };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager")],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as KeelOracleV2;
      expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade Oracle"));
      expect(await v2.arePricesFresh([s.keel.reserves.USDC.asset, s.stranger.address])).to.deep.equal([true, false]);
    },
  });

  it("stateDigest: covers every configured feed (changes when the timelock sets one)", async () => {
    const s = await loadFixture(fixture);
    const oracle = await oracleOf(s);
    // The core spoke's reserves, the assets further spokes (the eMode spoke's wstETH) brought to the hub and the synths.
    const spokeAssets = Object.values(s.keel.spokes).flatMap((sp) => Object.values(sp.reserves).map((r) => r.asset));
    const synths = Object.values(s.keel.record.synths ?? {}).map((sy) => sy.token);
    const expected = [...new Set([...Object.values(s.keel.reserves).map((r) => r.asset), ...spokeAssets, ...synths])];
    expect(await oracle.configuredAssets()).to.have.members(expected);
    const before = await oracle.stateDigest();
    const timelock = await ethers.getImpersonatedSigner(s.keel.address("Timelock"));
    await s.deployer.sendTransaction({ to: timelock.address, value: 10n ** 18n });
    await oracle.connect(timelock).setFallbackFeed(s.keel.reserves.USDC.asset, s.keel.reserves.WETH.feed, 3600);
    expect(await oracle.stateDigest()).to.not.equal(before);
  });

  it("users keep supplying, borrowing and repaying while the oracle's upgrade is pending and right after it", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address("Oracle");
    const impl = (await upgradesApi.prepareUpgrade(
      proxy,
      await linkedFactory(hre, connection, "KeelOracleV2"),
      await upgradeOptionsFor(hre, "KeelOracle", "KeelOracleV2"),
    )) as string;
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, "0x", await probesOf(s, "Oracle"))],
      "Upgrade the oracle (activity)",
    );
    await userActivity(s);
    await executeQueued(s, q);
    expect(await (await oracleOf(s)).version()).to.equal("2.0.0");
    await userActivity(s);
    const [, debt] = await s.pool.getUserAccountData(s.alice.address);
    expect(debt).to.be.greaterThan(0n);
  });
});
