// Actions of the upgrade tasks (`keel upgrade ...`). The logic is in tasks/lib/upgrade.ts so tests can run it in-process.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { describeError, openKeel, runTask } from "../lib/keel.js";
import { formatRehearsal, proposeUpgrade, rehearseUpgrade } from "../lib/upgrade.js";

export async function rehearseAction(
  args: { module: string; impl: string; initData: string; sample: number },
  hre: HardhatRuntimeEnvironment,
) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const report = await rehearseUpgrade(hre, k.connection, k.record, {
      module: args.module,
      impl: args.impl,
      initData: args.initData === "" ? undefined : args.initData,
      sample: args.sample,
      describeError: (e) => describeError(hre, e),
    });
    for (const line of formatRehearsal(report)) console.log(line);
    if (!report.ok) process.exitCode = 1;
  });
}

export async function proposeUpgradeAction(
  args: { module: string; impl: string; initData: string; from: number },
  hre: HardhatRuntimeEnvironment,
) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const p = await proposeUpgrade(hre, k.connection, k.record, {
      module: args.module,
      impl: args.impl,
      initData: args.initData === "" ? undefined : args.initData,
      from: args.from,
    });
    console.log(`✔ implementation ${args.impl} ${p.newVersion} deployed at ${p.implementation}`);
    console.log(`✔ proposal ${String(p.proposalId)} opened`);
    console.log(p.description.replace(/^/gm, "  | "));
    console.log(
      `Next: npx hardhat keel gov vote ${String(p.proposalId)} --support for, then keel gov queue and keel gov execute (critical delay).`,
    );
  });
}
