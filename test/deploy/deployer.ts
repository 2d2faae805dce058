import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devDistribution, devGovernance, devReserves, type NetworkConfig, networkConfig } from "../../deploy/config.js";
import { KEEL_SUPPLY, deployKeel } from "../../deploy/keel.js";
import type { DeploymentRecord } from "../../deploy/records.js";
import { Roles } from "../../deploy/roles.js";
import { devSynths } from "../../deploy/stablecoin.js";

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
    const system = await deployKeel(hre, connection, {
      networkName: "test",
      recordDir: dir,
      log: (l) => lines.push(l),
    });
    const rec = JSON.parse(readFileSync(join(dir, "test.json"), "utf8")) as DeploymentRecord;
    expect(rec.completedAt).to.be.a("string");
    for (const name of [
      "AccessManager",
      "ModuleRegistry",
      "Oracle",
      "RateModel",
      "Pool",
      "Treasury",
      "FlashLender",
      "Timelock",
      "Governor",
      "VotingRewards",
      "KeelToken",
      "Upgrader",
    ]) {
      expect(rec.contracts[name]?.address, name).to.be.properAddress;
    }
    const manager = await ethers.getContractAt("KeelAccessManager", system.address("AccessManager"));
    const deployer = system.deployer.address;
    for (const role of Object.values(Roles)) {
      const [member] = await manager.hasRole(role, deployer);
      expect(member, `deployer holds role ${String(role)}`).to.equal(false);
    }
    const [timelockIsAdmin] = await manager.hasRole(Roles.ADMIN, system.address("Timelock"));
    expect(timelockIsAdmin).to.equal(true);
    const pool = await ethers.getContractAt("Pool", system.address("Pool"));
    expect(await pool.getReservesList()).to.have.length(devReserves.length + devSynths.length); // USDC, WBTC, WETH; kUSD, kXAU
    expect(await pool.treasury()).to.equal(system.address("Treasury"));
  });

  it("resumes an interrupted run: contracts deployed before the stop are reused, the rest is deployed", async () => {
    const connection = await hre.network.create();
    const { ethers } = connection;
    const dir = mkdtempSync(join(tmpdir(), "keel-resume-"));
    expect(
      await failure(deployKeel(hre, connection, { networkName: "test", recordDir: dir, stopAfter: "Pool" })),
    ).to.include("stopped after Pool");
    const partial = JSON.parse(readFileSync(join(dir, "test.json"), "utf8")) as DeploymentRecord;
    expect(partial.completedAt).to.equal(undefined);
    expect(Object.keys(partial.contracts)).to.include.members([
      "AccessManager",
      "ModuleRegistry",
      "Oracle",
      "RateModel",
      "Pool",
    ]);
    expect(partial.contracts.Treasury).to.equal(undefined);

    const lines: string[] = [];
    const system = await deployKeel(hre, connection, {
      networkName: "test",
      recordDir: dir,
      log: (l) => lines.push(l),
    });
    for (const name of ["AccessManager", "ModuleRegistry", "Oracle", "RateModel", "Pool"]) {
      expect(system.address(name), name).to.equal(partial.contracts[name].address);
      expect(
        lines.some((l) => l.includes(`${name} already at`)),
        name,
      ).to.equal(true);
    }
    expect(system.record.completedAt).to.be.a("string");
    const pool = await ethers.getContractAt("Pool", system.address("Pool"));
    expect(await pool.treasury()).to.equal(system.address("Treasury"));
    expect(await pool.getReservesList()).to.have.length(devReserves.length + devSynths.length); // USDC, WBTC, WETH; kUSD, kXAU
  });

  it("is idempotent: a second run deploys nothing and changes no address", async () => {
    const connection = await hre.network.create();
    const dir = mkdtempSync(join(tmpdir(), "keel-idem-"));
    const first = await deployKeel(hre, connection, { networkName: "test", recordDir: dir });
    const before = JSON.parse(readFileSync(join(dir, "test.json"), "utf8")) as DeploymentRecord;
    const lines: string[] = [];
    const second = await deployKeel(hre, connection, {
      networkName: "test",
      recordDir: dir,
      log: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.includes("deploying"))).to.deep.equal([]);
    for (const [name, c] of Object.entries(before.contracts as Record<string, { address: string }>)) {
      expect(second.address(name), name).to.equal(c.address);
    }
    expect(second.record.steps).to.deep.equal(first.record.steps);
  });

  it("finding 5 (deployer keeps 100% of KEEL): on a dev network the deployer keeps only its labelled dev allocation", async () => {
    const connection = await hre.network.create();
    const { ethers } = connection;
    const lines: string[] = [];
    const system = await deployKeel(hre, connection, {
      networkName: "test",
      recordDir: null,
      log: (l) => lines.push(l),
    });
    const keel = await ethers.getContractAt("KeelToken", system.address("KeelToken"));
    const dev = ethers.parseUnits(devDistribution.devDeployerAllocation as string, 18);
    expect(await keel.balanceOf(system.deployer.address)).to.equal(dev);
    expect(await keel.getVotes(system.deployer.address)).to.equal(dev);
    expect(await keel.balanceOf(system.address("Timelock"))).to.equal(KEEL_SUPPLY - dev);
    expect(lines.some((l) => l.includes("DEV ALLOCATION"))).to.equal(true);
  });

  it("finding 5 (deployer keeps 100% of KEEL): off dev networks the deployer ends with 0 KEEL and 0 votes, the distribution as configured", async () => {
    // Chain 31337 with a non-dev configuration: tokens and feeds must be given, nothing is minted for the deployer.
    const connection = await hre.network.create();
    const { ethers } = connection;
    const [, , , , , beneficiary, community] = await ethers.getSigners();
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    const cfg: NetworkConfig = {
      ...networkConfig("test", 31337n),
      dev: false,
      reserves: [],
      spokes: [], // the dev eMode spoke needs the dev reserves (its WETH market) and mock tokens
      nft: undefined, // so does the dev NFT spoke (USDC and WETH draw caps)
      rwa: undefined, // so does the dev RWA spoke (its USDC debt asset, its mock T-bill)
      synths: undefined, // and kUSD's PSM (its USDC reserve) and kXAU's mock gold feed
      governance: devGovernance,
      guardian: beneficiary.address,
      distribution: {
        allocations: [
          {
            label: "team",
            amount: "15000000",
            vesting: { beneficiary: beneficiary.address, start: now, duration: 1000 },
          },
          { label: "community", amount: "25000000", to: community.address },
        ],
      },
    };
    const lines: string[] = [];
    const system = await deployKeel(hre, connection, {
      networkName: "staging",
      recordDir: null,
      config: cfg,
      log: (l) => lines.push(l),
    });
    const keel = await ethers.getContractAt("KeelToken", system.address("KeelToken"));
    expect(await keel.balanceOf(system.deployer.address)).to.equal(0n);
    expect(await keel.getVotes(system.deployer.address)).to.equal(0n);
    const vesting = await ethers.getContractAt("KeelVestingWallet", system.address("KeelVesting-0"));
    expect(await vesting.owner()).to.equal(beneficiary.address);
    expect(await vesting.duration()).to.equal(1000n);
    expect(await keel.balanceOf(system.address("KeelVesting-0"))).to.equal(15_000_000n * 10n ** 18n);
    expect(await keel.getVotes(system.address("KeelVesting-0"))).to.equal(0n);
    expect(await keel.balanceOf(community.address)).to.equal(25_000_000n * 10n ** 18n);
    expect(await keel.balanceOf(system.address("Timelock"))).to.equal(60_000_000n * 10n ** 18n);
    expect(lines.some((l) => l.includes("DEV ALLOCATION"))).to.equal(false);
  });

  it("finding 5 (deployer keeps 100% of KEEL): off dev networks the deployer refuses to finish while it holds KEEL, and refuses a dev allocation", async () => {
    const connection = await hre.network.create();
    const { ethers } = connection;
    const [deployer] = await ethers.getSigners();
    const community = (await ethers.getSigners())[6];
    const base: NetworkConfig = {
      ...networkConfig("test", 31337n),
      dev: false,
      reserves: [],
      spokes: [],
      nft: undefined,
      rwa: undefined,
      synths: undefined,
      guardian: deployer.address,
    };
    const cfg = {
      ...base,
      distribution: { allocations: [{ label: "community", amount: "1000", to: community.address }] },
    };
    const dir = mkdtempSync(join(tmpdir(), "keel-nokeel-"));
    const system = await deployKeel(hre, connection, { networkName: "staging", recordDir: dir, config: cfg });
    // KEEL reaches the deployer after the distribution (a transfer, or votes delegated to it): a resumed run refuses
    // to complete.
    const keel = await ethers.getContractAt("KeelToken", system.address("KeelToken"));
    await keel.connect(community).transfer(deployer.address, 10n ** 18n);
    expect(
      await failure(deployKeel(hre, connection, { networkName: "staging", recordDir: dir, config: cfg })),
    ).to.match(
      /the deployer 0x[0-9a-fA-F]{40} still holds 1000000000000000000 KEEL wei and 0 votes on staging; off dev networks it must keep neither/,
    );
    await keel.connect(deployer).transfer(community.address, 10n ** 18n);
    await keel.connect(community).delegate(deployer.address);
    expect(
      await failure(deployKeel(hre, connection, { networkName: "staging", recordDir: dir, config: cfg })),
    ).to.include("still holds 0 KEEL wei and 1000000000000000000000 votes");
    const connection2 = await hre.network.create();
    const devKeep = { ...base, distribution: { allocations: [], devDeployerAllocation: "1" } };
    expect(
      await failure(deployKeel(hre, connection2, { networkName: "staging", recordDir: null, config: devKeep })),
    ).to.include("devDeployerAllocation is for dev networks only");
    const toSelf = { ...base, distribution: { allocations: [{ label: "self", amount: "1", to: deployer.address }] } };
    expect(
      await failure(deployKeel(hre, connection2, { networkName: "staging", recordDir: null, config: toSelf })),
    ).to.include('distribution "self": the deployer cannot be a recipient');
  });

  it("refuses a record written for another chain", async () => {
    const connection = await hre.network.create();
    const dir = mkdtempSync(join(tmpdir(), "keel-chain-"));
    writeFileSync(
      join(dir, "test.json"),
      JSON.stringify({ network: "test", chainId: "1", deployer: "0x", startedAt: "", contracts: {}, steps: [] }),
    );
    expect(await failure(deployKeel(hre, connection, { networkName: "test", recordDir: dir }))).to.include(
      "is for chain 1",
    );
  });
});
