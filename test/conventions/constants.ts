// Constants defined once: the Solidity libraries are the source of truth, and the one TypeScript definition of each
// (deploy/roles.ts `Roles`, deploy/keel.ts `ModuleIds` and `Flags`) must equal them, entry for entry. The values are
// read from the compiled code (contracts/mocks/ConstantsProbe.sol returns the libraries' internal constants), the
// list of names from the library's source, so a constant added on either side without the other fails here. The
// function signatures deploy/roles.ts maps to roles must exist in the contracts' ABIs.
import { expect } from "chai";
import hre from "hardhat";
import { readFileSync } from "node:fs";
import { Interface } from "ethers";
import { Flags, HubFlags, ModuleIds } from "../../deploy/keel.js";
import { FunctionRoles, Roles } from "../../deploy/roles.js";

const connection = await hre.network.create();
const { ethers } = connection;

const ROOT = new URL("../../", import.meta.url);

/** The names of the `constant`s declared in `library <name>` of `file` (in declaration order). */
function libraryConstants(file: string, library: string): string[] {
  const source = readFileSync(new URL(file, ROOT), "utf8");
  const body = new RegExp(`library\\s+${library}\\s*\\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (body === undefined) throw new Error(`library ${library} not found in ${file}`);
  return [...body.matchAll(/\bconstant\s+(\w+)\s*=/g)].map((m) => m[1]);
}

type Probed = readonly [string[], readonly (bigint | string)[]];

function asRecord([names, values]: Probed): Record<string, bigint | string> {
  return Object.fromEntries(
    names.map((n, i) => {
      const v = values.at(i);
      return [n, typeof v === "bigint" ? v : String(v)];
    }),
  );
}

describe("constants defined once (TypeScript mirrors of the Solidity libraries)", function () {
  async function probe() {
    return ethers.deployContract("ConstantsProbe");
  }

  it("Roles (deploy/roles.ts) equals contracts/access/Roles.sol", async function () {
    const p = await probe();
    const solidity = asRecord(await p.roles());
    const names = libraryConstants("contracts/access/Roles.sol", "Roles").map((n) => n.replace(/_ROLE$/, ""));
    expect(Object.keys(solidity)).to.deep.equal(names, "ConstantsProbe.roles() lists every constant of Roles");
    expect(Object.keys(Roles)).to.deep.equal(names);
    expect(Object.fromEntries(Object.entries(Roles))).to.deep.equal(solidity);
  });

  it("ModuleIds (deploy/keel.ts) equals contracts/registry/ModuleIds.sol", async function () {
    const p = await probe();
    const solidity = asRecord(await p.moduleIds());
    const names = libraryConstants("contracts/registry/ModuleIds.sol", "ModuleIds");
    expect(Object.keys(solidity)).to.deep.equal(names, "ConstantsProbe.moduleIds() lists every constant of ModuleIds");
    expect(Object.keys(ModuleIds)).to.deep.equal(names);
    expect(Object.fromEntries(Object.entries(ModuleIds))).to.deep.equal(solidity);
  });

  it("Flags (deploy/keel.ts) equals ReserveFlags in contracts/libraries/types/DataTypes.sol", async function () {
    const p = await probe();
    const solidity = asRecord(await p.reserveFlags());
    const names = libraryConstants("contracts/libraries/types/DataTypes.sol", "ReserveFlags");
    expect(Object.keys(solidity)).to.deep.equal(
      names,
      "ConstantsProbe.reserveFlags() lists every constant of ReserveFlags",
    );
    expect(Object.keys(Flags)).to.deep.equal(names);
    expect(Object.fromEntries(Object.entries(Flags).map(([k, v]) => [k, BigInt(v)]))).to.deep.equal(solidity);
  });

  it("HubFlags (deploy/keel.ts) equals contracts/libraries/types/HubFlags.sol", async function () {
    const p = await probe();
    const solidity = asRecord(await p.hubFlags());
    const names = libraryConstants("contracts/libraries/types/HubFlags.sol", "HubFlags");
    expect(Object.keys(solidity)).to.deep.equal(names, "ConstantsProbe.hubFlags() lists every constant of HubFlags");
    expect(Object.keys(HubFlags)).to.deep.equal(names);
    expect(Object.fromEntries(Object.entries(HubFlags).map(([k, v]) => [k, BigInt(v)]))).to.deep.equal(solidity);
  });

  it("every function deploy/roles.ts maps to a role exists in that contract's ABI (or its demonstration V2's)", async function () {
    let checked = 0;
    for (const [contract, signatures] of Object.entries(FunctionRoles)) {
      const abis = [await hre.artifacts.readArtifact(contract)];
      if (await hre.artifacts.artifactExists(`${contract}V2`))
        abis.push(await hre.artifacts.readArtifact(`${contract}V2`));
      const ifaces = abis.map((a) => new Interface(a.abi));
      for (const signature of Object.keys(signatures)) {
        const found = ifaces.some((i) => i.getFunction(signature) !== null);
        expect(found, `${contract}.${signature}`).to.equal(true);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(15);
  });

  it("the name list is read from the library source; an unknown library is an error", function () {
    expect(libraryConstants("contracts/libraries/types/DataTypes.sol", "ReserveFlags")).to.include("FLASH_LOANS");
    expect(() => libraryConstants("contracts/access/Roles.sol", "NoSuchLibrary")).to.throw("not found");
  });
});
