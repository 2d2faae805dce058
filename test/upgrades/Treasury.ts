import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import type { KeelTreasury, KeelTreasuryV2 } from "../../types/ethers-contracts/index.js";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { upgradeInitData } from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  probesOf,
  proposeAndExecute,
  rollbackCalldata,
  timelockSigner,
  upgradeCalldata,
  type UpgradeFlowSystem,
} from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function treasuryOf(s: UpgradeFlowSystem): Promise<KeelTreasury> {
  return await ethers.getContractAt("KeelTreasury", s.keel.address("Treasury"));
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
      for (const r of Object.values(s.keel.reserves))
        positions.push(await s.pool.supplyBalanceOf(r.asset, await t.getAddress()));
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
    await expect(
      s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(await treasury.getAddress(), impl, data, []),
    )
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderStateChanged")
      .withArgs(digest, (d: string) => d !== digest);
    expect(await treasury.pool()).to.equal(s.keel.address("Pool"));
  });

  it("finding 8 (upgradeAndVerify trusts the new implementation): a V2 whose reinitializer calls _setAuthority(attacker) is refused with UpgraderAuthorityChanged", async () => {
    // The mock keeps its stateDigest equal to V1's (computed over the old authority), so every module-reported check
    // passed on the old upgrader; the upgrader's own authority() comparison catches it.
    const s = await loadFixture(fixture);
    const treasury = await treasuryOf(s);
    const proxy = await treasury.getAddress();
    const factory = await ethers.getContractFactory("KeelTreasuryV2AuthorityMock");
    const impl = await (await factory.deploy()).getAddress();
    const data = factory.interface.encodeFunctionData("initializeV2", [s.stranger.address]);
    await expect(s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(proxy, impl, data, []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderAuthorityChanged")
      .withArgs(proxy, s.keel.address("AccessManager"), s.stranger.address);
    expect(await treasury.authority()).to.equal(s.keel.address("AccessManager"));
    expect(await treasury.version()).to.equal("1.0.0");
  });

  it("issue 10 (unprotected initializeV2): after an upgrade with empty init data a stranger cannot run KeelTreasuryV2.initializeV2", async () => {
    const s = await loadFixture(fixture);
    const proxy = s.keel.address("Treasury");
    const upgradesApi = await upgrades(hre, connection);
    const impl = (await upgradesApi.prepareUpgrade(proxy, await ethers.getContractFactory("KeelTreasuryV2"), {
      kind: "uups",
    })) as string;
    await s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(proxy, impl, "0x", []);
    const v2 = await ethers.getContractAt("KeelTreasuryV2", proxy);
    for (const caller of [s.stranger, s.deployer, s.guardian]) {
      await expect(v2.connect(caller).initializeV2(encodeBytes32String("mine")))
        .to.be.revertedWithCustomError(v2, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    }
    expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String(""));
  });

  it("issue 10 (re-upgrade after a rollback): V1 -> V2 -> rollback to V1 -> V2 again through governance; the tooling leaves out the spent reinitializer", async () => {
    const s = await loadFixture(fixture);
    const proxy = s.keel.address("Treasury");
    const upgrader = s.keel.address("Upgrader");
    const upgradesApi = await upgrades(hre, connection);
    const impl = (await upgradesApi.prepareUpgrade(proxy, await ethers.getContractFactory("KeelTreasuryV2"), {
      kind: "uups",
    })) as string;
    const v1Impl = s.keel.record.contracts.Treasury.implementation!;
    const probes = await probesOf(s, "Treasury");
    const first = await upgradeInitData(hre, connection, proxy, "KeelTreasuryV2", "upgrade Treasury");
    expect(first.note).to.equal(undefined);
    await proposeAndExecute(
      s,
      [upgrader],
      [0n],
      [upgradeCalldata(s, proxy, impl, first.data, probes)],
      "Upgrade Treasury",
    );
    await proposeAndExecute(s, [upgrader], [0n], [rollbackCalldata(s, proxy, v1Impl, probes)], "Roll Treasury back");
    const v2 = await ethers.getContractAt("KeelTreasuryV2", proxy);
    expect(await v2.version()).to.equal("1.0.0");
    // The same init data again would revert: reinitializer(2) already ran (the initialized version survives the rollback).
    await expect(
      s.upgrader.connect(await timelockSigner(s)).upgradeAndVerify(proxy, impl, first.data, probes),
    ).to.be.revertedWithCustomError(v2, "InvalidInitialization");
    const again = await upgradeInitData(hre, connection, proxy, "KeelTreasuryV2", "upgrade Treasury again");
    expect(again.data).to.equal("0x");
    expect(again.note).to.match(/initializeV2 already ran on this proxy \(initialized version 2\)/);
    let refused = "";
    try {
      await upgradeInitData(hre, connection, proxy, "KeelTreasuryV2", "x", first.data);
    } catch (e) {
      refused = (e as Error).message;
    }
    expect(refused).to.match(/cannot run again/);
    await proposeAndExecute(
      s,
      [upgrader],
      [0n],
      [upgradeCalldata(s, proxy, impl, again.data, probes)],
      "Upgrade Treasury again",
    );
    expect(await v2.version()).to.equal("2.0.0");
    expect(await v2.implementation()).to.equal(impl);
    expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("upgrade Treasury")); // the first upgrade's record
  });
});
