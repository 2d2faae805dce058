import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String } from "ethers";
import { describeError } from "../../tasks/lib/keel.js";
import { execute, queue, vote } from "../../tasks/lib/governance.js";
import { formatRehearsal, proposeUpgrade, rehearseUpgrade } from "../../tasks/lib/upgrade.js";
import { deployUpgradeFlowSystem, expectTaskError, refreshFeeds, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("tasks: upgrade:*", () => {
  it("registers upgrade:rehearse and upgrade:propose", () => {
    for (const id of ["upgrade:rehearse", "upgrade:propose"]) expect(hre.tasks.getTask(id).id).to.deep.equal([id]);
  });

  it("rehearse: PoolV2 passes every check and the chain is reverted afterwards", async () => {
    const s = await loadFixture(fixture);
    const blockBefore = await ethers.provider.getBlockNumber();
    const report = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2" });
    const names = report.checks.map((c) => c.name);
    expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
    expect(names).to.include.members(["storage layout", "upgradeAndVerify", "pool state unchanged", "solvency USDC", "solvency WETH", "solvency WBTC", "smoke supply/borrow/repay"]);
    expect(report.oldVersion).to.equal("1.0.0");
    expect(report.newVersion).to.equal("2.0.0");
    expect(report.sampledAccounts).to.include.members(s.users);
    expect(await s.pool.version()).to.equal("1.0.0");
    expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore);
    expect(formatRehearsal(report).at(-1)).to.match(/rehearsal passed/);
  });

  it("rehearse: the other modules (oracle, rate model, treasury, registry, flash lender) rehearse cleanly too", async () => {
    const s = await loadFixture(fixture);
    for (const [module, impl] of [["Oracle", "KeelOracleV2"], ["RateModel", "KinkedRateModelV2"], ["Treasury", "KeelTreasuryV2"], ["ModuleRegistry", "ModuleRegistryV2"], ["FlashLender", "KeelFlashLenderV2"]]) {
      const report = await rehearseUpgrade(hre, connection, s.keel.record, { module, impl });
      expect(report.ok, formatRehearsal(report).join("\n")).to.equal(true);
    }
  });

  it("rehearse: reports failure for a broken V2 (storage) and for a digest-breaking V2 (UpgraderStateChanged)", async () => {
    const s = await loadFixture(fixture);
    const broken = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2BrokenMock" });
    expect(broken.ok).to.equal(false);
    expect(broken.checks[0].name).to.equal("storage layout");
    expect(broken.checks[0].detail).to.match(/incompatible/);
    expect(formatRehearsal(broken).at(-1)).to.match(/FAILED/);

    const factory = await ethers.getContractFactory("PoolV2DigestBreakerMock", { libraries: { LiquidationLogic: ethers.ZeroAddress, FlashLoanLogic: ethers.ZeroAddress, PoolConfigLogic: ethers.ZeroAddress, PositionLogic: ethers.ZeroAddress } });
    const initData = factory.interface.encodeFunctionData("initializeV2", [9]);
    const digest = await rehearseUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2DigestBreakerMock", initData, describeError: (e) => describeError(hre, e) });
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
    await expectTaskError(proposeUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "PoolV2BrokenMock" }), /cannot replace Pool/);
    await expectTaskError(proposeUpgrade(hre, connection, s.keel.record, { module: "Vault", impl: "PoolV2" }), /Unknown --module/);
    await expectTaskError(proposeUpgrade(hre, connection, s.keel.record, { module: "Pool", impl: "NoSuchContract" }), /No compiled contract/);
    const created = await s.governor.queryFilter(s.governor.filters.ProposalCreated());
    expect(created).to.have.length(0);
  });
});
