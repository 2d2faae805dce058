// The one namespace every Keel task lives under, and the options most tasks share. Plain data: hardhat.config.ts
// imports this through tasks/index.ts, so it must stay light.
import { ArgumentType } from "hardhat/types/arguments";

/** `npx hardhat keel ...`: the namespace of every Keel task. */
export const KEEL = "keel";

/** `--from <index>`: the signer that sends the task's transactions. */
export const signerOption = (defaultValue: number, description = "Signer index") =>
  ({ name: "from", description, type: ArgumentType.INT, defaultValue }) as const;

/** `--spoke <record name>`: a further spoke to act on instead of the core spoke. */
export const spokeOption = {
  name: "spoke",
  description: 'Spoke record name (e.g. EModePool); default: the core spoke "Pool"',
  defaultValue: "",
} as const;
