import { expect } from "chai";
import hre from "hardhat";
import { execute, findProposal, presetActions, propose, queue, status, vote } from "../../tasks/lib/governance.js";
import {
  deployUpgradeFlowSystem,
  expectTaskError,
  refreshFeeds,
  type UpgradeFlowSystem,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

describe("tasks: keel gov ...", () => {
  it("registers keel gov propose, vote, queue, execute and status", () => {
    for (const a of ["propose", "vote", "queue", "execute", "status"]) {
      expect(hre.tasks.getTask(["keel", "gov", a]).id).to.deep.equal(["keel", "gov", a]);
    }
  });

  it("propose (preset) -> vote -> queue -> execute: sets the flash premium; status follows every step", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    const preset = await presetActions(hre, connection, rec, "flash-premium:7:2000");
    const { proposalId } = await propose(hre, connection, rec, { ...preset, description: preset.summary });
    expect((await status(hre, connection, rec, { id: proposalId })).state).to.equal("Pending");

    const { weight } = await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
    expect(weight).to.equal(
      await s.governor.getVotes(s.deployer.address, await s.governor.proposalSnapshot(proposalId)),
    );
    const active = await status(hre, connection, rec, { id: proposalId });
    expect(active.state).to.equal("Active");
    expect(active.votes.for).to.equal(weight);
    expect(active.actions).to.deep.equal([`Pool.setFlashPremium(premium=7, toProtocol=2000)`]);

    const { eta } = await queue(hre, connection, rec, { id: proposalId, travel: true });
    const queued = await status(hre, connection, rec, { id: proposalId });
    expect(queued.state).to.equal("Queued");
    expect(queued.eta).to.equal(eta);
    // Risk parameter: base tier (2 days).
    expect(eta - BigInt(await networkHelpers.time.latest())).to.be.lte(s.minDelay);
    await expectTaskError(execute(hre, connection, rec, { id: proposalId }), /executable at/);

    await execute(hre, connection, rec, { id: proposalId, travel: true });
    expect(await s.pool.FLASHLOAN_PREMIUM_TOTAL()).to.equal(7n);
    expect((await status(hre, connection, rec, { id: proposalId })).state).to.equal("Executed");
  });

  it("finding 12: the rate-params preset batches LiquidityHub.refreshRate, so the new curve reaches an idle reserve when the proposal executes", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    const usdc = s.keel.reserves.USDC.asset;
    const preset = await presetActions(hre, connection, rec, "rate-params:USDC:700:0:0:8000");
    expect(preset.targets).to.deep.equal([await s.pool.defaultRateModel(), s.keel.address("LiquidityHub")]);
    const hubC = await connection.ethers.getContractAt("LiquidityHub", s.keel.address("LiquidityHub"));
    expect(preset.calldatas[1]).to.equal(hubC.interface.encodeFunctionData("refreshRate", [usdc]));
    const rm = await connection.ethers.getContractAt("KinkedRateModel", await s.pool.defaultRateModel());
    const { proposalId } = await propose(hre, connection, rec, { ...preset, description: preset.summary });
    await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
    await queue(hre, connection, rec, { id: proposalId, travel: true });
    await refreshFeeds(s);
    await execute(hre, connection, rec, { id: proposalId, travel: true });
    // Right after execution, with no user touching USDC: the stored rate is the new model's.
    const r = await s.pool.getKeelReserveData(usdc);
    const debt = (r.totalDebtScaled * r.borrowIndex) / 10n ** 27n;
    expect(r.borrowRate).to.equal(await rm.borrowRatePerSecond(usdc, r.cash + debt, debt));
    const all = await presetActions(hre, connection, rec, "default-rate-params:100:400:6000:8000");
    // Every asset of the hub: the core reserves and the eMode spoke's LST.
    const hubAssets = new Set(
      [
        ...Object.values(rec.reserves ?? {}),
        ...Object.values(rec.spokes ?? {}).flatMap((sp) => Object.values(sp.reserves)),
      ].map((r) => r.asset),
    );
    expect(hubAssets.has(s.keel.spokes.EModePool.reserves.wstETH.asset)).to.equal(true);
    expect(all.targets.length).to.equal(1 + hubAssets.size);
  });

  it("propose (JSON targets/calldata): a critical call waits the critical delay; findProposal returns its actions", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    const calldata = s.timelock.interface.encodeFunctionData("setCriticalDelay", [6n * 86400n]);
    const timelock = s.keel.address("Timelock");
    const { proposalId } = await propose(hre, connection, rec, {
      targets: [timelock],
      calldatas: [calldata],
      description: "Critical delay to 6 days",
    });
    const p = await findProposal(connection, rec, proposalId);
    expect(p.targets).to.deep.equal([timelock]);
    expect(p.calldatas).to.deep.equal([calldata]);
    await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
    const { eta } = await queue(hre, connection, rec, { id: proposalId, travel: true });
    expect(eta - BigInt(await networkHelpers.time.latest())).to.be.gte(s.criticalDelay - 1n);
    await refreshFeeds(s);
    await execute(hre, connection, rec, { id: proposalId, travel: true });
    expect(await s.timelock.getCriticalDelay()).to.equal(6n * 86400n);
  });

  it("readable errors: bad support, wrong state, unknown preset, mismatched arrays, unknown id", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    const preset = await presetActions(hre, connection, rec, "unpause-flash-loans");
    const { proposalId } = await propose(hre, connection, rec, { ...preset, description: "Unpause flash loans" });
    await expectTaskError(vote(hre, connection, rec, { id: proposalId, support: "maybe" }), /for, against or abstain/);
    await expectTaskError(vote(hre, connection, rec, { id: proposalId, support: "for" }), /is Pending/);
    await expectTaskError(queue(hre, connection, rec, { id: proposalId }), /is Pending/);
    await expectTaskError(presetActions(hre, connection, rec, "nuke"), /Unknown --action/);
    await expectTaskError(presetActions(hre, connection, rec, "flash-premium:x"), /<bps>/);
    await expectTaskError(
      propose(hre, connection, rec, { targets: [s.keel.address("Pool")], calldatas: [], description: "x" }),
      /differ in length/,
    );
    await expectTaskError(status(hre, connection, rec, { id: 123n }), /No proposal 123/);
  });
});
