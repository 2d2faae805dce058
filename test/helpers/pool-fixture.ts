import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { encodeBytes32String, parseUnits } from "ethers";
import { FunctionRoles, Roles } from "../../deploy/roles.js";

export const RAY = 10n ** 27n;
export const WAD = 10n ** 18n;
export const Flags = { ACTIVE: 1, FROZEN: 2, PAUSED: 4, BORROWING: 8, COLLATERAL: 16, FLASH_LOANS: 32 } as const;

export interface ReserveConfig {
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  reserveFactor: number;
  liquidationProtocolFee: number;
  decimals: number;
  id: number;
  flags: number;
  supplyCap: bigint;
  borrowCap: bigint;
  liquidationGraceUntil: bigint;
}

export function reserveConfig(over: Partial<ReserveConfig> = {}): ReserveConfig {
  return {
    ltv: 8000,
    liquidationThreshold: 8500,
    liquidationBonus: 10500,
    reserveFactor: 1000,
    liquidationProtocolFee: 1000,
    decimals: 0,
    id: 0,
    flags: Flags.BORROWING | Flags.COLLATERAL | Flags.FLASH_LOANS,
    supplyCap: 0n,
    borrowCap: 0n,
    liquidationGraceUntil: 0n,
    ...over,
  };
}

export async function linkedPoolFactory(ethers: HardhatEthers) {
  const libs: Record<string, string> = {};
  for (const name of ["LiquidationLogic", "FlashLoanLogic", "PoolConfigLogic", "PositionLogic"]) {
    const lib = await ethers.deployContract(name);
    libs[name] = await lib.getAddress();
  }
  return ethers.getContractFactory("Pool", { libraries: libs });
}

/** Grants the function roles of `FunctionRoles[name]` on `target`. */
export async function mapRoles(manager: { setTargetFunctionRole: Function }, name: string, target: string, ethers: HardhatEthers) {
  const byRole = new Map<bigint, string[]>();
  for (const [sig, role] of Object.entries(FunctionRoles[name] ?? {})) {
    const sel = ethers.id(sig).slice(0, 10);
    byRole.set(role, [...(byRole.get(role) ?? []), sel]);
  }
  for (const [role, sels] of byRole) await manager.setTargetFunctionRole(target, sels, role);
}

export type Signers = Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "liquidator" | "guardian" | "risk" | "stranger", HardhatEthersSigner>;

export async function signers(ethers: HardhatEthers): Promise<Signers> {
  const [deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger] = await ethers.getSigners();
  return { deployer, alice, bob, carol, dave, liquidator, guardian, risk, stranger };
}

export { encodeBytes32String, parseUnits, Roles };
