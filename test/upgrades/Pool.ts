import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String, parseUnits } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { PoolV2 } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { linkedFactory, readPoolState, upgradeOptionsFor } from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  executeQueued,
  probesOf,
  proposeAndQueue,
  timelockSigner,
  type UpgradeFlowSystem,
  upgradeCalldata,
  userActivity,
} from "../helpers/upgrade-flow.js";
import { moduleUpgradeSuite } from "../helpers/upgrade-suite.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("upgrades: Pool", () => {
  moduleUpgradeSuite(connection, fixture, {
    module: "Pool",
    key: "Pool",
    v1: "Pool",
    v2: "PoolV2",
    broken: "PoolV2BrokenMock",
    readState: async (s) => {
      const roles: Record<string, boolean> = {};
      for (const [name, role] of Object.entries(Roles)) {
        for (const who of [
          s.keel.address("Timelock"),
          s.guardian.address,
          s.keel.address("Upgrader"),
          s.deployer.address,
        ]) {
          roles[`${name}:${who}`] = (await s.manager.hasRole(role, who))[0];
        }
      }
      return { roles, authority: await s.pool.authority(), digest: await s.pool.stateDigest() };
    },
    initializeArgs: (s) => [s.keel.address("AccessManager"), s.keel.address("ModuleRegistry")],
    checkV2: async (s, proxy) => {
      const v2 = proxy as unknown as PoolV2;
      const [label, at] = await v2.upgradeInfo();
      expect(label).to.equal(encodeBytes32String("upgrade Pool"));
      expect(at).to.be.greaterThan(0n);
    },
  });

  it("users keep supplying, borrowing and repaying while the pool's upgrade is pending and right after it", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address("Pool");
    const impl = (await upgradesApi.prepareUpgrade(
      proxy,
      await linkedFactory(hre, connection, "PoolV2", { deployLibraries: true }),
      await upgradeOptionsFor(hre, "Pool", "PoolV2"),
    )) as string;
    const q = await proposeAndQueue(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, "0x", await probesOf(s, "Pool"))],
      "Upgrade the pool (activity)",
    );
    await userActivity(s); // queued, waiting for the critical delay
    await executeQueued(s, q);
    expect(await s.pool.version()).to.equal("2.0.0");
    await userActivity(s);
    const usdc = s.keel.reserves.USDC.asset;
    const before = await s.pool.debtBalanceOf(usdc, s.alice.address);
    await s.pool.connect(s.alice).borrow(usdc, parseUnits("10", 6), 2, 0, s.alice.address);
    expect(await s.pool.debtBalanceOf(usdc, s.alice.address)).to.be.greaterThan(before);
  });

  it("upgradeAndVerify: a V2 whose reinitializer changes pool state is refused with UpgraderStateChanged", async () => {
    const s = await loadFixture(fixture);
    const factory = await linkedFactory(hre, connection, "PoolV2DigestBreakerMock", { deployLibraries: true });
    const impl = await (await factory.deploy()).getAddress();
    const data = factory.interface.encodeFunctionData("initializeV2", [42]);
    const digest = await s.pool.stateDigest();
    const timelock = await timelockSigner(s);
    await expect(s.upgrader.connect(timelock).upgradeAndVerify(s.keel.address("Pool"), impl, data, []))
      .to.be.revertedWithCustomError(s.upgrader, "UpgraderStateChanged")
      .withArgs(digest, (d: string) => d !== digest);
    expect(await s.pool.FLASHLOAN_PREMIUM_TOTAL()).to.equal(5n);
  });

  // The authority is checked by KeelUpgrader itself before the digest (UpgraderAuthorityChanged); a fee exemption only
  // by the pool's digest (UpgraderStateChanged). "the digest moves with every field" below covers the authority too.
  for (const [what, args, error] of [
    [
      "re-points the authority (_setAuthority)",
      (stranger: string) => [stranger, ethers.ZeroAddress],
      "UpgraderAuthorityChanged",
    ],
    ["makes a borrower fee-exempt", (stranger: string) => [ethers.ZeroAddress, stranger], "UpgraderStateChanged"],
  ] as const) {
    it(`finding 8 (upgradeAndVerify trusts what the V2 says): a V2 whose reinitializer ${what} is refused with ${error}`, async () => {
      const s = await loadFixture(fixture);
      const factory = await linkedFactory(hre, connection, "PoolV2GovernanceBreakerMock", { deployLibraries: true });
      const impl = await (await factory.deploy()).getAddress();
      const data = factory.interface.encodeFunctionData("initializeV2", args(s.stranger.address));
      const digest = await s.pool.stateDigest();
      const timelock = await timelockSigner(s);
      const call = s.upgrader.connect(timelock).upgradeAndVerify(s.keel.address("Pool"), impl, data, []);
      if (error === "UpgraderStateChanged") {
        await expect(call)
          .to.be.revertedWithCustomError(s.upgrader, error)
          .withArgs(digest, (d: string) => d !== digest);
      } else {
        await expect(call)
          .to.be.revertedWithCustomError(s.upgrader, error)
          .withArgs(s.keel.address("Pool"), s.keel.address("AccessManager"), s.stranger.address);
      }
      expect(await s.pool.authority()).to.equal(s.keel.address("AccessManager"));
      expect(await s.pool.isFlashBorrower(s.stranger.address)).to.equal(false);
    });
  }

  it("finding 8: the digest moves with every field that decides who may do what (exempt borrowers, pauses, pause settings)", async () => {
    const s = await loadFixture(fixture);
    const timelock = await timelockSigner(s);
    const seen = new Set([await s.pool.stateDigest()]);
    const steps: (() => Promise<unknown>)[] = [
      () => s.pool.connect(timelock).setFlashBorrower(s.stranger.address, true),
      () => s.pool.connect(timelock).setFlashBorrower(s.stranger.address, false), // same map as at first, new digest
      () => s.pool.connect(timelock).setPauseConfig(86_400n, 86_400n),
      () => s.pool.connect(s.guardian).pauseReserve(s.keel.reserves.USDC.asset),
      () => s.pool.connect(s.guardian).pauseFlashLoans(),
    ];
    for (const step of steps) {
      await step();
      const d = await s.pool.stateDigest();
      expect(seen.has(d)).to.equal(false);
      seen.add(d);
    }
  });

  it("initializeV2: after an upgrade executed with empty data, nobody can call the reinitializer (a stranger, the guardian, the timelock)", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address("Pool");
    const impl = (await upgradesApi.prepareUpgrade(
      proxy,
      await linkedFactory(hre, connection, "PoolV2", { deployLibraries: true }),
      await upgradeOptionsFor(hre, "Pool", "PoolV2"),
    )) as string;
    const timelock = await timelockSigner(s);
    await s.upgrader.connect(timelock).upgradeAndVerify(proxy, impl, "0x", await probesOf(s, "Pool"));
    const v2 = await ethers.getContractAt("PoolV2", proxy);
    expect(await v2.version()).to.equal("2.0.0");
    for (const who of [s.stranger, s.guardian, timelock]) {
      await expect(v2.connect(who).initializeV2(encodeBytes32String("hijacked")))
        .to.be.revertedWithCustomError(v2, "AccessManagedUnauthorized")
        .withArgs(who.address);
    }
    expect((await v2.upgradeInfo())[0]).to.equal(ethers.ZeroHash);
  });

  it("readPoolState: sees the users' positions (the comparison is not vacuous)", async () => {
    const s = await loadFixture(fixture);
    const state = await readPoolState(connection, s.keel.record, s.users);
    const alice = state[`user:${s.alice.address}`] as { positions: Record<string, { debt: bigint }> };
    expect(alice.positions[s.keel.reserves.USDC.asset].debt).to.be.greaterThan(parseUnits("2000", 6));
  });
});
