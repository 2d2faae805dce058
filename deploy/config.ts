// Per-network deployment configuration: assets, feeds, risk parameters, governance settings. Development networks
// (chain id 31337: the in-process network and a local `hardhat node`) get mock tokens and mock Chainlink feeds.

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

export interface NetworkConfig {
  dev: boolean;
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
    symbol: "USDC", name: "USD Coin", decimals: 6, mockPrice: 1, heartbeat: 86400,
    ltv: 8000, liquidationThreshold: 8500, liquidationBonus: 10500, reserveFactor: 1000, liquidationProtocolFee: 1000,
    supplyCap: 2_000_000_000, borrowCap: 1_800_000_000, borrowing: true, collateral: true, flashLoans: true,
    seed: "1", rates: stableRates,
  },
  {
    symbol: "WBTC", name: "Wrapped Bitcoin", decimals: 8, mockPrice: 60000, heartbeat: 86400,
    ltv: 7000, liquidationThreshold: 7500, liquidationBonus: 10650, reserveFactor: 2000, liquidationProtocolFee: 1000,
    supplyCap: 50_000, borrowCap: 20_000, borrowing: true, collateral: true, flashLoans: true,
    seed: "0.0001", rates: volatileRates,
  },
  {
    symbol: "WETH", name: "Wrapped Ether", decimals: 18, mockPrice: 2000, heartbeat: 86400,
    ltv: 8000, liquidationThreshold: 8250, liquidationBonus: 10500, reserveFactor: 1500, liquidationProtocolFee: 1000,
    supplyCap: 1_000_000, borrowCap: 800_000, borrowing: true, collateral: true, flashLoans: true,
    seed: "0.001", rates: volatileRates,
  },
];

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
      label: "team (4-year linear vesting)", amount: "15000000",
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
    return { dev: true, reserves: devReserves, governance: devGovernance, distribution: devDistribution, flashPremiumBps: 5, flashPremiumToProtocolBps: 1000, defaultRates: volatileRates };
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
  throw new Error(`No Keel configuration for network "${networkName}" (chain ${chainId}). Add one in deploy/config.ts.`);
}
