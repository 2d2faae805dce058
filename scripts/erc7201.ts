// Prints the ERC-7201 storage location of a namespace: npx hardhat run scripts/erc7201.ts -- keel.storage.Pool
// (or `ERC7201_NS=keel.storage.Pool npx hardhat run scripts/erc7201.ts`).
import { AbiCoder, keccak256, toBeHex, toBigInt, toUtf8Bytes } from "ethers";

export function erc7201(namespace: string): string {
  const inner = toBigInt(keccak256(toUtf8Bytes(namespace))) - 1n;
  return toBeHex(toBigInt(keccak256(AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn, 32);
}

const ns = process.env.ERC7201_NS;
if (ns !== undefined) console.log(`${ns}: ${erc7201(ns)}`);
