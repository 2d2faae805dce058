import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployKeel } from "../../deploy/keel.js";
import { Roles } from "../../deploy/roles.js";

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
});
