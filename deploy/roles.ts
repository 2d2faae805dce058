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
  },
};
