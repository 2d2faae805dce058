// kUSD and synth tasks (docs/stablecoin.md): the peg stability module's `keel psm buy|sell <amount>`, and
// `keel synth status`. Borrowing and repaying kUSD or kXAU are the ordinary `keel borrow` / `keel repay`. Registered
// by tasks/index.ts.
import { emptyTask, task } from "hardhat/config";
import { KEEL, signerOption } from "../ids.js";

const PSM = [KEEL, "psm"];
const SYNTH = [KEEL, "synth"];
const psmTask = (name: string, description: string, amountHelp: string) =>
  task([...PSM, name], description)
    .addPositionalArgument({ name: "amount", description: amountHelp })
    .addOption({
      name: "minOut",
      description: "Least accepted out, human units (default: the quote)",
      defaultValue: "",
    })
    .addOption(signerOption(1));

export const stablecoinTasks = [
  emptyTask(PSM, "kUSD's peg stability module: buy, sell").build(),
  psmTask(
    "buy",
    "Buy kUSD at the peg stability module with its reserve (USDC), less the buy fee",
    "Reserve in, human units (100 = 100 USDC)",
  )
    .setAction(() => import("./buy.js"))
    .build(),
  psmTask(
    "sell",
    "Sell kUSD at the peg stability module for its reserve (USDC), less the sell fee",
    "kUSD in, human units",
  )
    .setAction(() => import("./sell.js"))
    .build(),
  emptyTask(SYNTH, "Synths minted into the hub (kUSD, kXAU): status").build(),
  task(
    [...SYNTH, "status"],
    "Synths minted into the hub: supply, facilitators' buckets, hub liquidity, rate, price; the PSM",
  )
    .addOption({
      name: "user",
      description: "Signer index or address (optional): its synth balances and debts",
      defaultValue: "",
    })
    .setAction(() => import("./status.js"))
    .build(),
];
