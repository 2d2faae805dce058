// kUSD and synth tasks (docs/stablecoin.md): the peg stability module's buy and sell, and the synths' status.
// Borrowing and repaying kUSD or kXAU are the ordinary keel:borrow / keel:repay. Registered by tasks/index.ts.
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

const psmTask = (id: string, description: string, amountHelp: string) =>
  task(id, description)
    .addOption({ name: "amount", description: amountHelp, defaultValue: "" })
    .addOption({ name: "minOut", description: "Least accepted out, human units (default: the quote)", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 });

export const stablecoinTasks = [
  psmTask("keel:psm:buy", "Buy kUSD at the peg stability module with its reserve (USDC), less the buy fee", "Reserve in, human units (100 = 100 USDC)")
    .setAction(() => import("./buy.js"))
    .build(),
  psmTask("keel:psm:sell", "Sell kUSD at the peg stability module for its reserve (USDC), less the sell fee", "kUSD in, human units")
    .setAction(() => import("./sell.js"))
    .build(),
  task("keel:synth:status", "Synths minted into the hub: supply, facilitators' buckets, hub liquidity, rate, price; the PSM")
    .addOption({ name: "user", description: "Signer index or address (optional): its synth balances and debts", defaultValue: "" })
    .setAction(() => import("./status.js"))
    .build(),
];
