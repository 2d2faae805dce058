// The ABI identifier of issue 14: `abiId = keccak256(canonical ABI)`. Defined here once; the contracts' generated
// `abiId()` constants and KeelUpgrader's `ModuleUpgraded` ids are meant to equal this fingerprint of the
// implementation's artifact ABI, so the SDK can tell which ABI runs on chain.
import { type InterfaceAbi, Interface, type ParamType, keccak256, toUtf8Bytes } from "ethers";

/** Canonical ABI types without names: tuples expanded as `(…)`, arrays kept (`(uint256,address)[]`). */
function types(params: readonly ParamType[]): string {
  return params.map((p) => p.format("sighash")).join(",");
}

/**
 * The canonical form of an ABI: one line per function, event and error, with no parameter names, sorted and joined
 * with "\n". Constructor, fallback and receive are left out (they are not part of a module's callable surface).
 * - `function name(types) mutability returns (types)` (always with `returns`, `()` when there are no outputs)
 * - `event Name(type indexed?,…)` (with ` anonymous` at the end for an anonymous event)
 * - `error Name(types)`
 */
export function canonicalAbi(abi: InterfaceAbi): string {
  const lines: string[] = [];
  new Interface(abi).forEachFunction((f) =>
    lines.push(`function ${f.name}(${types(f.inputs)}) ${f.stateMutability} returns (${types(f.outputs)})`),
  );
  new Interface(abi).forEachEvent((e) => {
    const params = e.inputs.map((p) => `${p.format("sighash")}${p.indexed === true ? " indexed" : ""}`).join(",");
    lines.push(`event ${e.name}(${params})${e.anonymous ? " anonymous" : ""}`);
  });
  new Interface(abi).forEachError((e) => lines.push(`error ${e.name}(${types(e.inputs)})`));
  // Sort by UTF-16 code units (not locale), so every tool that reproduces the form gets the same order.
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join("\n");
}

/** The ABI identifier: `keccak256` of {@link canonicalAbi} as UTF-8, a 0x-prefixed 32-byte hex string. */
export function abiFingerprint(abi: InterfaceAbi): string {
  return keccak256(toUtf8Bytes(canonicalAbi(abi)));
}
