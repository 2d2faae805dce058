// The NFT spoke's tasks: `nft:deposit|withdraw|borrow|repay|auctions|bid|redeem|settle|claim`, each action in its own lazily imported file.
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
  item("nft:redeem", "Redeem an auctioned NFT within its protection window (repay, pay the fine to the first bidder, keep it)")
    .addOption({ name: "amount", description: 'Debt to repay in human units, or "max"', defaultValue: "max" })
    .setAction(() => import("./redeem.js"))
    .build(),
  item("nft:settle", "Settle an ended NFT auction (the winner takes the item, the price repays the loan)").setAction(() => import("./settle.js")).build(),
  task("nft:claim", "Claim your credit from the NFT spoke (outbid bids, fines, an auction's surplus)")
    .addOption({ name: "asset", description: "Asset symbol (e.g. USDC) or address", defaultValue: "USDC" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./claim.js"))
    .build(),
];
