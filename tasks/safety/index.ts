// Safety module tasks (docs/insurance.md): `keel safety stake|cooldown|unstake <asset> <amount>`, `keel safety status`.
// Registered by tasks/index.ts.
import { emptyTask, task } from "hardhat/config";
import { KEEL, signerOption } from "../ids.js";

const SAFETY = [KEEL, "safety"];
const safetyTask = (name: string, description: string, amountHelp: string) =>
  task([...SAFETY, name], description)
    .addPositionalArgument({ name: "asset", description: "Insured asset symbol (e.g. USDC) or address" })
    .addPositionalArgument({ name: "amount", description: amountHelp })
    .addOption(signerOption(1));

export const safetyTasks = [
  emptyTask(SAFETY, "The safety module: stake, cooldown, unstake, status").build(),
  safetyTask("stake", "Stake an asset in the safety module (it insures the hub's suppliers)", "Amount in human units")
    .setAction(() => import("./stake.js"))
    .build(),
  safetyTask(
    "cooldown",
    "Start the cooldown of stake shares (unstake within the window after it)",
    'Shares in human units, or "max"',
  )
    .setAction(() => import("./cooldown.js"))
    .build(),
  safetyTask("unstake", "Unstake cooled shares within the withdrawal window", 'Shares in human units, or "max"')
    .setAction(() => import("./unstake.js"))
    .build(),
  task(
    [...SAFETY, "status"],
    "Safety module: stake pools, cover paid, harvested income, an account's stake and cooldown",
  )
    .addOption({ name: "user", description: "Signer index or address (optional)", defaultValue: "" })
    .setAction(() => import("./status.js"))
    .build(),
];
