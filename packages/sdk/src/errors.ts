// Reverts decoded into the custom error's name and arguments, from an ethers error (or anything wrapping one) or
// from raw revert data, with every custom error of Keel's contracts, their libraries and OpenZeppelin's.
import { AbiCoder, ErrorFragment, Interface, type InterfaceAbi, dataSlice } from "ethers";
import { keelErrorsAbi } from "./abis.js";

export interface DecodedError {
  /** Error name: "PoolHealthFactorTooLow", or "Error" (require message) / "Panic" (assert, overflow...). */
  name: string;
  /** Full signature, "PoolHealthFactorTooLow(uint256)". */
  signature: string;
  /** 4-byte selector. */
  selector: string;
  /** Arguments in order. */
  args: unknown[];
  /** The same by parameter name (unnamed parameters as arg0, arg1, ...). */
  named: Record<string, unknown>;
}

const ERROR_STRING = "0x08c379a0"; // Error(string)
const PANIC = "0x4e487b71"; // Panic(uint256)

let keelInterface: Interface | undefined;

/** One Interface with every custom error the SDK knows. */
export function errorInterface(): Interface {
  keelInterface ??= new Interface(keelErrorsAbi);
  return keelInterface;
}

/** The revert data inside an ethers error (or a Hardhat / JSON-RPC error wrapping it), if any. */
export function findRevertData(e: unknown, depth = 0): string | undefined {
  if (typeof e === "string") return /^0x([0-9a-fA-F]{2}){4,}$/.test(e) ? e : undefined;
  if (e === null || typeof e !== "object" || depth > 6) return undefined;
  const o = e as Record<string, unknown>;
  if (typeof o.data === "string" && /^0x([0-9a-fA-F]{2}){4,}$/.test(o.data)) return o.data;
  for (const k of ["revert", "error", "info", "cause", "data", "payload"]) {
    const d = findRevertData(o[k], depth + 1);
    if (d !== undefined) return d;
  }
  return undefined;
}

function describe(fragment: ErrorFragment, selector: string, values: readonly unknown[]): DecodedError {
  const args = [...values];
  const named: Record<string, unknown> = {};
  fragment.inputs.forEach((input, i) => {
    named[input.name === "" ? `arg${String(i)}` : input.name] = args[i];
  });
  return { name: fragment.name, signature: fragment.format("sighash"), selector, args, named };
}

/**
 * Decodes a revert: `source` is raw revert data ("0x...") or an error thrown by ethers (estimateGas, a call, a sent
 * transaction), possibly wrapped. Returns undefined when there is no revert data or no known error matches.
 * `abi` adds errors of other contracts (e.g. an integrator's own).
 */
export function decodeError(source: unknown, abi?: InterfaceAbi): DecodedError | undefined {
  const data = findRevertData(source);
  if (data === undefined) return undefined;
  const selector = dataSlice(data, 0, 4).toLowerCase();
  if (selector === ERROR_STRING || selector === PANIC) {
    const isString = selector === ERROR_STRING;
    const value: unknown = AbiCoder.defaultAbiCoder().decode([isString ? "string" : "uint256"], dataSlice(data, 4))[0];
    const name = isString ? "Error" : "Panic";
    const param = isString ? "message" : "code";
    return {
      name,
      signature: `${name}(${isString ? "string" : "uint256"})`,
      selector,
      args: [value],
      named: { [param]: value },
    };
  }
  for (const iface of abi === undefined ? [errorInterface()] : [new Interface(abi), errorInterface()]) {
    const fragment = iface.fragments.filter((f) => ErrorFragment.isFragment(f)).find((f) => f.selector === selector);
    if (fragment === undefined) continue;
    return describe(fragment, selector, iface.decodeErrorResult(fragment, data).toArray());
  }
  return undefined;
}

/** `Name(arg=value, ...)` for a decoded error. */
export function formatError(d: DecodedError): string {
  return `${d.name}(${Object.entries(d.named)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ")})`;
}
