// The NFT spoke's tasks: `keel nft deposit|withdraw|bid|redeem|settle <id>`, `keel nft borrow|repay <asset> <amount>`,
// `keel nft claim <asset>`, `keel nft auctions`, each action in its own lazily imported file.
import { emptyTask, task } from "hardhat/config";
import { KEEL, signerOption } from "../ids.js";

const NFT = [KEEL, "nft"];
const item = (name: string, description: string) =>
  task([...NFT, name], description)
    .addPositionalArgument({ name: "id", description: "Token id" })
    .addOption({ name: "collection", description: "Collection symbol (e.g. KPUNK) or address", defaultValue: "KPUNK" })
    .addOption(signerOption(1));
const amount = (name: string, description: string, help: string) =>
  task([...NFT, name], description)
    .addPositionalArgument({ name: "asset", description: "Asset symbol (e.g. USDC) or address" })
    .addPositionalArgument({ name: "amount", description: help })
    .addOption(signerOption(1));

export const nftTasks = [
  emptyTask(NFT, "The NFT spoke: deposit, withdraw, borrow, repay, auctions, bid, redeem, settle, claim").build(),
  item("deposit", "Deposit an NFT into the NFT spoke as collateral")
    .setAction(() => import("./deposit.js"))
    .build(),
  item("withdraw", "Withdraw an NFT from the NFT spoke")
    .setAction(() => import("./withdraw.js"))
    .build(),
  amount("borrow", "Borrow a hub asset against your NFTs", "Amount in human units")
    .setAction(() => import("./borrow.js"))
    .build(),
  amount("repay", "Repay an NFT loan (in its own asset)", 'Amount in human units, or "max"')
    .addOption({ name: "user", description: "Account to repay for (default: the signer)", defaultValue: "" })
    .setAction(() => import("./repay.js"))
    .build(),
  task([...NFT, "auctions"], "Running NFT auctions and accounts that can be auctioned")
    .setAction(() => import("./auctions.js"))
    .build(),
  item("bid", "Bid on an NFT (opens the auction below health factor 1)")
    .addOption({ name: "amount", description: 'Bid in human units of the debt asset, or "min"', defaultValue: "min" })
    .setAction(() => import("./bid.js"))
    .build(),
  item(
    "redeem",
    "Redeem an auctioned NFT within its protection window (repay, pay the fine to the first bidder, keep it)",
  )
    .addOption({ name: "amount", description: 'Debt to repay in human units, or "max"', defaultValue: "max" })
    .setAction(() => import("./redeem.js"))
    .build(),
  item("settle", "Settle an ended NFT auction (the winner takes the item, the price repays the loan)")
    .setAction(() => import("./settle.js"))
    .build(),
  task([...NFT, "claim"], "Claim your credit from the NFT spoke (outbid bids, fines, an auction's surplus)")
    .addPositionalArgument({ name: "asset", description: "Asset symbol (e.g. USDC) or address" })
    .addOption(signerOption(1))
    .setAction(() => import("./claim.js"))
    .build(),
];
