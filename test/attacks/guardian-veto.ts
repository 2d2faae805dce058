// Finding 1 of the governance review (High): a hostile guardian paused the pool and then cancelled every proposal
// that would unpause it or revoke the guardian, because it held CANCELLER_ROLE on the one queue all DAO actions pass.
// Now an operation made ONLY of cancel-protected calls (revoking the guardian's roles, unpausing) cannot be cancelled
// by a canceller that is not a proposer. The guardian here acts as an adversary for as many rounds as it likes: it
// still loses, within the bound docs/governance.md states (voting delay + voting period + late-quorum extension +
// the critical delay, from the moment the DAO proposes). Finding 3 on the full system: no proposal can leave the
// AccessManager without an ADMIN holder.
import { expect } from "chai";
import hre from "hardhat";
import { Roles } from "../../deploy/roles.js";
import { timelockOperationId } from "../../tasks/lib/guardian.js";
import {
  type QueuedProposal,
  type UpgradeFlowSystem,
  deployUpgradeFlowSystem,
  executeQueued,
  proposeAndQueue,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

/** The timelock operation id of a queued proposal (the tasks' own helper). */
async function operationId(s: UpgradeFlowSystem, q: QueuedProposal): Promise<string> {
  return timelockOperationId(s.timelock, await s.governor.getAddress(), q);
}

describe("attacks: a hostile guardian (finding 1, timelock side; finding 3)", () => {
  const fixture = () => deployUpgradeFlowSystem(connection);

  it("finding 1: the guardian pauses and cancels round after round; the unpause and its removal still execute on time", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const manager = await s.manager.getAddress();
    const timelock = await s.timelock.getAddress();
    const pool = await s.pool.getAddress();
    const canceller = await s.timelock.CANCELLER_ROLE();
    await s.pool.connect(s.guardian).pause();
    expect(await s.pool.paused()).to.equal(true);

    // The DAO answers with two proposals at once: unpause, and remove the guardian.
    const proposedAt = BigInt(await time.latest());
    const unpause = await proposeAndQueue(
      s,
      [pool],
      [0n],
      [s.pool.interface.encodeFunctionData("unpause", [0])],
      "Unpause",
    );
    const unpauseId = await operationId(s, unpause);
    expect(await s.timelock.isOperationCancelProtected(unpauseId)).to.equal(true);
    // (a second proposal is created after the first is queued; both race the guardian)
    const removal = await proposeAndQueue(
      s,
      [manager, timelock],
      [0n, 0n],
      [
        s.manager.interface.encodeFunctionData("revokeRole", [Roles.GUARDIAN, s.guardian.address]),
        s.timelock.interface.encodeFunctionData("revokeRole", [canceller, s.guardian.address]),
      ],
      "Remove the hostile guardian",
    );
    const removalId = await operationId(s, removal);
    expect(await s.timelock.isOperationCancelProtected(removalId)).to.equal(true);

    // The adversary tries every few hours until the operations run; the DAO executes each as soon as it is ready.
    let unpausedAt = 0n;
    let removedAt = 0n;
    for (let round = 0; removedAt === 0n; round++) {
      expect(round, "rounds").to.be.lessThan(100);
      for (const id of [unpauseId, removalId]) {
        if (!(await s.timelock.isOperationPending(id))) continue;
        await expect(s.timelock.connect(s.guardian).cancel(id))
          .to.be.revertedWithCustomError(s.timelock, "TimelockCancelProtected")
          .withArgs(id, s.guardian.address);
      }
      if (unpausedAt === 0n && (await s.timelock.isOperationReady(unpauseId))) {
        await s.governor.execute(unpause.targets, unpause.values, unpause.calldatas, unpause.descriptionHash);
        unpausedAt = BigInt(await time.latest());
        expect(await s.pool.paused()).to.equal(false);
      }
      if (await s.timelock.isOperationReady(removalId)) {
        await s.governor.execute(removal.targets, removal.values, removal.calldatas, removal.descriptionHash);
        removedAt = BigInt(await time.latest());
      }
      await time.increase(6 * 3600);
    }
    expect(unpausedAt).to.be.greaterThan(0n);

    // The guardian is powerless now.
    expect((await s.manager.hasRole(Roles.GUARDIAN, s.guardian.address))[0]).to.equal(false);
    expect(await s.timelock.hasRole(canceller, s.guardian.address)).to.equal(false);
    await expect(s.pool.connect(s.guardian).pause())
      .to.be.revertedWithCustomError(s.pool, "AccessManagedUnauthorized")
      .withArgs(s.guardian.address);

    // The bounds of docs/governance.md, from the moment each proposal is made: unpause within votingDelay +
    // votingPeriod + lateQuorumExtension + the base delay, removal within the same + the critical delay (here the
    // removal was proposed once the first proposal was queued; the loop adds at most its 6-hour step).
    const g = s.governor;
    const votingPath = (await g.votingDelay()) + (await g.votingPeriod()) + (await g.lateQuorumVoteExtension());
    const step = 6n * 3600n + 60n;
    expect(unpausedAt - proposedAt).to.be.lessThanOrEqual(votingPath + s.minDelay + step);
    expect(removedAt - proposedAt).to.be.lessThanOrEqual(2n * votingPath + s.criticalDelay + step);
  });

  it("finding 1: a proposal that bundles anything with the removal stays cancellable (no hiding behind a protected call)", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const manager = await s.manager.getAddress();
    const pool = await s.pool.getAddress();
    const q = await proposeAndQueue(
      s,
      [manager, pool],
      [0n, 0n],
      [
        s.manager.interface.encodeFunctionData("revokeRole", [Roles.GUARDIAN, s.guardian.address]),
        s.pool.interface.encodeFunctionData("setFlashPremium", [9, 1000]),
      ],
      "Remove the guardian and change the premium",
    );
    const id = await operationId(s, q);
    expect(await s.timelock.isOperationCancelProtected(id)).to.equal(false);
    await expect(s.timelock.connect(s.guardian).cancel(id)).to.emit(s.timelock, "Cancelled").withArgs(id);
    expect(await s.governor.state(q.proposalId)).to.equal(2n); // Canceled
  });

  it("finding 1: revoking a role other than GUARDIAN is not protected: the guardian keeps its veto over it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const manager = await s.manager.getAddress();
    const q = await proposeAndQueue(
      s,
      [manager],
      [0n],
      [s.manager.interface.encodeFunctionData("revokeRole", [Roles.UPGRADER, s.keel.address("Upgrader")])],
      "Revoke the upgrader",
    );
    const id = await operationId(s, q);
    expect(await s.timelock.isOperationCancelProtected(id)).to.equal(false);
    await expect(s.timelock.connect(s.guardian).cancel(id)).to.emit(s.timelock, "Cancelled").withArgs(id);
  });

  it("finding 3: a passed proposal renouncing the timelock's ADMIN_ROLE cannot execute; ADMIN is never left empty", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const manager = await s.manager.getAddress();
    const timelock = await s.timelock.getAddress();
    expect(await s.manager.adminCount()).to.equal(1n);
    const q = await proposeAndQueue(
      s,
      [manager],
      [0n],
      [s.manager.interface.encodeFunctionData("renounceRole", [Roles.ADMIN, timelock])],
      "Renounce ADMIN",
    );
    expect(q.eta - q.queuedAt).to.equal(s.criticalDelay); // renounceRole is critical (finding 2)
    await expect(executeQueued(s, q))
      .to.be.revertedWithCustomError(s.manager, "KeelAccessManagerLastAdmin")
      .withArgs(timelock);
    expect((await s.manager.hasRole(Roles.ADMIN, timelock))[0]).to.equal(true);
    // The same holds for revokeRole.
    const q2 = await proposeAndQueue(
      s,
      [manager],
      [0n],
      [s.manager.interface.encodeFunctionData("revokeRole", [Roles.ADMIN, timelock])],
      "Revoke ADMIN",
    );
    await expect(executeQueued(s, q2))
      .to.be.revertedWithCustomError(s.manager, "KeelAccessManagerLastAdmin")
      .withArgs(timelock);
  });
});
