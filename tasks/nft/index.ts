// The NFT spoke's tasks: `nft:deposit|withdraw|borrow|repay|auctions|bid`, each action in its own lazily imported file.
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

const item = (id: string, description: string) =>
  task(id, description)
    .addOption({ name: "collection", description: "Collection symbol (e.g. KPUNK) or address", defaultValue: "KPUNK" })
    .addOption({ name: "id", description: "Token id", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 });
const amount = (id: string, description: string, help: string) =>
  task(id, description)
    .addOption({ name: "asset", description: "Asset symbol (e.g. USDC) or address", defaultValue: "USDC" })
    .addOption({ name: "amount", description: help, defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 });

export const nftTasks = [
  item("nft:deposit", "Deposit an NFT into the NFT spoke as collateral").setAction(() => import("./deposit.js")).build(),
  item("nft:withdraw", "Withdraw an NFT from the NFT spoke").setAction(() => import("./withdraw.js")).build(),
  amount("nft:borrow", "Borrow a hub asset against your NFTs", "Amount in human units").setAction(() => import("./borrow.js")).build(),
  amount("nft:repay", "Repay an NFT loan (in its own asset)", 'Amount in human units, or "max"')
    .addOption({ name: "user", description: "Account to repay for (default: the signer)", defaultValue: "" })
    .setAction(() => import("./repay.js"))
    .build(),
  task("nft:auctions", "Running NFT auctions and accounts that can be auctioned").setAction(() => import("./auctions.js")).build(),
  item("nft:bid", "Bid on an NFT (opens the auction below health factor 1)")
    .addOption({ name: "amount", description: 'Bid in human units of the debt asset, or "min"', defaultValue: "min" })
    .setAction(() => import("./bid.js"))
    .build(),
];
