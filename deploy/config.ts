// Per-network deployment configuration: assets, feeds, risk parameters, governance settings. Development networks
// (chain id 31337: the in-process network and a local `hardhat node`) get mock tokens and mock Chainlink feeds.
import { type NftSpokeSpec, devNftSpoke } from "./spokes/nft.js";
import { type RwaSpokeSpec, devRwaSpoke } from "./spokes/rwa.js";
import { type SynthSpec, devSynths } from "./stablecoin.js";

export interface RateParams {
  /** Annual rates in basis points. */
  baseRateBps: number;
  slope1Bps: number;
  slope2Bps: number;
  /** Optimal utilisation in basis points. */
  optimalUtilizationBps: number;
}

export interface ReserveSpec {
  symbol: string;
  name: string;
  decimals: number;
  /** Existing token address (test networks); omitted on dev networks, where a MockERC20 is deployed. */
  address?: string;
  /** Existing Chainlink feed; omitted on dev networks, where a MockAggregator answering `mockPrice` is deployed. */
  feed?: string;
  /** Price in USD used by the mock feed (8 decimals are applied by the deployer). */
  mockPrice: number;
  heartbeat: number;
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  reserveFactor: number;
  liquidationProtocolFee: number;
  supplyCap: number;
  borrowCap: number;
  borrowing: boolean;
  collateral: boolean;
  flashLoans: boolean;
  /** Human units supplied and locked at listing (never withdrawable). */
  seed: string;
  /** The reserve's own rate curve; omitted, the reserve follows the rate model's default curve (`defaultRates`). */
  rates?: RateParams;
}

export interface GovernanceSpec {
  /** Seconds. */
  votingDelay: number;
  votingPeriod: number;
  /** KEEL (human units) needed to propose. */
  proposalThreshold: string;
  quorumPercent: number;
  lateQuorumExtension: number;
  /** Timelock tiers, seconds. */
  minDelay: number;
  criticalDelay: number;
}

/** One KEEL allocation of the initial distribution (issue 10, finding 5). Exactly one of `to` and `vesting`. */
export interface KeelAllocation {
  /** What the allocation is for; printed by the deployer. */
  label: string;
  /** KEEL, human units. */
  amount: string;
  /** Receives the KEEL outright (a distribution contract, a multisig of a grants programme, ...). */
  to?: string;
  /** Receives the KEEL through an OpenZeppelin VestingWallet the deployer creates (linear from `start` over
   *  `duration` seconds; the wallet holds undelegated KEEL, so it carries no vote until released and delegated). */
  vesting?: { beneficiary: string; start: number; duration: number };
}

/** Where the whole KEEL supply goes. Whatever the allocations leave goes to the timelock (the DAO treasury), whose
 *  KEEL is undelegated: it carries no vote. The deployer keeps nothing, balance and votes, off dev networks. */
export interface DistributionSpec {
  allocations: KeelAllocation[];
  /** Dev networks only: KEEL the deployer keeps and self-delegates so that tests, the demo, the e2e and the tasks can
   *  vote proposals through alone (above quorum). Refused off dev networks. */
  devDeployerAllocation?: string;
}

/** An asset a further spoke brings to the hub (not a reserve of the core spoke): the token (a MockERC20 on dev
 *  networks), its feed (a MockAggregator answering `mockPrice`) and its hub listing (default rate model unless
 *  `rates`, reserve factor). The core spoke gets no caps for it: it is not one of its markets. */
export interface SpokeAssetSpec {
  symbol: string;
  name: string;
  decimals: number;
  address?: string;
  feed?: string;
  mockPrice: number;
  heartbeat: number;
  reserveFactor: number;
  rates?: RateParams;
}

/** One market of a further spoke: its risk parameters there (the same hard bounds as the core spoke's: LTV <
 *  threshold < 100%, threshold x bonus <= 100%) and the hub caps of the spoke for the asset, in whole tokens
 *  ("unlimited" = `HUB_UNLIMITED`). `symbol` is a core reserve (already listed in the hub) or one of the spoke's
 *  `assets`. The add cap must cover the seed. */
export interface SpokeReserveSpec {
  symbol: string;
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  liquidationProtocolFee: number;
  supplyCap: number;
  borrowCap: number;
  borrowing: boolean;
  collateral: boolean;
  flashLoans: boolean;
  /** Human units supplied and locked at listing. */
  seed: string;
  /** The spoke's hub caps for the asset: whole tokens or "unlimited". */
  addCap: string;
  drawCap: string;
}

/**
 * A further spoke on the same hub: another `Pool` proxy (same code, its own kTokens, its own risk parameters) that
 * draws from the hub's liquidity within the caps it is given. Deployed by `deployKeel` after the core reserves, under
 * the record name `name`; its kTokens are recorded as `<name>-k<SYMBOL>`. The function roles and the timelock tiers
 * of "Pool" (deploy/roles.ts) apply to it as to the core spoke, and it subscribes to the registry (oracle, treasury).
 */
export interface SpokeSpec {
  /** Record name, e.g. "EModePool". */
  name: string;
  /** Short name for kToken names and symbols (`Keel <label> <asset name>`, `k<SYMBOL>-<label>`) and logs. */
  label: string;
  /** Assets this spoke brings to the hub (listed there before its reserves). */
  assets: SpokeAssetSpec[];
  reserves: SpokeReserveSpec[];
}

export interface NetworkConfig {
  dev: boolean;
  /** Further spokes on the hub (after the core spoke, which is `reserves`); omitted means none. */
  spokes?: SpokeSpec[];
  /** The NFT spoke (deploy/spokes/nft.ts); omitted means none. */
  nft?: NftSpokeSpec;
  /** The RWA spoke (deploy/spokes/rwa.ts); omitted means none. */
  rwa?: RwaSpokeSpec;
  /** Synths minted into the hub (deploy/stablecoin.ts: kUSD with its PSM, kXAU); omitted means none. */
  synths?: SynthSpec[];
  /** The KEEL distribution; omitted means everything to the timelock. */
  distribution?: DistributionSpec;
  reserves: ReserveSpec[];
  governance: GovernanceSpec;
  /** Guardian address; defaults to the second signer on dev networks. */
  guardian?: string;
  flashPremiumBps: number;
  flashPremiumToProtocolBps: number;
  /** Rate parameters of assets without their own. */
  defaultRates: RateParams;
}

const stableRates: RateParams = { baseRateBps: 0, slope1Bps: 400, slope2Bps: 6000, optimalUtilizationBps: 9000 };
const volatileRates: RateParams = { baseRateBps: 0, slope1Bps: 700, slope2Bps: 30000, optimalUtilizationBps: 8000 };

export const devReserves: (ReserveSpec & { rates: RateParams })[] = [
  {
    symbol: "USDC",
    name: "USD Coin",
    decimals: 6,
    mockPrice: 1,
    heartbeat: 86400,
    ltv: 8000,
    liquidationThreshold: 8500,
    liquidationBonus: 10500,
    reserveFactor: 1000,
    liquidationProtocolFee: 1000,
    supplyCap: 2_000_000_000,
    borrowCap: 1_800_000_000,
    borrowing: true,
    collateral: true,
    flashLoans: true,
    seed: "1",
    rates: stableRates,
  },
  {
    symbol: "WBTC",
    name: "Wrapped Bitcoin",
    decimals: 8,
    mockPrice: 60000,
    heartbeat: 86400,
    ltv: 7000,
    liquidationThreshold: 7500,
    liquidationBonus: 10650,
    reserveFactor: 2000,
    liquidationProtocolFee: 1000,
    supplyCap: 50_000,
    borrowCap: 20_000,
    borrowing: true,
    collateral: true,
    flashLoans: true,
    seed: "0.0001",
    rates: volatileRates,
  },
  {
    symbol: "WETH",
    name: "Wrapped Ether",
    decimals: 18,
    mockPrice: 2000,
    heartbeat: 86400,
    ltv: 8000,
    liquidationThreshold: 8250,
    liquidationBonus: 10500,
    reserveFactor: 1500,
    liquidationProtocolFee: 1000,
    supplyCap: 1_000_000,
    borrowCap: 800_000,
    borrowing: true,
    collateral: true,
    flashLoans: true,
    seed: "0.001",
    rates: volatileRates,
  },
];

/** Dev networks: the eMode spoke for correlated ETH assets. WETH (listed in the hub by the core spoke) and a mock
 *  liquid staking token at 93% LTV, 95% threshold, 1% bonus (0.95 x 1.01 <= 100%). The spoke may draw up to 5,000
 *  WETH from the hub's WETH liquidity (the core spoke's lenders earn the interest through the shared index) and add
 *  up to 100,000 wstETH; the LST is collateral only (no draw cap). */
export const devEModeSpoke: SpokeSpec = {
  name: "EModePool",
  label: "eMode",
  assets: [
    {
      symbol: "wstETH",
      name: "Wrapped liquid staked Ether",
      decimals: 18,
      mockPrice: 2000,
      heartbeat: 86400,
      reserveFactor: 1000,
    },
  ],
  reserves: [
    {
      symbol: "WETH",
      ltv: 9300,
      liquidationThreshold: 9500,
      liquidationBonus: 10100,
      liquidationProtocolFee: 1000,
      supplyCap: 1_000_000,
      borrowCap: 800_000,
      borrowing: true,
      collateral: true,
      flashLoans: false,
      seed: "0.001",
      addCap: "100000",
      drawCap: "5000",
    },
    {
      symbol: "wstETH",
      ltv: 9300,
      liquidationThreshold: 9500,
      liquidationBonus: 10100,
      liquidationProtocolFee: 1000,
      supplyCap: 1_000_000,
      borrowCap: 0,
      borrowing: false,
      collateral: true,
      flashLoans: false,
      seed: "0.001",
      addCap: "100000",
      drawCap: "0",
    },
  ],
};

export const devGovernance: GovernanceSpec = {
  votingDelay: 3600, // 1 hour
  votingPeriod: 3 * 86400, // 3 days
  proposalThreshold: "100000", // 0.1% of 100M KEEL
  quorumPercent: 4,
  lateQuorumExtension: 86400,
  minDelay: 2 * 86400, // risk parameters: 2 days
  criticalDelay: 5 * 86400, // upgrades, roles, module replacement: 5 days
};

/** Dev networks: the deployer keeps 90M KEEL (self-delegated, far above the 4% quorum: the test, demo and e2e
 *  voter; the governance attack tests lend 60M of it out) and the DAO treasury (timelock) gets the other 10M. */
export const devDistribution: DistributionSpec = { allocations: [], devDeployerAllocation: "90000000" };

/** Public testnet: team and community allocations (vesting) when their addresses are set, the rest to the DAO. */
function sepoliaDistribution(): DistributionSpec {
  const allocations: KeelAllocation[] = [];
  const now = Math.floor(Date.now() / 1000);
  if (process.env.KEEL_SEPOLIA_TEAM) {
    allocations.push({
      label: "team (4-year linear vesting)",
      amount: "15000000",
      vesting: { beneficiary: process.env.KEEL_SEPOLIA_TEAM, start: now, duration: 4 * 365 * 86400 },
    });
  }
  if (process.env.KEEL_SEPOLIA_COMMUNITY) {
    allocations.push({ label: "community distribution", amount: "25000000", to: process.env.KEEL_SEPOLIA_COMMUNITY });
  }
  return { allocations };
}

export function networkConfig(networkName: string, chainId: bigint): NetworkConfig {
  if (chainId === 31337n) {
    return {
      dev: true,
      reserves: devReserves,
      spokes: [devEModeSpoke],
      nft: devNftSpoke,
      rwa: devRwaSpoke,
      synths: devSynths,
      governance: devGovernance,
      distribution: devDistribution,
      flashPremiumBps: 5,
      flashPremiumToProtocolBps: 1000,
      defaultRates: volatileRates,
    };
  }
  if (networkName === "sepolia") {
    // Public testnet: tokens and feeds must exist there. Fill in the addresses before deploying.
    const addresses: Record<string, { address?: string; feed?: string }> = {
      USDC: { address: process.env.KEEL_SEPOLIA_USDC, feed: process.env.KEEL_SEPOLIA_USDC_FEED },
      WBTC: { address: process.env.KEEL_SEPOLIA_WBTC, feed: process.env.KEEL_SEPOLIA_WBTC_FEED },
      WETH: { address: process.env.KEEL_SEPOLIA_WETH, feed: process.env.KEEL_SEPOLIA_WETH_FEED },
    };
    return {
      dev: false,
      reserves: devReserves.map((r) => ({ ...r, ...addresses[r.symbol] })),
      governance: devGovernance,
      distribution: sepoliaDistribution(),
      guardian: process.env.KEEL_GUARDIAN,
      flashPremiumBps: 5,
      flashPremiumToProtocolBps: 1000,
      defaultRates: volatileRates,
    };
  }
  throw new Error(
    `No Keel configuration for network "${networkName}" (chain ${String(chainId)}). Add one in deploy/config.ts.`,
  );
}
