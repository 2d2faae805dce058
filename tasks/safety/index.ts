// Safety module tasks (docs/insurance.md): stake, cool down, unstake, status. Registered by tasks/index.ts.
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

const safetyTask = (id: string, description: string, amountHelp: string) =>
  task(id, description)
    .addOption({ name: "asset", description: "Insured asset symbol (e.g. USDC) or address", defaultValue: "USDC" })
    .addOption({ name: "amount", description: amountHelp, defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 });

export const safetyTasks = [
  safetyTask("safety:stake", "Stake an asset in the safety module (it insures the hub's suppliers)", "Amount in human units").setAction(() => import("./stake.js")).build(),
  safetyTask("safety:cooldown", "Start the cooldown of stake shares (unstake within the window after it)", 'Shares in human units, or "max"').setAction(() => import("./cooldown.js")).build(),
  safetyTask("safety:unstake", "Unstake cooled shares within the withdrawal window", 'Shares in human units, or "max"').setAction(() => import("./unstake.js")).build(),
  task("safety:status", "Safety module: stake pools, cover paid, harvested income, an account's stake and cooldown")
    .addOption({ name: "user", description: "Signer index or address (optional)", defaultValue: "" })
    .setAction(() => import("./status.js"))
    .build(),
];
