// The SDK's upgrade history (packages/sdk/src/upgrades.ts) and proposals (packages/sdk/src/governance.ts) after the
// DAO upgrades the oracle to V2 through the governor, the timelock and KeelUpgrader: every proxy's deployment, then
// the upgrade with old and new versions; the proposal with its state, tier, ETA and decoded action.
import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { linkedFactory, upgradeOptionsFor } from "../../tasks/lib/upgrade.js";
import {
  MODULE_ABIS,
  abiFingerprint,
  abiForId,
  abiForVersion,
  moduleVersions,
  oracleAbi,
  poolAbi,
  formatAction,
  proposalTier,
  readProposal,
  readProposals,
  readUpgradeHistory,
  resolveModuleAbi,
} from "../../packages/sdk/src/index.js";
import {
  deployUpgradeFlowSystem,
  executeQueued,
  probesOf,
  proposeAndQueue,
  upgradeCalldata,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

/** The upgrade-flow system with the oracle upgraded to KeelOracleV2 by governance. */
async function fixture() {
  const s = await deployUpgradeFlowSystem(connection);
  const proxy = s.keel.address("Oracle");
  const upgradesApi = await upgrades(hre, connection);
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
    "Upgrade the oracle (sdk)",
  );
  const receipt = await (await executeQueued(s, q)).wait();
  return { s, impl: ethers.getAddress(impl), receipt: receipt!, q };
}

describe("sdk: upgrade history and governance proposals", () => {
  it("each proxy's deployment, then the oracle's upgrade with KeelUpgrader's old and new versions", async () => {
    const { s, impl, receipt } = await loadFixture(fixture);
    const history = await readUpgradeHistory(ethers.provider, s.keel.record);
    const record = s.keel.record.contracts;
    // Every proxy's first implementation is the one the deployer recorded.
    for (const [name, c] of Object.entries(record).filter(([, c]) => c.implementation !== undefined)) {
      const first = history.find((h) => h.module === name);
      expect(first?.implementation, name).to.equal(ethers.getAddress(c.implementation!));
      expect(first?.version, name).to.equal(undefined); // the deployment did not go through the upgrader
    }
    const oracle = history.filter((h) => h.module === "Oracle");
    expect(oracle).to.have.length(2);
    expect(oracle[1]).to.deep.equal({
      module: "Oracle",
      proxy: ethers.getAddress(record.Oracle.address),
      implementation: impl,
      block: receipt.blockNumber,
      txHash: receipt.hash,
      previousImplementation: ethers.getAddress(record.Oracle.implementation!),
      previousVersion: record.Oracle.version,
      version: "2.0.0",
      // The ABI identifiers the upgrader read before and after: V1's and V2's artifact ABI fingerprints.
      previousAbiId: abiFingerprint(oracleAbi),
      abiId: abiFingerprint((await hre.artifacts.readArtifact("KeelOracleV2")).abi),
    });
    expect(history.map((h) => h.block)).to.deep.equal([...history.map((h) => h.block)].sort((a, b) => a - b));
    // And the live versions agree: the oracle is flagged as upgraded since the record.
    const live = (await moduleVersions(ethers.provider, s.keel.record)).find((v) => v.name === "Oracle");
    expect([live?.version, live?.implementation, live?.upgraded]).to.deep.equal(["2.0.0", impl, true]);
  });

  it("the proposal: executed, critical tier with the timelock's critical delay, its ETA, and the decoded upgrade call", async () => {
    const { s, impl, q } = await loadFixture(fixture);
    const proposals = await readProposals(ethers.provider, s.keel.record);
    const p = proposals.find((x) => x.description === "Upgrade the oracle (sdk)");
    if (p === undefined)
      expect.fail(`the upgrade proposal is listed (${proposals.map((x) => x.description).join("; ")})`);
    expect(p.id).to.equal(q.proposalId);
    expect(p.state).to.equal("Executed");
    expect(Number(await s.governor.state(p.id))).to.equal(7); // Executed
    expect(p.eta).to.equal(await s.governor.proposalEta(p.id));
    expect(p.eta).to.equal(q.eta);
    expect([p.snapshot, p.deadline]).to.deep.equal([
      await s.governor.proposalSnapshot(p.id),
      await s.governor.proposalDeadline(p.id),
    ]);
    const [against, forVotes, abstain] = await s.governor.proposalVotes(p.id);
    expect(p.votes).to.deep.equal({ against, for: forVotes, abstain });
    expect(p.votes.for).to.be.gt(0n);
    expect([p.tier, p.tierDelay]).to.deep.equal(["critical", s.criticalDelay]);
    expect(p.proposer).to.equal(s.deployer.address);
    expect(p.actions).to.have.length(1);
    const a = p.actions[0];
    expect([a.targetName, a.function]).to.deep.equal([
      "Upgrader",
      "upgradeAndVerify(address,address,bytes,(address,bytes)[])",
    ]);
    expect(a.args.slice(0, 2)).to.deep.equal([s.keel.address("Oracle"), impl]);
    expect(Object.keys(a.named)).to.deep.equal(["proxy", "newImplementation", "data", "probes"]);
    // In words (what `keel gov status` prints): record names beside the addresses it knows.
    expect(formatAction(s.keel.record, a)).to.match(
      new RegExp(
        `^Upgrader\\.upgradeAndVerify\\(proxy=${s.keel.address("Oracle")} \\(Oracle\\), newImplementation=${impl}, data=0x, probes=\\[`,
      ),
    );
    // The quorum at the snapshot, as the governor counts it.
    expect(p.quorum).to.equal(await s.governor.quorum(p.snapshot));
    expect(p.quorum).to.be.gt(0n);
    // One proposal by id is the same record; an id the governor never created is undefined.
    expect(await readProposal(ethers.provider, s.keel.record, p.id)).to.deep.equal(p);
    expect(await readProposal(ethers.provider, s.keel.record, 123n)).to.equal(undefined);
  });

  it("formats an action no shipped ABI decodes as raw bytes, with the value it sends", () => {
    const action = {
      target: "0x" + "ab".repeat(20),
      targetName: undefined,
      value: 5n,
      calldata: "0xdeadbeef00",
      function: undefined,
      args: [],
      named: {},
    };
    expect(
      formatAction({ network: "x", chainId: "1", deployer: "0x", startedAt: "t", steps: [], contracts: {} }, action),
    ).to.equal(`${action.target} <- 0xdeadbeef… (5 bytes) {value: 5}`);
  });

  it("the tier of a batch before it is proposed: base for a base-tier call, critical with an upgrade in it", async () => {
    const { s, impl } = await loadFixture(fixture);
    const upgrade = upgradeCalldata(s, s.keel.address("Oracle"), impl, "0x", await probesOf(s, "Oracle"));
    const critical = await proposalTier(ethers.provider, s.keel.record, [s.keel.address("Upgrader")], [upgrade]);
    expect([critical.tier, critical.tierDelay]).to.deep.equal(["critical", s.criticalDelay]);
    const setPremium = s.pool.interface.encodeFunctionData("setFlashPremium", [5, 1000]);
    const base = await proposalTier(ethers.provider, s.keel.record, [s.keel.address("Pool")], [setPremium]);
    expect([base.tier, base.tierDelay, base.cancelProtected]).to.deep.equal(["base", s.minDelay, false]);
  });

  it("picks each module's ABI by the ABI identifier running on chain, and says when it does not ship that ABI", async () => {
    const { s } = await loadFixture(fixture);
    // Every module of the record that the SDK ships an ABI for: its on-chain abiId() is that ABI's fingerprint.
    for (const [name, c] of Object.entries(s.keel.record.contracts)) {
      const shipped = MODULE_ABIS[c.contract]?.[1];
      if (shipped === undefined || name === "Oracle") continue;
      const choice = await resolveModuleAbi(ethers.provider, s.keel.record, name);
      expect([choice.matchedBy, choice.exact, choice.abiId], name).to.deep.equal([
        "abiId",
        true,
        abiFingerprint(shipped),
      ]);
      expect(choice.abi, name).to.equal(shipped);
    }
    const pool = await resolveModuleAbi(ethers.provider, s.keel.record, "Pool");
    expect([pool.version, pool.exact, pool.abi, pool.matchedBy]).to.deep.equal(["1.0.0", true, poolAbi, "abiId"]);
    // The oracle now runs V2: its abiId() is V2's ABI, which this SDK does not ship; the 1.x ABI, exact = false.
    const oracle = await resolveModuleAbi(ethers.provider, s.keel.record, "Oracle");
    const v2Id = abiFingerprint((await hre.artifacts.readArtifact("KeelOracleV2")).abi);
    expect([oracle.contract, oracle.version, oracle.major, oracle.exact, oracle.known]).to.deep.equal([
      "KeelOracle",
      "2.0.0",
      2,
      false,
      [1],
    ]);
    expect([oracle.matchedBy, oracle.abiId]).to.deep.equal(["version", v2Id]);
    expect(oracle.abi).to.equal(oracleAbi);
    expect(abiForId("KeelOracle", v2Id)).to.equal(undefined);
    expect(abiForId("KeelOracle", abiFingerprint(oracleAbi))?.abi).to.equal(oracleAbi);
    expect(abiForId("Pool", abiFingerprint(oracleAbi))).to.equal(undefined); // another contract's ABI
    expect(() => abiForVersion("KeelOracle", "x")).to.throw(/not a version/);
    expect(() => abiForVersion("Nope", "1.0.0")).to.throw(/no ABI for "Nope"/);
  });
});
