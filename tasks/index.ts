// Keel's Hardhat tasks: a small definition each, the action in its own lazily imported file. Every task lives under
// the one `keel` namespace (`npx hardhat keel --help` lists them all, and no id can collide with Hardhat's or a
// plugin's), with a sub-namespace per module that has more than one task: `keel nft`, `keel rwa`, `keel psm`,
// `keel synth`, `keel safety`, `keel gov`, `keel upgrade`. The core spoke's tasks sit at the top (`keel supply`).
// Required values are positional (`keel supply USDC 100 --from 3`, `keel gov vote 7`); everything with a default is
// an option.
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { DEFAULT_SLIPPAGE_BPS } from "../scripts/keeper/constants.js";
import { KEEL, signerOption, spokeOption } from "./ids.js";
import { safetyTasks } from "./safety/index.js";
import { nftTasks } from "./nft/index.js";
import { stablecoinTasks } from "./stablecoin/index.js";

const amountTask = (name: string, description: string, amountHelp: string) =>
  task([KEEL, name], description)
    .addPositionalArgument({ name: "asset", description: "Asset symbol (e.g. USDC) or address" })
    .addPositionalArgument({ name: "amount", description: amountHelp })
    .addOption(signerOption(1))
    .addOption(spokeOption);

const proposalId = { name: "id", description: "Proposal id (a decimal number)" } as const;
const rwaCollateral = {
  name: "collateral",
  description: "RWA collateral symbol (e.g. TBILL) or address",
  defaultValue: "TBILL",
} as const;

export const tasks = [
  emptyTask(
    KEEL,
    "Keel: the core spoke's tasks, and the nft, rwa, psm, synth, safety, gov and upgrade namespaces",
  ).build(),
  task([KEEL, "status"], "Module map with versions, reserves with prices, utilisation, rates and caps")
    .setAction(() => import("./pool/status.js"))
    .build(),
  task([KEEL, "account"], "An account's collateral, debt, health factor and positions")
    .addOption({ name: "user", description: "Address or signer index", defaultValue: "1" })
    .addOption(spokeOption)
    .setAction(() => import("./pool/account.js"))
    .build(),
  amountTask("supply", "Supply an asset", "Amount in human units (250.5)")
    .setAction(() => import("./pool/supply.js"))
    .build(),
  amountTask("withdraw", "Withdraw an asset", 'Amount in human units, or "max"')
    .setAction(() => import("./pool/withdraw.js"))
    .build(),
  amountTask("borrow", "Borrow an asset at the variable rate", "Amount in human units")
    .setAction(() => import("./pool/borrow.js"))
    .build(),
  amountTask("repay", "Repay a variable-rate debt", 'Amount in human units, or "max"')
    .setAction(() => import("./pool/repay.js"))
    .build(),
  task([KEEL, "liquidate"], "Liquidate an unhealthy account")
    .addPositionalArgument({ name: "user", description: "Account to liquidate (address)" })
    .addOption({ name: "collateral", description: "Collateral asset symbol", defaultValue: "WETH" })
    .addOption({ name: "debt", description: "Debt asset symbol", defaultValue: "USDC" })
    .addOption({ name: "amount", description: 'Debt to cover in human units, or "max"', defaultValue: "max" })
    .addOption(signerOption(1))
    .addFlag({ name: "receiveKToken", description: "Take the collateral as supply tokens" })
    .addOption(spokeOption)
    .setAction(() => import("./pool/liquidate.js"))
    .build(),
  task([KEEL, "flash"], "Run a flash loan through a minimal receiver (pays the premium)")
    .addPositionalArgument({ name: "asset", description: "Asset symbol" })
    .addPositionalArgument({ name: "amount", description: "Amount in human units" })
    .addOption({ name: "api", description: '"aave" (flashLoanSimple) or "erc3156"', defaultValue: "aave" })
    .addOption(signerOption(1))
    .setAction(() => import("./pool/flash.js"))
    .build(),
  task([KEEL, "faucet"], "Mint mock tokens (development networks only)")
    .addPositionalArgument({ name: "asset", description: "Asset symbol" })
    .addPositionalArgument({ name: "amount", description: "Amount in human units" })
    .addOption({ name: "to", description: "Signer index", type: ArgumentType.INT, defaultValue: 1 })
    .setAction(() => import("./pool/faucet.js"))
    .build(),
  task([KEEL, "pause"], "Guardian: pause the pool, a reserve or flash loans (pauses expire; the DAO unpauses)")
    .addPositionalArgument({ name: "scope", description: "pool, flash or reserve:<symbol>" })
    .addOption(signerOption(1, "Signer index (the guardian is #1 on dev networks)"))
    .setAction(() => import("./pool/pause.js"))
    .build(),
  task([KEEL, "keeper"], "Keeper: liquidate the core spoke's unhealthy accounts, open and settle NFT auctions")
    .addFlag({ name: "dryRun", description: "Report what it would do; send nothing" })
    .addFlag({
      name: "flash",
      description: "No capital: flash-borrow the debt, swap the seized collateral, keep the profit",
    })
    .addOption({
      name: "slippageBps",
      description: "With --flash: share of the quoted profit, in bps, a price move or sandwich may take",
      type: ArgumentType.BIGINT,
      defaultValue: DEFAULT_SLIPPAGE_BPS,
    })
    .addOption({
      name: "watch",
      description: "Run again every this many seconds until stopped (0: once)",
      type: ArgumentType.INT,
      defaultValue: 0,
    })
    .setAction(() => import("./keeper/run.js"))
    .build(),
  emptyTask([KEEL, "gov"], "Governance: propose, vote, queue, execute, cancel, status").build(),
  task([KEEL, "gov", "propose"], "Open a DAO proposal: --targets/--calldata JSON arrays, or an --action preset")
    .addOption({ name: "targets", description: 'JSON array of target addresses, e.g. ["0x…"]', defaultValue: "" })
    .addOption({ name: "calldata", description: "JSON array of 0x calldata, one per target", defaultValue: "" })
    .addOption({ name: "values", description: "JSON array of wei values (default all 0)", defaultValue: "" })
    .addOption({
      name: "action",
      description:
        "Preset: flash-premium:<bps>:<toProtocolBps>, unpause, unpause-flash-loans, critical-delay:<s>, rate-params:<symbol>:<base>:<slope1>:<slope2>:<optimal>, default-rate-params:<base>:<slope1>:<slope2>:<optimal> (bps; both refresh the stored rates), remove-guardian:<address>",
      defaultValue: "",
    })
    .addOption({
      name: "description",
      description: "Proposal description (default: the preset's summary)",
      defaultValue: "",
    })
    .addOption(signerOption(0))
    .setAction(() => import("./gov/propose.js"))
    .build(),
  task([KEEL, "gov", "vote"], "Vote on an active proposal")
    .addPositionalArgument(proposalId)
    .addOption({ name: "support", description: "for, against or abstain", defaultValue: "for" })
    .addOption({ name: "reason", description: "Optional reason", defaultValue: "" })
    .addOption(signerOption(0))
    .addFlag({ name: "travel", description: "Development chains: move the clock to the vote's start first" })
    .setAction(() => import("./gov/vote.js"))
    .build(),
  task([KEEL, "gov", "queue"], "Queue a succeeded proposal in the timelock")
    .addPositionalArgument(proposalId)
    .addOption(signerOption(0))
    .addFlag({ name: "travel", description: "Development chains: move the clock past the vote's end first" })
    .setAction(() => import("./gov/queue.js"))
    .build(),
  task([KEEL, "gov", "execute"], "Execute a queued proposal once its timelock delay has passed")
    .addPositionalArgument(proposalId)
    .addOption(signerOption(0))
    .addFlag({ name: "travel", description: "Development chains: move the clock to the eta first" })
    .setAction(() => import("./gov/execute.js"))
    .build(),
  task(
    [KEEL, "gov", "cancel"],
    "Cancel a queued proposal's timelock operation (guardian or Governor; refused for protected operations)",
  )
    .addPositionalArgument(proposalId)
    .addOption(signerOption(1, "Signer index (the guardian is #1 on dev networks)"))
    .setAction(() => import("./gov/cancel.js"))
    .build(),
  task([KEEL, "gov", "status"], "A proposal's state, votes, eta and decoded actions")
    .addPositionalArgument(proposalId)
    .setAction(() => import("./gov/status.js"))
    .build(),
  emptyTask([KEEL, "upgrade"], "Module upgrades: rehearse on the current chain, or propose to the DAO").build(),
  task(
    [KEEL, "upgrade", "rehearse"],
    "Rehearse a module upgrade on the current chain (snapshot, upgrade as the timelock, checks, revert)",
  )
    .addPositionalArgument({
      name: "module",
      description:
        "Pool, Oracle, RateModel, Treasury, ModuleRegistry, FlashLender, SafetyModule, or a spoke's record name (EModePool, NftSpoke, RwaSpoke)",
    })
    .addPositionalArgument({ name: "impl", description: "Contract name of the new implementation (e.g. PoolV2)" })
    .addOption({
      name: "initData",
      description: "0x initializer call (default: initializeV2(label) if present)",
      defaultValue: "",
    })
    .addOption({
      name: "sample",
      description: "How many pool users to compare before/after",
      type: ArgumentType.INT,
      defaultValue: 10,
    })
    .setAction(() => import("./upgrade/rehearse.js"))
    .build(),
  task(
    [KEEL, "upgrade", "propose"],
    "Validate and deploy a new implementation, and open the DAO proposal that upgrades to it",
  )
    .addPositionalArgument({
      name: "module",
      description:
        "Pool, Oracle, RateModel, Treasury, ModuleRegistry, FlashLender, SafetyModule, or a spoke's record name (EModePool, NftSpoke, RwaSpoke)",
    })
    .addPositionalArgument({ name: "impl", description: "Contract name of the new implementation (e.g. PoolV2)" })
    .addOption({
      name: "initData",
      description: "0x initializer call (default: initializeV2(title) if present)",
      defaultValue: "",
    })
    .addOption(signerOption(0, "Signer index (needs the proposal threshold in votes)"))
    .setAction(() => import("./upgrade/propose.js"))
    .build(),
  ...nftTasks,
  ...stablecoinTasks,
  ...safetyTasks,
  // The RWA spoke (tasks/rwa/): `keel rwa supply|borrow|repay|withdraw|liquidate <amount>` and `keel rwa status`.
  emptyTask([KEEL, "rwa"], "The RWA spoke: supply, withdraw, borrow, repay, liquidate, status").build(),
  ...(
    [
      ["supply", "Supply RWA collateral (allowlisted holders)", "Amount in human units"],
      ["withdraw", "Withdraw RWA collateral", 'Amount in human units, or "max"'],
      ["borrow", "Borrow the RWA spoke's debt asset (USDC) against RWA collateral", "Amount in human units"],
      ["repay", "Repay an RWA position's debt (anyone's: --user)", 'Amount in human units, or "max"'],
    ] as const
  ).map(([name, description, amountHelp]) =>
    task([KEEL, "rwa", name], description)
      .addPositionalArgument({ name: "amount", description: amountHelp })
      .addOption(rwaCollateral)
      .addOption({
        name: "user",
        description: "Account (address or signer index); default the signer",
        defaultValue: "",
      })
      .addOption(signerOption(1))
      .setAction(() => import(`./rwa/${name}.js`))
      .build(),
  ),
  task([KEEL, "rwa", "liquidate"], "Liquidate an RWA position (allowlisted liquidators, after the grace period)")
    .addPositionalArgument({ name: "user", description: "Account to liquidate (address or signer index)" })
    .addPositionalArgument({ name: "amount", description: 'Debt to cover in human units, or "max"' })
    .addOption(rwaCollateral)
    .addOption(signerOption(1))
    .setAction(() => import("./rwa/liquidate.js"))
    .build(),
  task([KEEL, "rwa", "status"], "The RWA spoke: caps, deficits, NAV, parameters, and an account's position (--user)")
    .addOption(rwaCollateral)
    .addOption({
      name: "user",
      description: "Account (address or signer index) whose position to show",
      defaultValue: "",
    })
    .setAction(() => import("./rwa/status.js"))
    .build(),
];
