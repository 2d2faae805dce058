// The guardian's tasks (keel pause, keel gov cancel) and the remove-guardian preset, in-process: the guardian pauses and may
// cancel an ordinary queued proposal, but not the DAO's proposal that removes it (governance review, finding 1).
import { expect } from "chai";
import hre from "hardhat";
import { Roles } from "../../deploy/roles.js";
import { execute, presetActions, propose, queue, status, vote } from "../../tasks/lib/governance.js";
import { cancelQueued, guardianPause } from "../../tasks/lib/guardian.js";
import { describeError } from "../../tasks/lib/keel.js";
import { deployUpgradeFlowSystem, expectTaskError, type UpgradeFlowSystem } from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

async function queued(s: UpgradeFlowSystem, action: string): Promise<bigint> {
  const rec = s.keel.record;
  const preset = await presetActions(hre, connection, rec, action);
  const { proposalId } = await propose(hre, connection, rec, { ...preset, description: preset.summary });
  await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
  await queue(hre, connection, rec, { id: proposalId, travel: true });
  return proposalId;
}

describe("tasks: guardian (keel pause, keel gov cancel, remove-guardian)", () => {
  it("registers keel pause and keel gov cancel", () => {
    for (const id of [
      ["keel", "pause"],
      ["keel", "gov", "cancel"],
    ])
      expect(hre.tasks.getTask(id).id).to.deep.equal(id);
  });

  it("keel pause pauses the pool, a reserve or flash loans as the guardian; a bad scope is a readable error", async () => {
    let s = await networkHelpers.loadFixture(fixture);
    await guardianPause(connection, s.keel.record, s.pool, { scope: "flash", from: 1 });
    expect(await s.pool.flashLoansPaused()).to.equal(true);
    await guardianPause(connection, s.keel.record, s.pool, { scope: "pool", from: 1 });
    expect(await s.pool.paused()).to.equal(true);
    // Guardian pauses share one cooldown: a reserve pause right after the pool's is refused, with the time it opens.
    let message = "";
    try {
      await guardianPause(connection, s.keel.record, s.pool, { scope: "reserve:usdc", from: 1 });
    } catch (e) {
      message = await describeError(hre, e);
    }
    expect(message).to.match(/^PoolPauseCooldown\(asset=0x[0-9a-fA-F]{40}, allowedAt=\d+\)$/);
    s = await networkHelpers.loadFixture(fixture);
    await guardianPause(connection, s.keel.record, s.pool, { scope: "reserve:usdc", from: 1 });
    expect((await s.pool.getKeelReserveData(s.keel.reserves.USDC.asset)).pausedUntil).to.be.greaterThan(
      BigInt(await networkHelpers.time.latest()),
    );
    await expectTaskError(
      guardianPause(connection, s.keel.record, s.pool, { scope: "everything", from: 1 }),
      /Invalid pause scope "everything"/,
    );
  });

  it("keel gov cancel: the guardian cancels an ordinary queued proposal", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await queued(s, "flash-premium:7:1000");
    const st = await status(hre, connection, s.keel.record, { id });
    expect([st.tier, st.tierDelay, st.cancelProtected]).to.deep.equal(["base", s.minDelay, false]);
    await cancelQueued(connection, s.keel.record, { id, from: 1 });
    expect(await s.governor.state(id)).to.equal(2n); // Canceled
    await expectTaskError(cancelQueued(connection, s.keel.record, { id, from: 1 }), /no pending timelock operation/);
  });

  it("remove-guardian: the guardian's keel gov cancel is refused with a decoded error; the removal executes", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const rec = s.keel.record;
    const id = await queued(s, `remove-guardian:${s.guardian.address}`);
    const st = await status(hre, connection, rec, { id });
    expect([st.tier, st.tierDelay, st.cancelProtected]).to.deep.equal(["critical", s.criticalDelay, true]);
    let message = "";
    try {
      await cancelQueued(connection, rec, { id, from: 1 });
    } catch (e) {
      message = await describeError(hre, e);
    }
    expect(message).to.match(
      new RegExp(`^TimelockCancelProtected\\(id=0x[0-9a-f]{64}, caller=${s.guardian.address}\\)$`),
    );
    await execute(hre, connection, rec, { id, travel: true });
    expect((await s.manager.hasRole(Roles.GUARDIAN, s.guardian.address))[0]).to.equal(false);
    expect(await s.timelock.hasRole(await s.timelock.CANCELLER_ROLE(), s.guardian.address)).to.equal(false);
    await expectTaskError(
      presetActions(hre, connection, rec, "remove-guardian:nobody"),
      /needs the guardian's <address>/,
    );
  });
});
