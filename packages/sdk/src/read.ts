// Typed access to ethers' untyped call results: each value is checked at run time, so a wrong ABI or address fails
// loudly here instead of as NaN further on.
import { type BlockTag, Contract, type ContractRunner, type InterfaceAbi, type Result } from "ethers";

export function contractAt(address: string, abi: InterfaceAbi, runner: ContractRunner): Contract {
  return new Contract(address, abi, runner);
}

/** Options of every read: `blockTag` reads the state of that block (its timestamp included, so interest-bearing
 *  values of several calls agree to the wei); default the latest block. */
export interface ReadOptions {
  blockTag?: BlockTag;
}

/** Calls view `fn` of `contract` and returns every output (a Result, also for one output). */
export function view(
  contract: Contract,
  fn: string,
  args: readonly unknown[] = [],
  opts: ReadOptions = {},
): Promise<Result> {
  const f = contract.getFunction(fn);
  return opts.blockTag === undefined
    ? f.staticCallResult(...args)
    : f.staticCallResult(...args, { blockTag: opts.blockTag });
}

export function big(v: unknown, what = "value"): bigint {
  if (typeof v !== "bigint") throw new TypeError(`@keel/sdk: expected a uint for ${what}, got ${typeof v}`);
  return v;
}

export function str(v: unknown, what = "value"): string {
  if (typeof v !== "string")
    throw new TypeError(`@keel/sdk: expected a string or address for ${what}, got ${typeof v}`);
  return v;
}

export function bool(v: unknown, what = "value"): boolean {
  if (typeof v !== "boolean") throw new TypeError(`@keel/sdk: expected a bool for ${what}, got ${typeof v}`);
  return v;
}

/** Field `name` of a struct output (a Result with names). */
export function field(r: Result, name: string): unknown {
  return r.getValue(name) as unknown;
}

/** The outputs of a call, as uints. */
export async function viewBigs(
  contract: Contract,
  fn: string,
  args: readonly unknown[] = [],
  opts: ReadOptions = {},
): Promise<bigint[]> {
  return (await view(contract, fn, args, opts)).toArray().map((v) => big(v, fn));
}

/** A list output (address[] etc.) as a plain array. */
export function list(v: unknown, what = "value"): unknown[] {
  if (v === null || typeof v !== "object" || !("toArray" in v))
    throw new TypeError(`@keel/sdk: expected a list for ${what}`);
  return (v as Result).toArray();
}

/** A struct output as a Result (to read its fields with `field`). */
export function struct(v: unknown, what = "value"): Result {
  if (v === null || typeof v !== "object" || !("getValue" in v))
    throw new TypeError(`@keel/sdk: expected a struct for ${what}`);
  return v as Result;
}
