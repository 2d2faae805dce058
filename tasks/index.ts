// Keel's Hardhat tasks: a small definition each, the action in its own lazily imported file.
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { safetyTasks } from "./safety/index.js";
import { nftTasks } from "./nft/index.js";
import { stablecoinTasks } from "./stablecoin/index.js";

const amountTask = (id: string, description: string, amountHelp: string) =>
  task(id, description)
    .addOption({ name: "asset", description: "Asset symbol (e.g. USDC) or address", defaultValue: "USDC" })
    .addOption({ name: "amount", description: amountHelp, defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .addOption({ name: "spoke", description: 'Spoke record name (e.g. EModePool); default: the core spoke "Pool"', defaultValue: "" });

export const tasks = [
  ...nftTasks,
  ...stablecoinTasks,
  task("keel:status", "Module map with versions, reserves with prices, utilisation, rates and caps")
    .setAction(() => import("./pool/status.js"))
    .build(),
  task("keel:account", "An account's collateral, debt, health factor and positions")
    .addOption({ name: "user", description: "Address or signer index", defaultValue: "1" })
    .addOption({ name: "spoke", description: 'Spoke record name (e.g. EModePool); default: the core spoke "Pool"', defaultValue: "" })
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
    .addOption({ name: "spoke", description: 'Spoke record name (e.g. EModePool); default: the core spoke "Pool"', defaultValue: "" })
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
  task("gov:propose", "Open a DAO proposal: --targets/--calldata JSON arrays, or an --action preset")
    .addOption({ name: "targets", description: 'JSON array of target addresses, e.g. ["0x…"]', defaultValue: "" })
    .addOption({ name: "calldata", description: "JSON array of 0x calldata, one per target", defaultValue: "" })
    .addOption({ name: "values", description: "JSON array of wei values (default all 0)", defaultValue: "" })
    .addOption({ name: "action", description: "Preset: flash-premium:<bps>:<toProtocolBps>, unpause, unpause-flash-loans, critical-delay:<s>, rate-params:<symbol>:<base>:<slope1>:<slope2>:<optimal>, default-rate-params:<base>:<slope1>:<slope2>:<optimal> (bps; both refresh the stored rates), remove-guardian:<address>", defaultValue: "" })
    .addOption({ name: "description", description: "Proposal description (default: the preset's summary)", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 0 })
    .setAction(() => import("./gov/propose.js"))
    .build(),
  task("gov:vote", "Vote on an active proposal")
    .addOption({ name: "id", description: "Proposal id", defaultValue: "" })
    .addOption({ name: "support", description: "for, against or abstain", defaultValue: "for" })
    .addOption({ name: "reason", description: "Optional reason", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 0 })
    .addFlag({ name: "travel", description: "Development chains: move the clock to the vote's start first" })
    .setAction(() => import("./gov/vote.js"))
    .build(),
  task("gov:queue", "Queue a succeeded proposal in the timelock")
    .addOption({ name: "id", description: "Proposal id", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 0 })
    .addFlag({ name: "travel", description: "Development chains: move the clock past the vote's end first" })
    .setAction(() => import("./gov/queue.js"))
    .build(),
  task("gov:execute", "Execute a queued proposal once its timelock delay has passed")
    .addOption({ name: "id", description: "Proposal id", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 0 })
    .addFlag({ name: "travel", description: "Development chains: move the clock to the eta first" })
    .setAction(() => import("./gov/execute.js"))
    .build(),
  task("gov:cancel", "Cancel a queued proposal's timelock operation (guardian or Governor; refused for protected operations)")
    .addOption({ name: "id", description: "Proposal id", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index (the guardian is #1 on dev networks)", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./gov/cancel.js"))
    .build(),
  task("keel:pause", "Guardian: pause the pool, a reserve or flash loans (pauses expire; the DAO unpauses)")
    .addOption({ name: "scope", description: "pool, flash or reserve:<symbol>", defaultValue: "pool" })
    .addOption({ name: "from", description: "Signer index (the guardian is #1 on dev networks)", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./pool/pause.js"))
    .build(),
  task("gov:status", "A proposal's state, votes, eta and decoded actions")
    .addOption({ name: "id", description: "Proposal id", defaultValue: "" })
    .setAction(() => import("./gov/status.js"))
    .build(),
  task("upgrade:rehearse", "Rehearse a module upgrade on the current chain (snapshot, upgrade as the timelock, checks, revert)")
    .addOption({ name: "module", description: "Pool, Oracle, RateModel, Treasury, ModuleRegistry or FlashLender", defaultValue: "Pool" })
    .addOption({ name: "impl", description: "Contract name of the new implementation (e.g. PoolV2)", defaultValue: "" })
    .addOption({ name: "initData", description: "0x initializer call (default: initializeV2(label) if present)", defaultValue: "" })
    .addOption({ name: "sample", description: "How many pool users to compare before/after", type: ArgumentType.INT, defaultValue: 10 })
    .setAction(() => import("./upgrade/rehearse.js"))
    .build(),
  task("upgrade:propose", "Validate and deploy a new implementation, and open the DAO proposal that upgrades to it")
    .addOption({ name: "module", description: "Pool, Oracle, RateModel, Treasury, ModuleRegistry or FlashLender", defaultValue: "Pool" })
    .addOption({ name: "impl", description: "Contract name of the new implementation (e.g. PoolV2)", defaultValue: "" })
    .addOption({ name: "initData", description: "0x initializer call (default: initializeV2(title) if present)", defaultValue: "" })
    .addOption({ name: "from", description: "Signer index (needs the proposal threshold in votes)", type: ArgumentType.INT, defaultValue: 0 })
    .setAction(() => import("./upgrade/propose.js"))
    .build(),
  ...safetyTasks,
  // The RWA spoke (tasks/rwa/): supply|borrow|repay|withdraw|liquidate|status, human units.
  ...(
    [
      ["supply", "Supply RWA collateral (allowlisted holders)", "Amount in human units"],
      ["withdraw", "Withdraw RWA collateral", 'Amount in human units, or "max"'],
      ["borrow", "Borrow the RWA spoke's debt asset (USDC) against RWA collateral", "Amount in human units"],
      ["repay", "Repay an RWA position's debt (anyone's: --user)", 'Amount in human units, or "max"'],
      ["liquidate", "Liquidate an RWA position (allowlisted liquidators, after the grace period)", 'Debt to cover in human units, or "max"'],
      ["status", "The RWA spoke: caps, deficits, NAV, parameters, and an account's position (--user)", "Unused"],
    ] as const
  ).map(([name, description, amountHelp]) =>
    task(`keel:rwa:${name}`, description)
      .addOption({ name: "collateral", description: "RWA collateral symbol (e.g. TBILL) or address", defaultValue: "TBILL" })
      .addOption({ name: "amount", description: amountHelp, defaultValue: "" })
      .addOption({ name: "user", description: "Account (address or signer index); default the signer", defaultValue: "" })
      .addOption({ name: "from", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
      .setAction(() => import(`./rwa/${name}.js`))
      .build(),
  ),
];
