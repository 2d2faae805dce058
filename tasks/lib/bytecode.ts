// What runs behind a proxy, read from the chain and not from any text (issue 10, finding 9): the ERC-1967 and
// AccessManaged storage slots by `eth_getStorageAt`, and the implementation's runtime code matched against the
// artifacts compiled in this project (immutable and library-link positions masked, since they differ per deployment).
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { getAddress, keccak256 } from "ethers";
import { ERC1967_IMPLEMENTATION_SLOT } from "../../packages/sdk/src/index.js";

/** ERC-1967 slots (`bytes32(uint256(keccak256("eip1967.proxy.<name>")) - 1)`). */
export const ERC1967_SLOTS = {
  implementation: ERC1967_IMPLEMENTATION_SLOT,
  admin: "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
  beacon: "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50",
} as const;
/** OpenZeppelin AccessManagedUpgradeable's ERC-7201 slot (`openzeppelin.storage.AccessManaged`): its `authority`. */
export const ACCESS_MANAGED_SLOT = "0xf3177357ab46d8af007ab3fdb9af81da189e1068fefdc0073dca88a2cab40a00";

/** The address stored in the low 20 bytes of `slot` of `account`. */
export async function readAddressSlot(connection: NetworkConnection, account: string, slot: string): Promise<string> {
  const word = (await connection.provider.request({
    method: "eth_getStorageAt",
    params: [account, slot, "latest"],
  })) as string;
  return getAddress(`0x${word.slice(2).padStart(64, "0").slice(24)}`);
}

/** The implementation the proxy runs, from its ERC-1967 slot. */
export function implementationOf(connection: NetworkConnection, proxy: string): Promise<string> {
  return readAddressSlot(connection, proxy, ERC1967_SLOTS.implementation);
}

/** The proxy's admin-relevant slots: ERC-1967 implementation, admin, beacon, and the AccessManaged authority. */
export async function adminSlots(connection: NetworkConnection, proxy: string): Promise<Record<string, string>> {
  return {
    implementation: await readAddressSlot(connection, proxy, ERC1967_SLOTS.implementation),
    admin: await readAddressSlot(connection, proxy, ERC1967_SLOTS.admin),
    beacon: await readAddressSlot(connection, proxy, ERC1967_SLOTS.beacon),
    authority: await readAddressSlot(connection, proxy, ACCESS_MANAGED_SLOT),
  };
}

interface KnownCode {
  name: string;
  project: boolean;
  length: number;
  masked: string;
  ranges: { start: number; length: number }[];
}

const known = new WeakMap<HardhatRuntimeEnvironment, Promise<KnownCode[]>>();

function mask(hex: string, ranges: { start: number; length: number }[]): string {
  let out = hex;
  for (const r of ranges) out = out.slice(0, r.start * 2) + "00".repeat(r.length) + out.slice((r.start + r.length) * 2);
  return out;
}

async function knownCodes(hre: HardhatRuntimeEnvironment): Promise<KnownCode[]> {
  let p = known.get(hre);
  if (p === undefined) {
    p = (async () => {
      const codes: KnownCode[] = [];
      for (const fq of await hre.artifacts.getAllFullyQualifiedNames()) {
        const a = (await hre.artifacts.readArtifact(fq)) as unknown as {
          contractName: string;
          sourceName: string;
          deployedBytecode: string;
          deployedLinkReferences?: Record<string, Record<string, { start: number; length: number }[]>>;
          immutableReferences?: Record<string, { start: number; length: number }[]>;
        };
        const hex = a.deployedBytecode.replace(/^0x/, "");
        if (hex.length === 0) continue;
        const ranges = [
          ...Object.values(a.immutableReferences ?? {}).flat(),
          ...Object.values(a.deployedLinkReferences ?? {}).flatMap((libs) => Object.values(libs).flat()),
        ];
        codes.push({
          name: a.contractName,
          project: /^(contracts|test|project)\//.test(a.sourceName),
          length: hex.length,
          masked: mask(hex, ranges).toLowerCase(),
          ranges,
        });
      }
      return codes.sort((x, y) => Number(y.project) - Number(x.project));
    })();
    known.set(hre, p);
  }
  return p;
}

/** The name of the artifact compiled in this project whose runtime code `address` runs, or undefined. */
export async function matchArtifact(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  address: string,
): Promise<string | undefined> {
  const code = (await connection.ethers.provider.getCode(address)).replace(/^0x/, "").toLowerCase();
  if (code.length === 0) return undefined;
  for (const k of await knownCodes(hre)) {
    if (k.length === code.length && mask(code, k.ranges) === k.masked) return k.name;
  }
  return undefined;
}

/** A stand-in name for code that matches no artifact: `unknown(<keccak of the code>)`. */
export async function unknownCodeName(connection: NetworkConnection, address: string): Promise<string> {
  return `unknown(${keccak256(await connection.ethers.provider.getCode(address))})`;
}
