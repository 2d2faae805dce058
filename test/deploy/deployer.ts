import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployKeel } from "../../deploy/keel.js";
import { Roles } from "../../deploy/roles.js";

/** The message a promise rejects with ("" if it resolves). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("deploy: deployKeel", () => {
  it("deploys the whole system, records it, and hands every admin power to the timelock", async () => {
    const connection = await hre.network.create();
    const { ethers } = connection;
    const dir = mkdtempSync(join(tmpdir(), "keel-deploy-"));
    const lines: string[] = [];
    const system = await deployKeel(hre, connection, { networkName: "test", recordDir: dir, log: (l) => lines.push(l) });
    const rec = JSON.parse(readFileSync(join(dir, "test.json"), "utf8"));
    expect(rec.completedAt).to.be.a("string");
    for (const name of ["AccessManager", "ModuleRegistry", "Oracle", "RateModel", "Pool", "Treasury", "FlashLender", "Timelock", "Governor", "VotingRewards", "KeelToken", "Upgrader"]) {
      expect(rec.contracts[name]?.address, name).to.be.properAddress;
    }
    const manager = await ethers.getContractAt("KeelAccessManager", system.address("AccessManager"));
    const deployer = system.deployer.address;
    for (const role of Object.values(Roles)) {
      const [member] = await manager.hasRole(role, deployer);
      expect(member, `deployer holds role ${role}`).to.equal(false);
    }
    const [timelockIsAdmin] = await manager.hasRole(Roles.ADMIN, system.address("Timelock"));
    expect(timelockIsAdmin).to.equal(true);
    const pool = await ethers.getContractAt("Pool", system.address("Pool"));
    expect(await pool.getReservesList()).to.have.length(3);
    expect(await pool.treasury()).to.equal(system.address("Treasury"));
  });

  it("resumes an interrupted run: contracts deployed before the stop are reused, the rest is deployed", async () => {
    const connection = await hre.network.create();
    const { ethers } = connection;
    const dir = mkdtempSync(join(tmpdir(), "keel-resume-"));
    expect(await failure(deployKeel(hre, connection, { networkName: "test", recordDir: dir, stopAfter: "Pool" }))).to.include(
      "stopped after Pool",
    );
    const partial = JSON.parse(readFileSync(join(dir, "test.json"), "utf8"));
    expect(partial.completedAt).to.equal(undefined);
    expect(Object.keys(partial.contracts)).to.include.members(["AccessManager", "ModuleRegistry", "Oracle", "RateModel", "Pool"]);
    expect(partial.contracts.Treasury).to.equal(undefined);

    const lines: string[] = [];
    const system = await deployKeel(hre, connection, { networkName: "test", recordDir: dir, log: (l) => lines.push(l) });
    for (const name of ["AccessManager", "ModuleRegistry", "Oracle", "RateModel", "Pool"]) {
      expect(system.address(name), name).to.equal(partial.contracts[name].address);
      expect(lines.some((l) => l.includes(`${name} already at`)), name).to.equal(true);
    }
    expect(system.record.completedAt).to.be.a("string");
    const pool = await ethers.getContractAt("Pool", system.address("Pool"));
    expect(await pool.treasury()).to.equal(system.address("Treasury"));
    expect(await pool.getReservesList()).to.have.length(3);
  });

  it("is idempotent: a second run deploys nothing and changes no address", async () => {
    const connection = await hre.network.create();
    const dir = mkdtempSync(join(tmpdir(), "keel-idem-"));
    const first = await deployKeel(hre, connection, { networkName: "test", recordDir: dir });
    const before = JSON.parse(readFileSync(join(dir, "test.json"), "utf8"));
    const lines: string[] = [];
    const second = await deployKeel(hre, connection, { networkName: "test", recordDir: dir, log: (l) => lines.push(l) });
    expect(lines.filter((l) => l.includes("deploying"))).to.deep.equal([]);
    for (const [name, c] of Object.entries(before.contracts as Record<string, { address: string }>)) {
      expect(second.address(name), name).to.equal(c.address);
    }
    expect(second.record.steps).to.deep.equal(first.record.steps);
  });

  it("refuses a record written for another chain", async () => {
    const connection = await hre.network.create();
    const dir = mkdtempSync(join(tmpdir(), "keel-chain-"));
    writeFileSync(join(dir, "test.json"), JSON.stringify({ network: "test", chainId: "1", deployer: "0x", startedAt: "", contracts: {}, steps: [] }));
    expect(await failure(deployKeel(hre, connection, { networkName: "test", recordDir: dir }))).to.include("is for chain 1");
  });
});
