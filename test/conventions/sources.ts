// House rules that the compiler does not check, read from the Solidity sources (contracts/ and the upgrade fixtures):
//   1. every custom error has NatSpec right above it: a description (`@notice`, `@dev` or untagged `///` text) and an
//      `@param` for each of its arguments, all named (as OpenZeppelin's IERC20Errors);
//   2. every ERC-7201 namespace of a production contract is `keel.storage.<ContractName>` (a V2 or a test double may
//      also share the namespace of the V1 it upgrades), and every slot constant written under the formula comment
//      `keccak256(abi.encode(uint256(keccak256("<id>")) - 1)) & ~bytes32(uint256(0xff))` is that formula's value;
//   3. no Solidity source of the build (contracts/ and every .sol under test/) writes transient storage with
//      inline-assembly `tstore` or imports OpenZeppelin's TransientSlot / ReentrancyGuardTransient (which do): solc
//      prints its EIP-1153 warning for each such compilation job, so transient state is written as Solidity
//      `transient` variables (contracts/utils/TransientReentrancyGuard.sol, the pool's and hub's locks).
import { expect } from "chai";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { erc7201 } from "../../scripts/erc7201.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const SOURCE_DIRS = ["contracts", "test/fixtures"];

/**
 * Sources whose errors are not yet held to rule 1, by path prefix: empty since the hub refactor landed. Only a file
 * another change is rewriting may be listed, for that change's duration.
 */
export const ERROR_NATSPEC_EXEMPT_PATHS: readonly string[] = [];

function solidityFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  const out: string[] = [];
  for (const entry of readdirSync(abs)) {
    const path = join(abs, entry);
    if (statSync(path).isDirectory()) out.push(...solidityFiles(relative(ROOT, path)));
    else if (entry.endsWith(".sol")) out.push(relative(ROOT, path));
  }
  return out.sort();
}

const files = SOURCE_DIRS.flatMap(solidityFiles);
/** Every Solidity file the build compiles from this repository (rule 3). */
const buildFiles = ["contracts", "test"].flatMap(solidityFiles);
const sources = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));

/** The NatSpec comment right above the line at `offset` (a run of `///` lines or one `/** ... *\/` block), as its
 *  lines without comment markers; undefined if there is none. */
function natspecAbove(source: string, offset: number): string[] | undefined {
  const lines = source
    .slice(0, offset)
    .split("\n")
    .map((l) => l.trim());
  lines.pop(); // the declaration's own line, up to the declaration
  const doc: string[] = [];
  while (lines.length > 0 && lines[lines.length - 1].startsWith("///")) doc.unshift(lines.pop()!.slice(3).trim());
  if (doc.length > 0) return doc;
  if (!(lines[lines.length - 1] ?? "").endsWith("*/")) return undefined;
  const start = lines.findLastIndex((l) => l.startsWith("/*"));
  if (start < 0 || !lines[start].startsWith("/**")) return undefined;
  return lines
    .slice(start)
    .map((l) =>
      l
        .replace(/^\/\*\*|\*\/$/g, "")
        .replace(/^\*/, "")
        .trim(),
    )
    .filter((l) => l.length > 0);
}

export interface ErrorFinding {
  file: string;
  error: string;
  problem: string;
}

/** Rule 1 over one source: the errors whose NatSpec is missing or incomplete. */
export function errorNatspecFindings(file: string, source: string): ErrorFinding[] {
  const findings: ErrorFinding[] = [];
  // Comments are blanked (same length) so that an `error X(` inside a comment is not a declaration.
  const code = source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  for (const m of code.matchAll(/^[ \t]*error\s+(\w+)\s*\(([^)]*)\)\s*;/gm)) {
    const [, name, rawParams] = m;
    const doc = natspecAbove(source, m.index);
    const add = (problem: string) => findings.push({ file, error: name, problem });
    const params = rawParams
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    if (doc === undefined) {
      add("no NatSpec comment");
      continue;
    }
    const text = doc.join(" ");
    const described =
      /@(notice|dev)\s+\S/.test(text) || (doc[0] !== undefined && doc[0].length > 0 && !doc[0].startsWith("@"));
    if (!described) add("no @notice / @dev description");
    for (const p of params) {
      const words = p.split(/\s+/);
      const argName = words.length > 1 ? words[words.length - 1] : undefined;
      if (argName === undefined || ["memory", "calldata", "storage"].includes(argName)) add(`unnamed argument "${p}"`);
      else if (!new RegExp(`@param\\s+${argName}\\b`).test(text)) add(`no @param ${argName}`);
    }
  }
  return findings;
}

/** The name of the contract, library or interface whose body contains `offset`. */
function enclosingContract(source: string, offset: number): { name: string; header: string } | undefined {
  let found: { name: string; header: string } | undefined;
  for (const m of source.matchAll(/^(?:abstract\s+)?(?:contract|library|interface)\s+(\w+)/gm)) {
    if (m.index > offset) break;
    const before = source.slice(0, m.index);
    found = { name: m[1], header: before.slice(before.lastIndexOf("\n\n") + 1) };
  }
  return found;
}

export interface NamespaceFinding {
  file: string;
  problem: string;
}

/** Rule 2 over one source. Test doubles under contracts/mocks/ are held to the slot rule only. */
export function erc7201Findings(file: string, source: string): NamespaceFinding[] {
  const findings: NamespaceFinding[] = [];
  const production = file.startsWith("contracts/") && !file.startsWith("contracts/mocks/");
  const fixture = file.startsWith("test/fixtures/");
  for (const m of source.matchAll(/@custom:storage-location erc7201:([\w.]+)/g)) {
    if (!production && !fixture) continue;
    const ns = m[1];
    const owner = enclosingContract(source, m.index);
    if (owner === undefined) {
      findings.push({ file, problem: `${ns}: outside any contract` });
      continue;
    }
    // An abstract `<Name>Storage` holds the storage of `<Name>` (contracts/pool/PoolStorage.sol for Pool); a fixture
    // may share the namespace of the V1 it upgrades (`@custom:oz-upgrades-from`), to break or probe its layout.
    const allowed = new Set([owner.name, owner.name.replace(/Storage$/, "")]);
    const from = /@custom:oz-upgrades-from\s+(?:\S+:)?(\w+)/.exec(owner.header)?.[1];
    if (fixture && from !== undefined) allowed.add(from);
    if (![...allowed].some((n) => ns === `keel.storage.${n}`)) {
      findings.push({ file, problem: `${ns}: expected keel.storage.<${[...allowed].join(" | ")}>` });
    }
    if (production && !source.includes(`keccak256("${ns}")`)) {
      findings.push({ file, problem: `${ns}: no slot constant under the formula comment` });
    }
  }
  for (const m of source.matchAll(
    /keccak256\(abi\.encode\(uint256\(keccak256\("([^"]+)"\)\) - 1\)\) & ~(?:bytes32\(uint256\(0xff\)\)|0xff)/g,
  )) {
    const slot = /0x[0-9a-fA-F]{64}/.exec(source.slice(m.index + m[0].length));
    const expected = erc7201(m[1]);
    if (slot === null || slot[0].toLowerCase() !== expected) {
      findings.push({ file, problem: `slot of "${m[1]}" is ${slot?.[0] ?? "missing"}, expected ${expected}` });
    }
  }
  return findings;
}

/** Rule 3: inline `tstore` (outside comments) and imports of OpenZeppelin's assembly-based transient helpers. */
export function transientFindings(file: string, source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const findings: string[] = [];
  if (/\btstore\s*\(/.test(code)) findings.push(`${file}: inline-assembly tstore`);
  for (const m of code.matchAll(/import[^;]*"@openzeppelin\/[^"]*\/(TransientSlot|ReentrancyGuardTransient\w*)\.sol"/g))
    findings.push(`${file}: imports OpenZeppelin's ${m[1]}`);
  return findings;
}

describe("source conventions", function () {
  it("finds the sources (contracts/ and the upgrade fixtures)", function () {
    expect(files.filter((f) => f.startsWith("contracts/")).length).to.be.greaterThan(50);
    expect(files).to.include("test/fixtures/upgrades/PoolV2.sol");
  });

  it("every custom error has NatSpec: a description and an @param per (named) argument", function () {
    const exempt = (f: string) =>
      ERROR_NATSPEC_EXEMPT_PATHS.some((p) => f === p || (p.endsWith("/") && f.startsWith(p)));
    const findings = files.filter((f) => !exempt(f)).flatMap((f) => errorNatspecFindings(f, sources.get(f)!));
    expect(findings.map((x) => `${x.file}: ${x.error}: ${x.problem}`)).to.deep.equal([]);
  });

  it("the error check catches a missing comment, a missing description, a missing or unnamed @param", function () {
    const source = [
      "contract C {",
      "    error Bare(uint256 a);",
      "    /// @param a The value.",
      "    error NoText(uint256 a);",
      "    /// @notice Too big.",
      "    error NoParam(uint256 a, address b);",
      "    /// @notice Unnamed.",
      "    error Unnamed(uint256);",
      "    /// @notice Fine.",
      "    /// @param a The value.",
      "    error Fine(uint256 a);",
      "    /// Untagged text is a @notice.",
      "    error AlsoFine();",
      "    /**",
      "     * @dev Block comments count.",
      "     * @param a The value.",
      "     */",
      "    error BlockFine(uint256 a);",
      "    // error Commented(uint256 a);",
      "}",
    ].join("\n");
    expect(errorNatspecFindings("x.sol", source).map((x) => `${x.error}: ${x.problem}`)).to.deep.equal([
      "Bare: no NatSpec comment",
      "NoText: no @notice / @dev description",
      "NoParam: no @param a",
      "NoParam: no @param b",
      'Unnamed: unnamed argument "uint256"',
    ]);
  });

  it("every ERC-7201 namespace is keel.storage.<ContractName> and every slot constant matches its formula", function () {
    const findings = files.flatMap((f) => erc7201Findings(f, sources.get(f)!));
    expect(findings.map((x) => `${x.file}: ${x.problem}`)).to.deep.equal([]);
    const namespaces = files.flatMap((f) => [...sources.get(f)!.matchAll(/erc7201:([\w.]+)/g)].map((m) => m[1]));
    expect(namespaces).to.include.members([
      "keel.storage.KeelFlashLender",
      "keel.storage.KeelOracle",
      "keel.storage.Pool",
    ]);
  });

  it("the namespace check catches another naming style and a stale slot constant", function () {
    const slot = erc7201("keel.storage.Thing");
    const good = [
      "contract Thing {",
      "    /// @custom:storage-location erc7201:keel.storage.Thing",
      "    struct S { uint256 a; }",
      '    // keccak256(abi.encode(uint256(keccak256("keel.storage.Thing")) - 1)) & ~bytes32(uint256(0xff))',
      `    bytes32 private constant L = ${slot};`,
      "}",
    ].join("\n");
    expect(erc7201Findings("contracts/x/Thing.sol", good)).to.deep.equal([]);
    const renamed = good.replaceAll("keel.storage.Thing", "keel.storage.OtherThing");
    expect(erc7201Findings("contracts/x/Thing.sol", renamed).map((x) => x.problem)).to.deep.equal([
      "keel.storage.OtherThing: expected keel.storage.<Thing>",
      `slot of "keel.storage.OtherThing" is ${slot}, expected ${erc7201("keel.storage.OtherThing")}`,
    ]);
  });

  it("no source writes transient storage in inline assembly or through OpenZeppelin's TransientSlot (no solc EIP-1153 warning)", function () {
    expect(buildFiles.length).to.be.greaterThan(files.length);
    const findings = buildFiles.flatMap((f) => transientFindings(f, readFileSync(join(ROOT, f), "utf8")));
    expect(findings).to.deep.equal([]);
  });

  it("the transient check catches an inline tstore and an import of ReentrancyGuardTransient, not a comment", function () {
    const guarded =
      'import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";';
    expect(transientFindings("a.sol", guarded)).to.deep.equal([
      "a.sol: imports OpenZeppelin's ReentrancyGuardTransient",
    ]);
    expect(transientFindings("b.sol", "function f() { assembly { tstore(0, 1) } }")).to.deep.equal([
      "b.sol: inline-assembly tstore",
    ]);
    expect(transientFindings("c.sol", "// tstore(slot, v)\n/* tstore(0, 1) */\nbool transient _locked;")).to.deep.equal(
      [],
    );
  });
});
