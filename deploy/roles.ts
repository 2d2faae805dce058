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
  Pool: {
    "setReserveConfig(address,(uint16,uint16,uint16,uint16,uint16,uint8,uint8,uint8,uint48,uint48,uint40))":
      Roles.RISK_ADMIN,
    "setFlashPremium(uint16,uint16)": Roles.RISK_ADMIN,
    "pause()": Roles.GUARDIAN,
    "pauseReserve(address)": Roles.GUARDIAN,
    "pauseFlashLoans()": Roles.GUARDIAN,
    "upgradeToAndCall(address,bytes)": Roles.UPGRADER,
    // PoolV2's reinitializer: only the upgrade path (KeelUpgrader inside upgradeToAndCall) may run it (issue 10).
    // extendPause(address,uint40) and setPauseConfig(uint40,uint40) stay ADMIN (unmapped); refreshReserveRate is
    // not restricted.
    "initializeV2(bytes32)": Roles.UPGRADER,
  },
  KeelOracle: {
    "setFeed(address,address,uint32)": Roles.RISK_ADMIN,
    "setFallbackFeed(address,address,uint32)": Roles.RISK_ADMIN,
    "removeFallbackFeed(address)": Roles.RISK_ADMIN,
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
};

/** Selectors that wait the timelock's critical (longer) delay: upgrades, role and wiring changes. The timelock adds
 *  its own tier setters and role functions. Everything else (risk parameters, listings, unpausing) waits the base
 *  delay. */
export const CRITICAL_SIGNATURES = [
  "upgradeToAndCall(address,bytes)",
  // KeelUpgrader: the one upgrade path of AccessManaged modules
  "upgradeAndVerify(address,address,bytes,(address,bytes)[])",
  "rollbackAndVerify(address,address,(address,bytes)[])",
  // AccessManager
  "grantRole(uint64,address,uint32)",
  "revokeRole(uint64,address)",
  "setTargetFunctionRole(address,bytes4[],uint64)",
  "setRoleAdmin(uint64,uint64)",
  "setRoleGuardian(uint64,uint64)",
  "setGrantDelay(uint64,uint32)",
  "setTargetAdminDelay(address,uint32)",
  "updateAuthority(address,address)",
  "setTargetClosed(address,bool)",
  // Generic wrappers that could carry any of the above
  "execute(address,bytes)",
  "schedule(address,bytes,uint48)",
  "multicall(bytes[])",
  // ModuleRegistry
  "setModule(bytes32,address)",
  "setConsumer(address,bool)",
] as const;
