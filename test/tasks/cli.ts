// The command line: every Keel task lives under the one `keel` namespace, a sub-namespace per module (empty tasks),
// required values are positional arguments in a fixed order, and the keeper takes flags.
import { expect } from "chai";
import hre from "hardhat";
import { ArgumentType } from "hardhat/types/arguments";
import type { Task } from "hardhat/types/tasks";
import { DEFAULT_SLIPPAGE_BPS } from "../../scripts/keeper/constants.js";

// Every runnable task under `keel`, with its positional arguments in order.
const EXPECTED: Record<string, string[]> = {
  "keel status": [],
  "keel account": [],
  "keel supply": ["asset", "amount"],
  "keel withdraw": ["asset", "amount"],
  "keel borrow": ["asset", "amount"],
  "keel repay": ["asset", "amount"],
  "keel liquidate": ["user"],
  "keel flash": ["asset", "amount"],
  "keel faucet": ["asset", "amount"],
  "keel pause": ["scope"],
  "keel keeper": [],
  "keel gov propose": [],
  "keel gov vote": ["id"],
  "keel gov queue": ["id"],
  "keel gov execute": ["id"],
  "keel gov cancel": ["id"],
  "keel gov status": ["id"],
  "keel upgrade rehearse": ["module", "impl"],
  "keel upgrade propose": ["module", "impl"],
  "keel nft deposit": ["id"],
  "keel nft withdraw": ["id"],
  "keel nft borrow": ["asset", "amount"],
  "keel nft repay": ["asset", "amount"],
  "keel nft auctions": [],
  "keel nft bid": ["id"],
  "keel nft redeem": ["id"],
  "keel nft settle": ["id"],
  "keel nft claim": ["asset"],
  "keel rwa supply": ["amount"],
  "keel rwa withdraw": ["amount"],
  "keel rwa borrow": ["amount"],
  "keel rwa repay": ["amount"],
  "keel rwa liquidate": ["user", "amount"],
  "keel rwa status": [],
  "keel psm buy": ["amount"],
  "keel psm sell": ["amount"],
  "keel synth status": [],
  "keel safety stake": ["asset", "amount"],
  "keel safety cooldown": ["asset", "amount"],
  "keel safety unstake": ["asset", "amount"],
  "keel safety status": [],
};

/** The runnable tasks below `t` (depth first), and the empty ones (the namespaces) apart. */
function walk(t: Task, runnable: Task[] = [], empty: Task[] = []): { runnable: Task[]; empty: Task[] } {
  (t.isEmpty ? empty : runnable).push(t);
  for (const sub of t.subtasks.values()) walk(sub, runnable, empty);
  return { runnable, empty };
}

describe("tasks: the keel command line", () => {
  it("defines one root task, the empty namespace `keel`: nothing of Keel's sits at the top level", () => {
    const ours = [...hre.tasks.rootTasks.values()].filter((t) => t.pluginId === undefined).map((t) => t.id.join(" "));
    expect(ours).to.deep.equal(["keel"]);
    expect(hre.tasks.getTask("keel").isEmpty).to.equal(true);
  });

  it("every task under keel, and its positional arguments in order", () => {
    const { runnable, empty } = walk(hre.tasks.getTask("keel"));
    const found = Object.fromEntries(runnable.map((t) => [t.id.join(" "), t.positionalArguments.map((a) => a.name)]));
    expect(found).to.deep.equal(EXPECTED);
    expect(empty.map((t) => t.id.join(" ")).sort()).to.deep.equal([
      "keel",
      "keel gov",
      "keel nft",
      "keel psm",
      "keel rwa",
      "keel safety",
      "keel synth",
      "keel upgrade",
    ]);
  });

  it("positional arguments are required (no defaults); a sender is an option", () => {
    for (const id of Object.keys(EXPECTED)) {
      const t = hre.tasks.getTask(id.split(" "));
      for (const a of t.positionalArguments) expect(a.defaultValue, `${id} <${a.name}>`).to.equal(undefined);
      expect(
        t.positionalArguments.map((a) => a.name),
        id,
      ).to.not.include("from");
    }
    expect(hre.tasks.getTask(["keel", "supply"]).options.get("from")?.defaultValue).to.equal(1);
    expect(hre.tasks.getTask(["keel", "gov", "vote"]).options.get("from")?.defaultValue).to.equal(0);
  });

  it("keel keeper: --dry-run and --flash flags, --slippage-bps (default the keeper's) and --watch (default once)", () => {
    const o = hre.tasks.getTask(["keel", "keeper"]).options;
    expect([...o.keys()].sort()).to.deep.equal(["dryRun", "flash", "slippageBps", "watch"]);
    expect(o.get("dryRun")?.type).to.equal(ArgumentType.FLAG);
    expect(o.get("flash")?.type).to.equal(ArgumentType.FLAG);
    expect(o.get("slippageBps")).to.include({ type: ArgumentType.BIGINT, defaultValue: DEFAULT_SLIPPAGE_BPS });
    expect(o.get("watch")).to.include({ type: ArgumentType.INT, defaultValue: 0 });
  });
});
