// The JSON the console's server answers under /api/<view> and the page renders: the SDK's own types with every bigint
// as its decimal string (JSON has no bigint). Type-only imports: the page never loads @keel/sdk in the browser.
import type {
  Account,
  HubMarket,
  ModuleVersion,
  NftAccount,
  PoolMarket,
  Proposal,
  RwaAccount,
  UpgradeEvent,
} from "@keel/sdk";

/** `T` as it travels in JSON: bigints become decimal strings. */
export type Json<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** The views, by their stable ids: the page's tabs (`#tab-<id>`) and sections (`#view-<id>`). */
export const VIEWS = ["markets", "accounts", "caps", "governance", "modules"] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  markets: "Markets",
  accounts: "Accounts",
  caps: "Hub caps",
  governance: "Governance",
  modules: "Modules & upgrades",
};

/** Every view is read at one block, so interest-bearing values agree with each other and with a reader at that block. */
export interface AtBlock {
  block: number;
  /** The block's timestamp (unix seconds): the chain's "now" (a dev node's clock may run ahead of the wall clock). */
  timestamp: number;
}

export interface Meta extends AtBlock {
  network: string;
  chainId: string;
  rpc: string;
  deployment: string;
  /** Record names by address (checksummed): spokes, modules, tokens. */
  names: Record<string, string>;
  /** The node's unlocked accounts the dev signer may send from (`--dev-signer`); empty: the console is read only. */
  devAccounts: string[];
  /** The core spoke's reserves by symbol (the dev signer's assets). */
  reserves: { symbol: string; decimals: number }[];
}

/** The dev signer's actions on the core spoke (its `poolTx` builders). */
export const DEV_KINDS = ["supply", "withdraw", "borrow", "repay"] as const;
export type DevKind = (typeof DEV_KINDS)[number];

/** POST /api/dev/simulate and /api/dev/send: an action of the dev account at `account` (its index in `devAccounts`);
 *  `amount` in the asset's units as typed ("250.5"), or "max" for a withdrawal or a repayment. */
export interface DevRequest {
  account: number;
  kind: DevKind;
  asset: string;
  amount: string;
}

/** The account's health factor, borrowing power and totals (base currency, 8 decimals; health factor WAD). */
export interface DevAccountLine {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  availableBorrowsBase: bigint;
  healthFactor: bigint;
}

/** What the SDK predicts for the next block (`simulate`), and, for a send, what the mined transaction left. */
export interface DevResult {
  from: string;
  kind: DevKind;
  asset: string;
  /** The amount in asset units (MaxUint256 for "max"). */
  amount: bigint;
  /** The block timestamp the prediction is for. */
  timestamp: number;
  before: DevAccountLine;
  /** The predicted account; undefined when the spoke would refuse. */
  predicted?: DevAccountLine;
  /** The refusal, decoded (`PoolInsufficientCollateral(borrowPowerBase=..., debtBase=...)`): the SDK's prediction, or
   *  the node's own answer when a send was refused. Nothing is sent when the prediction is a refusal. */
  refusal?: string;
  sent?: { txHash: string; block: number; account: DevAccountLine };
}

/** A point of an asset's rate curve, as the asset's rate model answers it for that utilisation. */
export interface CurvePoint {
  utilisationBps: number;
  /** Annual rates, RAY. */
  borrowAprRay: bigint;
  supplyAprRay: bigint;
}

export interface HubAssetMarket extends HubMarket {
  /** Empty when the model does not answer `annualBorrowRate` (e.g. no model). */
  curve: CurvePoint[];
  /** The kink of a kinked model (bps), when the model reports one. */
  kinkBps: number | undefined;
}

export interface SpokeMarkets {
  name: string;
  address: string;
  /** "Pool" for Pool-type spokes, else the record's contract name ("NftSpoke", "RwaSpoke", "SafetyModule", ...). */
  kind: string;
  /** Pool-type spokes: their reserves. Other spokes: empty (their hub accounts are in `hub[].spokes`). */
  reserves: PoolMarket[];
}

export interface MarketsView extends AtBlock {
  hub: HubAssetMarket[];
  spokes: SpokeMarkets[];
}

/** One account on one spoke, or the spoke's refusal to value it (e.g. `OracleStalePrice(...)`), decoded. */
export type SpokeRead<T> =
  { name: string; account: T; error?: undefined } | { name: string; account?: undefined; error: string };

/** A user on every spoke (the SDK's `Portfolio`, each spoke read on its own so one refusal does not hide the rest). */
export interface UserAccounts {
  user: string;
  pools: SpokeRead<Account>[];
  nft: SpokeRead<NftAccount>[];
  rwa: SpokeRead<RwaAccount>[];
}

export interface AccountsView extends AtBlock {
  /** Where the list of accounts comes from (the node's accounts, the spokes' events). */
  sources: string[];
  /** Accounts with a position on at least one spoke (or a spoke that refused to value them). */
  accounts: UserAccounts[];
}

export interface GovernanceView extends AtBlock {
  proposals: Proposal[];
}

export interface ModulesView extends AtBlock {
  modules: ModuleVersion[];
  history: UpgradeEvent[];
}

/** The hub's caps are the markets' `hub[].spokes`: the caps view reads /api/markets. */
export interface ApiViews {
  meta: Meta;
  markets: MarketsView;
  accounts: AccountsView;
  governance: GovernanceView;
  modules: ModulesView;
}
