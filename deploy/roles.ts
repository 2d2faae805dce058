// Who may call what: the AccessManager's function-to-role map, the single source used by the deployer, the tests
// and the README's roles table. Functions not listed stay at ADMIN_ROLE (0), AccessManager's default: held only by
// the governance timelock after deployment.
export const Roles = {
  ADMIN: 0n,
  RISK_ADMIN: 1n,
  GUARDIAN: 2n,
  UPGRADER: 3n,
  TREASURY_MANAGER: 4n,
} as const;

export const RoleNames: Record<string, bigint> = { ...Roles };

/** Function signatures per module, mapped to the role that may call them. */
export const FunctionRoles: Record<string, Record<string, bigint>> = {
  // Every spoke is a "Pool" (the core spoke and the further spokes of deploy/config.ts `spokes`, e.g. "EModePool"):
  // the deployer maps these roles, and the timelock tiers below, on each spoke's address.
  Pool: {
    "setReserveConfig(address,(uint16,uint16,uint16,uint16,uint8,uint8,uint8,uint48,uint48,uint40))": Roles.RISK_ADMIN,
    "setFlashPremium(uint16,uint16)": Roles.RISK_ADMIN,
    "pause()": Roles.GUARDIAN,
    "pauseReserve(address)": Roles.GUARDIAN,
    "pauseFlashLoans()": Roles.GUARDIAN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
    // PoolV2's reinitializer: only the upgrade path (KeelUpgrader inside upgradeToAndCall) may run it (issue 10).
    // extendPause(address,uint40) and setPauseConfig(uint40,uint40) stay ADMIN (unmapped).
    "initializeV2(bytes32)": Roles.UPGRADER,
  },
  // The hub: listing, configuring and registering spokes with caps stay ADMIN (the timelock, critical tier); the
  // guardian may freeze a spoke (no new adds or draws; removals and repayments go on). Not upgradeable.
  LiquidityHub: {
    "freezeSpoke(address)": Roles.GUARDIAN,
  },
  // The NFT spoke (deploy/spokes/nft.ts): listing collections and borrow assets stay ADMIN; risk parameters inside
  // the contract's hard bounds are the risk admin's; the guardian may freeze a collection (no new deposits).
  NftSpoke: {
    "setCollectionRisk(address,uint16,uint16)": Roles.RISK_ADMIN,
    "setFloorBounds(address,int256,int256)": Roles.RISK_ADMIN,
    "setTokenPremium(address,uint256,uint32)": Roles.RISK_ADMIN,
    "setAuctionConfig((uint32,uint32,uint16,uint16,uint16))": Roles.RISK_ADMIN,
    "freezeCollection(address)": Roles.GUARDIAN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  // The RWA spoke (deploy/spokes/rwa.ts): listing a collateral stays ADMIN (critical tier).
  RwaSpoke: {
    "setCollateralParams(address,(uint16,uint16,uint16,uint16,uint32,uint32,uint16,uint64))": Roles.RISK_ADMIN,
    "acceptNav(address)": Roles.RISK_ADMIN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  KeelOracle: {
    "setFeed(address,address,uint32)": Roles.RISK_ADMIN,
    "setFallbackFeed(address,address,uint32)": Roles.RISK_ADMIN,
    "removeFallbackFeed(address)": Roles.RISK_ADMIN,
    "setFeedBounds(address,bool,int256,int256)": Roles.RISK_ADMIN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  KinkedRateModel: {
    "setRateParams(address,(uint32,uint32,uint32,uint32))": Roles.RISK_ADMIN,
    "clearRateParams(address)": Roles.RISK_ADMIN,
    "setDefaultRateParams((uint32,uint32,uint32,uint32))": Roles.RISK_ADMIN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  KeelTreasury: {
    "withdrawFromPool(address,uint256,address)": Roles.TREASURY_MANAGER,
    "withdrawFromHub(address,uint256,address)": Roles.TREASURY_MANAGER,
    "transferToken(address,address,uint256)": Roles.TREASURY_MANAGER,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  ModuleRegistry: {
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  KeelFlashLender: {
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  KeelAccessManager: {
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
  // kUSD's hub facilitator: minting into the hub and burning idle kUSD are the risk admin's, bounded by the bucket
  // cap (critical tier) and the hub add cap. kUSD's own SynthToken functions (facilitators, bucket caps) stay ADMIN.
  HubFacilitator: {
    "mintToHub(uint256)": Roles.RISK_ADMIN,
    "burnFromHub(uint256)": Roles.RISK_ADMIN,
  },
  // The peg stability module (docs/stablecoin.md): fees inside its 5% hard bound are the risk admin's; the guardian
  // may pause swaps for at most 3 days (the pause expires by itself). setFeeReceiver and unpause stay ADMIN.
  PegStabilityModule: {
    "setFees(uint16,uint16)": Roles.RISK_ADMIN,
    "pause()": Roles.GUARDIAN,
  },
  // Listing a stake pool and setCooldown stay ADMIN (critical tier); the max slash and income share are risk
  // parameters bounded by the module's hard limits.
  SafetyModule: {
    "setPoolParams(address,uint16,uint16)": Roles.RISK_ADMIN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
  },
};

/**
 * Governance tiers. The timelock FAILS CLOSED: every call waits the critical delay unless its (contract, function)
 * pair is listed here, in which case it waits the base delay. Listed: risk parameters the contracts bound by hard
 * limits, listings and unpausing. Everything else (upgrades, roles, module wiring, treasury moves, the Governor's
 * rules, the timelock's own settings, any function added later) is critical until governance allow-lists it with a
 * critical-tier `setBaseTierCalls`. The deployer writes this list into the timelock; `test/governance/tiers.ts`
 * checks every function of every deployed contract against it, and the README's tier table is generated from it
 * (`npm run tiers`).
 */
export const BASE_TIER: Record<string, readonly string[]> = {
  Pool: [
    "setReserveConfig(address,(uint16,uint16,uint16,uint16,uint8,uint8,uint8,uint48,uint48,uint40))",
    "setFlashPremium(uint16,uint16)",
    "initReserve(address,address,(uint16,uint16,uint16,uint16,uint8,uint8,uint8,uint48,uint48,uint40),uint256)",
    "unpause(uint40)",
    "unpauseReserve(address,uint40)",
    "unpauseFlashLoans()",
    "extendPause(address,uint40)",
  ],
  LiquidityHub: ["refreshRate(address)", "unfreezeSpoke(address)"],
  KeelOracle: ["setFeedBounds(address,bool,int256,int256)"],
  NftSpoke: [
    "setCollectionRisk(address,uint16,uint16)",
    "setFloorBounds(address,int256,int256)",
    "setAuctionConfig((uint32,uint32,uint16,uint16,uint16))",
    "unfreezeCollection(address)",
  ],
  RwaSpoke: [
    "setCollateralParams(address,(uint16,uint16,uint16,uint16,uint32,uint32,uint16,uint64))",
    "acceptNav(address)",
  ],
  KinkedRateModel: [
    "setRateParams(address,(uint32,uint32,uint32,uint32))",
    "clearRateParams(address)",
    "setDefaultRateParams((uint32,uint32,uint32,uint32))",
  ],
  SafetyModule: ["setPoolParams(address,uint16,uint16)"],
};

/** Why each base-tier entry is safe at the short delay (shown in the README's table). */
export const BASE_TIER_REASONS: Record<string, string> = {
  "Pool.setReserveConfig":
    "risk parameters, bounded by the pool's hard limits (LTV < threshold < 100%, threshold x bonus <= 100%, caps)",
  "Pool.setFlashPremium": "flash premium, bounded by the pool's maximum",
  "Pool.unpause": "ends a pause (also cancel-protected: the guardian cannot veto it)",
  "Pool.unpauseReserve": "ends a reserve pause (cancel-protected)",
  "Pool.unpauseFlashLoans": "resumes flash loans (cancel-protected)",
  "Pool.extendPause":
    "keeps a real emergency paused, at most 14 days per proposal; must land within a guardian pause (7 days)",
  "LiquidityHub.refreshRate": "re-reads an asset's rate from its model (permissionless anyway)",
  "LiquidityHub.unfreezeSpoke": "ends a guardian freeze of a spoke (cancel-protected: the guardian cannot veto it)",
  "Pool.initReserve":
    "listing a reserve in the core spoke, seeded atomically; needs the hub's critical-tier listing and caps first",
  "KeelOracle.setFeedBounds":
    "circuit-breaker bounds on a feed's answer: it can only make a feed fail (fallback or revert), never re-point a price",
  "NftSpoke.setCollectionRisk":
    "a collection's LTV and threshold, bounded by the spoke's hard limits (LTV < threshold <= 80%)",
  "NftSpoke.setFloorBounds":
    "circuit-breaker bounds on a floor feed: they can only make the feed fail, never re-point a price",
  "NftSpoke.setAuctionConfig":
    "auction length, protection window, fine, opening bid and increment, each within the spoke's hard bounds",
  "NftSpoke.unfreezeCollection": "ends a guardian freeze of a collection (new deposits again)",
  "RwaSpoke.setCollateralParams":
    "an RWA collateral's risk parameters, bounded by the spoke's hard limits (validated as at listing)",
  "RwaSpoke.acceptNav":
    "resumes a market halted by a NAV move beyond its bound, at the issuer feed's own answer: it cannot set a price, and waiting the critical delay would keep liquidations halted while the loss grows",
  "KinkedRateModel.setRateParams": "a reserve's rate curve, bounded by the pool's 1,000%/year cap",
  "KinkedRateModel.clearRateParams": "falls back to the default curve",
  "KinkedRateModel.setDefaultRateParams": "the default curve, bounded by the model's hard limits",
  "SafetyModule.setPoolParams":
    "a stake pool's max slash per event and income share, bounded by the module's 50% limits",
};

/**
 * Cancel-protected calls: an operation made ONLY of these cannot be cancelled by a canceller that is not a proposer
 * (the guardian), so the DAO can always remove a guardian and end a pause. `arg` fixes the first argument (the role
 * id of a revocation): only revoking the guardian's own roles is protected. An operation that bundles anything else is
 * cancellable as before, so no proposal can hide a dangerous call behind a protected one.
 */
export interface CancelProtectedCall {
  contract: "Pool" | "LiquidityHub" | "KeelAccessManager" | "KeelTimelock";
  signature: string;
  /** First-argument word the pattern requires: a role id (number for AccessManager roles, or a timelock role name). */
  arg?: { amRole: bigint } | { timelockRole: "CANCELLER_ROLE" };
}

export const CANCEL_PROTECTED: readonly CancelProtectedCall[] = [
  { contract: "KeelAccessManager", signature: "revokeRole(uint64,address)", arg: { amRole: Roles.GUARDIAN } },
  { contract: "KeelTimelock", signature: "revokeRole(bytes32,address)", arg: { timelockRole: "CANCELLER_ROLE" } },
  { contract: "Pool", signature: "unpause(uint40)" },
  { contract: "Pool", signature: "unpauseReserve(address,uint40)" },
  { contract: "Pool", signature: "unpauseFlashLoans()" },
  { contract: "LiquidityHub", signature: "unfreezeSpoke(address)" },
];
