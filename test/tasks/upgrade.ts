import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, encodeBytes32String, parseUnits } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { describeError } from "../../tasks/lib/keel.js";
import { execute, propose, queue, vote } from "../../tasks/lib/governance.js";
import {
  defaultInitData,
  defaultProbes,
  formatRehearsal,
  proposeUpgrade,
  rehearseUpgrade,
  spokeModules,
} from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  expectTaskError,
  refreshFeeds,
  type UpgradeFlowSystem,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("tasks: keel upgrade ...", () => {
  it("registers keel upgrade rehearse and keel upgrade propose", () => {
    for (const a of ["rehearse", "propose"])
      expect(hre.tasks.getTask(["keel", "upgrade", a]).id).to.deep.equal(["keel", "upgrade", a]);
  });

  it("rehearse: PoolV2 passes every check and the chain is reverted afterwards", async () => {
    const s = await loadFixture(fixture);
    const blockBefore = await ethers.provider.getBlockNumber();
    const report = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2" });
    const names = report.checks.map((c) => c.name);
    expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
    expect(names).to.include.members([
      "storage layout",
      "upgradeAndVerify",
      "pool state unchanged",
      "solvency USDC",
      "solvency WETH",
      "solvency WBTC",
      "smoke supply/borrow/repay",
    ]);
    expect(report.oldVersion).to.equal("1.0.0");
    expect(report.newVersion).to.equal("2.0.0");
    expect(report.sampledAccounts).to.include.members(s.users);
    expect(await s.pool.version()).to.equal("1.0.0");
    expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore);
    expect(formatRehearsal(report).at(-1)).to.match(/rehearsal passed/);
  });

  it("rehearse: solvency is the hub's books, so another spoke drawing the shared cash does not fail it (e2e regression)", async () => {
    const s = await loadFixture(fixture);
    // The eMode spoke borrows the hub's WETH against wstETH: the hub's WETH cash falls below what the core spoke's
    // suppliers hold, while the core spoke's own users owe none of it.
    const emode = await ethers.getContractAt("Pool", s.keel.address("EModePool"));
    const lst = await ethers.getContractAt("MockERC20", s.keel.spokes.EModePool.reserves.wstETH.asset);
    await lst.mint(s.carol.address, parseUnits("100", 18));
    await lst.connect(s.carol).approve(await emode.getAddress(), MaxUint256);
    await emode.connect(s.carol).supply(await lst.getAddress(), parseUnits("100", 18), s.carol.address, 0);
    await emode.connect(s.carol).borrow(s.keel.reserves.WETH.asset, parseUnits("1", 18), 2, 0, s.carol.address);
    const report = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2" });
    const weth = report.checks.find((c) => c.name === "solvency WETH");
    expect(weth?.ok, weth?.detail).to.equal(true);
    expect(weth?.detail).to.match(/^hub cash \d+ \+ drawn [1-9]\d* >= supplied \d+$/);
    expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
  });

  it("rehearse: the other modules (oracle, rate model, treasury, registry, flash lender) rehearse cleanly too", async () => {
    const s = await loadFixture(fixture);
    for (const [module, impl] of [
      ["Oracle", "KeelOracleV2"],
      ["RateModel", "KinkedRateModelV2"],
      ["Treasury", "KeelTreasuryV2"],
      ["ModuleRegistry", "ModuleRegistryV2"],
      ["FlashLender", "KeelFlashLenderV2"],
    ]) {
      const report = await rehearseUpgrade(hre, connection, s.keel.record, { module, impl });
      expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
    }
  });

  it("rehearse: every spoke of the record is its own --module (eMode, NFT and RWA spokes), each rehearsing its V2", async () => {
    const s = await loadFixture(fixture);
    expect(spokeModules(s.keel.record)).to.include.members(["EModePool", "NftSpoke", "RwaSpoke"]);
    expect(spokeModules(s.keel.record)).to.not.include("Pool"); // the core spoke is the "Pool" module
    for (const [module, impl] of [
      ["EModePool", "PoolV2"],
      ["NftSpoke", "NftSpokeV2"],
      ["RwaSpoke", "RwaSpokeV2"],
    ] as const) {
      const proxy = s.keel.address(module);
      const before = await (await ethers.getContractAt("IUpgradeCheckable", proxy)).version();
      const report = await rehearseUpgrade(hre, connection, s.keel.record, { module, impl });
      expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
      expect([report.proxy, report.oldVersion, report.newVersion]).to.deep.equal([proxy, "1.0.0", "2.0.0"]);
      // A Pool-type spoke compares its own state; the others, the core spoke's (the shared hub shows through it).
      const state = report.checks.find((c) => c.name === "pool state unchanged");
      expect(state?.detail).to.match(new RegExp(`^${module === "EModePool" ? "EModePool" : "Pool"}: `));
      expect(await (await ethers.getContractAt("IUpgradeCheckable", proxy)).version()).to.equal(before); // reverted
    }
  });

  it("propose: a spoke's upgrade (the NFT spoke to NftSpokeV2) executes through the DAO on its own; the record follows", async () => {
    const s = await loadFixture(fixture);
    const rec = structuredClone(s.keel.record);
    const nft = await ethers.getContractAt("IUpgradeCheckable", s.keel.address("NftSpoke"));
    const poolImpl = await s.pool.implementation();
    const p = await proposeUpgrade(hre, connection, rec, { module: "NftSpoke", impl: "NftSpokeV2" });
    expect(p.description).to.match(/^# Upgrade NftSpoke to NftSpokeV2 2\.0\.0/);
    expect(p.description).to.include(`proxy=${s.keel.address("NftSpoke")}`);
    await vote(hre, connection, rec, { id: p.proposalId, support: "for", travel: true });
    const { eta } = await queue(hre, connection, rec, { id: p.proposalId, travel: true });
    expect(eta - BigInt(await networkHelpers.time.latest())).to.be.gte(s.criticalDelay - 1n);
    await networkHelpers.time.increaseTo(eta);
    await refreshFeeds(s);
    const { events } = await execute(hre, connection, rec, { id: p.proposalId });
    expect(events.map((e) => e.name)).to.include("ModuleUpgraded");
    expect(await nft.version()).to.equal("2.0.0");
    expect(rec.contracts.NftSpoke).to.include({
      contract: "NftSpokeV2",
      version: "2.0.0",
      implementation: p.implementation,
    });
    // The other spokes are untouched.
    expect([await s.pool.version(), await s.pool.implementation()]).to.deep.equal(["1.0.0", poolImpl]);
    // After the upgrade the spoke is still a --module (its record contract is now NftSpokeV2).
    expect(spokeModules(rec)).to.include("NftSpoke");
  });

  it("rehearse/propose: an unknown module is refused with every module and spoke of the record named", async () => {
    const s = await loadFixture(fixture);
    await expectTaskError(
      rehearseUpgrade(hre, connection, s.keel.record, { module: "Vault", impl: "PoolV2" }),
      /Unknown --module "Vault"\. One of: Pool, Oracle, .*EModePool.*NftSpoke.*RwaSpoke/,
    );
  });

  it("rehearse: reports failure for a broken V2 (storage) and for a digest-breaking V2 (UpgraderStateChanged)", async () => {
    const s = await loadFixture(fixture);
    const broken = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2BrokenMock" });
    expect(broken.ok).to.equal(false);
    expect(broken.checks[0].name).to.equal("storage layout");
    expect(broken.checks[0].detail).to.match(/incompatible/);
    expect(formatRehearsal(broken).at(-1)).to.match(/FAILED/);

    const factory = await ethers.getContractFactory("PoolV2DigestBreakerMock", {
      libraries: {
        LiquidationLogic: ethers.ZeroAddress,
        FlashLoanLogic: ethers.ZeroAddress,
        PoolConfigLogic: ethers.ZeroAddress,
        PositionLogic: ethers.ZeroAddress,
      },
    });
    const initData = factory.interface.encodeFunctionData("initializeV2", [9]);
    const digest = await rehearseUpgrade(hre, connection, s.keel.record, {
      module: "Pool",
      impl: "PoolV2DigestBreakerMock",
      initData,
      describeError: (e) => describeError(hre, e),
    });
    expect(digest.ok).to.equal(false);
    expect(digest.checks.find((c) => c.name === "upgradeAndVerify")?.detail).to.match(/^UpgraderStateChanged/);
    expect(await s.pool.FLASHLOAN_PREMIUM_TOTAL()).to.equal(5n);
  });

  it("propose: opens the upgradeAndVerify proposal, which then executes through the DAO and updates the record", async () => {
    const s = await loadFixture(fixture);
    const rec = structuredClone(s.keel.record);
    const p = await proposeUpgrade(hre, connection, rec, { module: "Pool", impl: "PoolV2" });
    expect(p.newVersion).to.equal("2.0.0");
    expect(p.description).to.match(/^# Upgrade Pool to PoolV2 2\.0\.0/);
    expect(p.description).to.include(`implementation=${p.implementation}`);
    expect(await s.governor.state(p.proposalId)).to.equal(0n); // Pending
    await vote(hre, connection, rec, { id: p.proposalId, support: "for", travel: true });
    const { eta } = await queue(hre, connection, rec, { id: p.proposalId, travel: true });
    expect(eta - BigInt(await networkHelpers.time.latest())).to.be.gte(s.criticalDelay - 1n);
    await networkHelpers.time.increaseTo(eta);
    await refreshFeeds(s);
    const { events } = await execute(hre, connection, rec, { id: p.proposalId });
    expect(events.map((e) => e.name)).to.include("ModuleUpgraded");
    expect(await s.pool.version()).to.equal("2.0.0");
    expect(await s.pool.implementation()).to.equal(p.implementation);
    expect(rec.contracts.Pool).to.include({ contract: "PoolV2", version: "2.0.0", implementation: p.implementation });
    const v2 = await ethers.getContractAt("PoolV2", s.keel.address("Pool"));
    expect((await v2.upgradeInfo())[0]).to.equal(encodeBytes32String("Upgrade Pool to PoolV2 2.0.0"));
  });

  it("propose: refuses a broken V2 and an unknown module with readable errors, opening nothing", async () => {
    const s = await loadFixture(fixture);
    await expectTaskError(
      proposeUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2BrokenMock" }),
      /cannot replace Pool/,
    );
    await expectTaskError(
      proposeUpgrade(hre, connection, s.keel.record, { module: "Vault", impl: "PoolV2" }),
      /Unknown --module/,
    );
    await expectTaskError(
      proposeUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "NoSuchContract" }),
      /No compiled contract/,
    );
    const created = await s.governor.queryFilter(s.governor.filters.ProposalCreated());
    expect(created).to.have.length(0);
  });

  it("finding 9 (tooling trusts proposal text): keel gov execute records the contract the proxy runs, not the description's, and ignores a forged ModuleUpgraded", async () => {
    const s = await loadFixture(fixture);
    const rec = structuredClone(s.keel.record);
    const treasury = s.keel.address("Treasury");
    const upgradesApi = await upgrades(hre, connection);
    const impl = (await upgradesApi.prepareUpgrade(treasury, await ethers.getContractFactory("KeelTreasuryV2"), {
      kind: "uups",
    })) as string;
    const initData = await defaultInitData(hre, "KeelTreasuryV2", "upgrade Treasury");
    const upgradeCall = s.upgrader.interface.encodeFunctionData("upgradeAndVerify", [
      treasury,
      impl,
      initData,
      await defaultProbes(connection, rec, "Treasury"),
    ]);
    // The same proposal forges a ModuleUpgraded naming the pool and a stranger's address, and its text lies about the
    // contract. On the old code the record then named the pool's implementation the stranger and the treasury's
    // contract KeelTreasuryV2BrokenMock, and keel upgrade rehearse validated layouts against that.
    const forger = await ethers.deployContract("MockModuleUpgradedEmitter");
    const forgeCall = forger.interface.encodeFunctionData("forge", [
      s.keel.address("Pool"),
      s.stranger.address,
      "9.9.9",
    ]);
    const description = ["# Upgrade the treasury", "", "module=Treasury", "contract=KeelTreasuryV2BrokenMock"].join(
      "\n",
    );
    const poolBefore = { ...rec.contracts.Pool };
    const { proposalId } = await propose(hre, connection, rec, {
      targets: [s.keel.address("Upgrader"), await forger.getAddress()],
      calldatas: [upgradeCall, forgeCall],
      description,
    });
    await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
    await queue(hre, connection, rec, { id: proposalId, travel: true });
    await refreshFeeds(s);
    const { events } = await execute(hre, connection, rec, { id: proposalId, travel: true });
    const upgradedEvents = events.filter((e) => e.name === "ModuleUpgraded");
    expect(upgradedEvents).to.have.length(1);
    expect(upgradedEvents[0].args[0]).to.equal(treasury);
    expect(rec.contracts.Treasury).to.include({ contract: "KeelTreasuryV2", version: "2.0.0", implementation: impl });
    expect(rec.contracts.Pool).to.deep.equal(poolBefore);
  });

  it("finding 9 (tooling trusts proposal text): rehearse validates the layout against what the proxy runs, whatever the record names", async () => {
    const s = await loadFixture(fixture);
    const rec = structuredClone(s.keel.record);
    rec.contracts.Treasury.contract = "KeelTreasuryV2BrokenMock"; // a record that lies (or is stale)
    const report = await rehearseUpgrade(hre, connection, rec, { module: "Treasury", impl: "KeelTreasuryV2" });
    expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
    const layout = report.checks.find((c) => c.name === "storage layout")!;
    expect(layout.detail).to.match(
      /compatible with KeelTreasury, running at 0x[0-9a-fA-F]{40} \(the record said KeelTreasuryV2BrokenMock\)/,
    );
    expect(report.checks.find((c) => c.name === "admin slots (read from storage)")?.ok).to.equal(true);
  });

  it("finding 9 (tooling trusts proposal text): an implementation whose code matches no compiled artifact is refused by rehearse and propose", async () => {
    const s = await loadFixture(fixture);
    const impl = s.keel.record.contracts.Treasury.implementation!;
    const code = await ethers.provider.getCode(impl);
    const tampered = code.slice(0, -2) + (code.endsWith("00") ? "01" : "00");
    await networkHelpers.setCode(impl, tampered);
    const report = await rehearseUpgrade(hre, connection, s.keel.record, {
      module: "Treasury",
      impl: "KeelTreasuryV2",
    });
    expect(report.ok).to.equal(false);
    expect(report.checks[0].detail).to.match(/matches no contract compiled in this project/);
    await expectTaskError(
      proposeUpgrade(hre, connection, s.keel.record, { module: "Treasury", impl: "KeelTreasuryV2" }),
      /matches no contract compiled in this project/,
    );
  });
});
