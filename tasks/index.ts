// Keel's Hardhat tasks: a small definition each, the action in its own lazily imported file.
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

const amountTask = (id: string, description: string, amountHelp: string) =>
  task(id, description)
    .addOption({ name: "asset", description: "Asset symbol (e.g. USDC) or address", defaultValue: "USDC" })
    .addOption({ name: "amount", description: amountHelp, defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 });

export const tasks = [
  task("keel:status", "Module map with versions, reserves with prices, utilisation, rates and caps")
    .setAction(() => import("./pool/status.js"))
    .build(),
  task("keel:account", "An account's collateral, debt, health factor and positions")
    .addOption({ name: "user", description: "Address or signer index", defaultValue: "1" })
    .setAction(() => import("./pool/account.js"))
    .build(),
  amountTask("keel:supply", "Supply an asset", "Amount in human units (250.5)").setAction(() => import("./pool/supply.js")).build(),
  amountTask("keel:withdraw", "Withdraw an asset", 'Amount in human units, or "max"').setAction(() => import("./pool/withdraw.js")).build(),
  amountTask("keel:borrow", "Borrow an asset at the variable rate", "Amount in human units").setAction(() => import("./pool/borrow.js")).build(),
  amountTask("keel:repay", "Repay a variable-rate debt", 'Amount in human units, or "max"').setAction(() => import("./pool/repay.js")).build(),
  task("keel:liquidate", "Liquidate an unhealthy account")
    .addOption({ name: "collateral", description: "Collateral asset symbol", defaultValue: "WETH" })
    .addOption({ name: "debt", description: "Debt asset symbol", defaultValue: "USDC" })
    .addOption({ name: "user", description: "Account to liquidate", defaultValue: "" })
    .addOption({ name: "amount", description: 'Debt to cover in human units, or "max"', defaultValue: "max" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .addFlag({ name: "receiveKToken", description: "Take the collateral as supply tokens" })
    .setAction(() => import("./pool/liquidate.js"))
    .build(),
  task("keel:flash", "Run a flash loan through a minimal receiver (pays the premium)")
    .addOption({ name: "asset", description: "Asset symbol", defaultValue: "USDC" })
    .addOption({ name: "amount", description: "Amount in human units", defaultValue: "" })
    .addOption({ name: "api", description: '"aave" (flashLoanSimple) or "erc3156"', defaultValue: "aave" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./pool/flash.js"))
    .build(),
  task("keel:faucet", "Mint mock tokens (development networks only)")
    .addOption({ name: "asset", description: "Asset symbol", defaultValue: "USDC" })
    .addOption({ name: "amount", description: "Amount in human units", defaultValue: "" })
    .addOption({ name: "to", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./pool/faucet.js"))
    .build(),
];
