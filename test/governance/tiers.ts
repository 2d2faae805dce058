// Finding 2 of the governance review (tiers failed open): the tier of EVERY function of EVERY deployed contract is
// read from the deployed timelock and compared with deploy/roles.ts, generated from the contracts' ABIs. A function
// added to any module is critical until someone allow-lists it on purpose; a base-tier entry that names a function
// that does not exist (renamed, typo) fails too. The README's table must equal the one generated from roles.ts.
import { expect } from "chai";
import hre from "hardhat";
import { readFileSync } from "node:fs";
import { Interface } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { BASE_TIER, CANCEL_PROTECTED } from "../../deploy/roles.js";
import { protectedArgWord, selectorOf, tierTableMarkdown } from "../../deploy/tiers.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "tiers", recordDir: null });
  const timelock = await ethers.getContractAt("KeelTimelock", keel.address("Timelock"));
  return { keel, timelock };
}

async function abiOf(contract: string): Promise<Interface> {
  return new Interface((await hre.artifacts.readArtifact(contract)).abi);
}

describe("governance tiers (finding 2: critical by default, generated from the ABIs)", () => {
  it("every function of every deployed contract has the tier deploy/roles.ts gives it; the rest is critical", async () => {
    const { keel, timelock } = await networkHelpers.loadFixture(fixture);
    let checked = 0;
    const seen = new Set<string>();
    for (const [name, entry] of Object.entries(keel.record.contracts)) {
      const iface = await abiOf(entry.contract);
      const base = new Set(BASE_TIER[entry.contract] ?? []);
      const fns: string[] = [];
      iface.forEachFunction((f) => {
        fns.push(f.format("sighash"));
      });
      for (const sig of fns) {
        const expected = base.has(sig);
        if (expected) seen.add(`${entry.contract}.${sig}`);
        expect(
          await timelock.isBaseTier(entry.address, selectorOf(sig)),
          `${name} (${entry.contract}).${sig}`,
        ).to.equal(expected);
        checked++;
      }
    }
    // Every allow-listed entry exists on a deployed contract (a renamed function cannot linger in the list).
    for (const [contract, sigs] of Object.entries(BASE_TIER)) {
      for (const sig of sigs) expect(seen.has(`${contract}.${sig}`), `${contract}.${sig} is deployed`).to.equal(true);
    }
    expect(checked).to.be.greaterThan(500);
  });

  it("the calls the review found at the base tier now wait the critical delay", async () => {
    const { keel, timelock } = await networkHelpers.loadFixture(fixture);
    const critical = await timelock.getCriticalDelay();
    const calls: [string, string, string][] = [
      ["Governor", "KeelGovernor", "updateTimelock(address)"],
      ["Governor", "KeelGovernor", "updateQuorumNumerator(uint256)"],
      ["Governor", "KeelGovernor", "setVotingPeriod(uint32)"],
      ["Governor", "KeelGovernor", "setVotingDelay(uint48)"],
      ["Governor", "KeelGovernor", "relay(address,uint256,bytes)"],
      ["LiquidityHub", "LiquidityHub", "configureAsset(address,address,uint16,uint16,bool)"],
      ["LiquidityHub", "LiquidityHub", "setSpokeCaps(address,address,uint64,uint64)"],
      ["FlashLender", "KeelFlashLender", "setPool(address)"],
      ["Treasury", "KeelTreasury", "setPool(address)"],
      ["Oracle", "KeelOracle", "setFeed(address,address,uint32)"],
      ["AccessManager", "KeelAccessManager", "renounceRole(uint64,address)"],
    ];
    for (const [key, contract, sig] of calls) {
      const iface = await abiOf(contract);
      const fn = iface.getFunction(sig);
      expect(fn, `${contract}.${sig}`).to.not.equal(null);
      const data = fn!.selector + "00".repeat(32 * fn!.inputs.length);
      expect(await timelock.requiredDelay([keel.address(key)], [data]), `${contract}.${sig}`).to.equal(critical);
    }
  });

  it("the cancel-protected patterns of deploy/roles.ts are registered, with their first-argument restriction", async () => {
    const { keel, timelock } = await networkHelpers.loadFixture(fixture);
    const addressOf: Record<string, string> = {
      Pool: keel.address("Pool"),
      LiquidityHub: keel.address("LiquidityHub"),
      KeelAccessManager: keel.address("AccessManager"),
      KeelTimelock: keel.address("Timelock"),
    };
    for (const c of CANCEL_PROTECTED) {
      const word = protectedArgWord(c) ?? ethers.ZeroHash;
      expect(
        await timelock.isCancelProtected(addressOf[c.contract], selectorOf(c.signature), word),
        c.signature,
      ).to.equal(true);
      if (protectedArgWord(c) !== null) {
        // Another first argument (e.g. revoking ADMIN instead of GUARDIAN) is not protected.
        expect(
          await timelock.isCancelProtected(addressOf[c.contract], selectorOf(c.signature), ethers.ZeroHash),
        ).to.equal(false);
      }
    }
  });

  it("README: the governance tier table is the one generated from deploy/roles.ts (npm run tiers)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const m = readme.match(/<!-- tiers:begin -->\n([\s\S]*?)\n<!-- tiers:end -->/);
    expect(m, "README has a tiers:begin/tiers:end block").to.not.equal(null);
    expect(m![1]).to.equal(tierTableMarkdown());
  });
});
