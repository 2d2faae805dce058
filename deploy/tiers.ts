// Writes the governance tiers of deploy/roles.ts into a KeelTimelock: the base-tier allow-list and the
// cancel-protected calls. Used by the deployer (while it still holds the timelock's bootstrap admin role) and by the
// governance test fixtures, so there is one way tiers are set.
import { id, zeroPadValue, toBeHex } from "ethers";
import type { KeelTimelock } from "../types/ethers-contracts/index.js";
import { BASE_TIER, BASE_TIER_REASONS, CANCEL_PROTECTED, type CancelProtectedCall } from "./roles.js";

export const selectorOf = (signature: string): string => id(signature).slice(0, 10);

/** The first-argument word a cancel-protected pattern requires, or null when any argument matches. */
export function protectedArgWord(call: CancelProtectedCall): string | null {
  if (call.arg === undefined) return null;
  if ("amRole" in call.arg) return zeroPadValue(toBeHex(call.arg.amRole), 32);
  return id(call.arg.timelockRole);
}

/**
 * Allow-lists the base-tier calls and registers the cancel-protected calls for every contract `addressOf` knows
 * (contract name as in deploy/roles.ts -> address, or every address of a contract deployed more than once). Contracts it does not know are skipped: their calls stay critical.
 */
export async function applyTiers(
  timelock: KeelTimelock,
  addressOf: (contract: string) => string | readonly string[] | undefined,
): Promise<void> {
  const self = await timelock.getAddress();
  // A contract may be deployed more than once (the core spoke and further spokes are all "Pool"): every instance.
  const targetsOf = (contract: string): readonly string[] => {
    const t = addressOf(contract);
    return t === undefined ? [] : typeof t === "string" ? [t] : t;
  };
  for (const [contract, signatures] of Object.entries(BASE_TIER)) {
    for (const target of targetsOf(contract)) {
      await (await timelock.setBaseTierCalls(target, signatures.map(selectorOf), true)).wait();
    }
  }
  for (const call of CANCEL_PROTECTED) {
    const word = protectedArgWord(call);
    for (const target of call.contract === "KeelTimelock" ? [self] : targetsOf(call.contract)) {
      await (
        await timelock.setCancelProtectedCall(
          target,
          selectorOf(call.signature),
          word !== null,
          word ?? "0x" + "00".repeat(32),
          true,
        )
      ).wait();
    }
  }
}

/** The README's tier table (between `<!-- tiers:begin -->` and `<!-- tiers:end -->`), generated from deploy/roles.ts:
 *  `npm run tiers` prints it and `test/governance/tiers.ts` fails when the README differs. */
export function tierTableMarkdown(): string {
  const rows = ["| Contract | Function | Tier | Why it may wait only the base delay |", "|---|---|---|---|"];
  for (const [contract, signatures] of Object.entries(BASE_TIER)) {
    for (const sig of signatures) {
      const name = sig.slice(0, sig.indexOf("("));
      rows.push(`| \`${contract}\` | \`${name}\` | base | ${BASE_TIER_REASONS[`${contract}.${name}`] ?? ""} |`);
    }
  }
  rows.push(
    "| every other function of every contract (upgrades, roles, wiring, feeds, rate-model pointers, treasury, Governor settings, `relay`, timelock settings, anything added later) | | **critical** | fails closed |",
  );
  rows.push("");
  rows.push("Cancel-protected (the guardian cannot cancel an operation made only of these):");
  rows.push("");
  for (const c of CANCEL_PROTECTED) {
    const arg =
      c.arg === undefined
        ? ""
        : "amRole" in c.arg
          ? ` with role = GUARDIAN (${String(c.arg.amRole)})`
          : ` with role = ${c.arg.timelockRole}`;
    rows.push(`- \`${c.contract}.${c.signature}\`${arg}`);
  }
  return rows.join("\n");
}
