// The SDK's deployment reader (packages/sdk/src/deployment.ts) on a record the one deployer just wrote to disk, and
// the module versions it reads from the chain against the contracts and the record.
import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployKeel } from "../../deploy/keel.js";
import { recordPath } from "../../deploy/records.js";
import {
  CORE_SPOKE,
  DeploymentError,
  addressOf,
  moduleVersions,
  parseDeployment,
  poolSpokes,
  readDeployment,
} from "../../packages/sdk/src/index.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "keel-sdk-"));
  const keel = await deployKeel(hre, connection, { networkName: "sdk", recordDir: dir });
  return { keel, path: recordPath("sdk", dir) };
}

describe("sdk: deployment records and module versions", () => {
  it("reads deployments/<network>.json from a path or an object: the record the deployer wrote", async () => {
    const { keel, path } = await loadFixture(fixture);
    const fromPath = await readDeployment(path);
    expect(fromPath).to.deep.equal(JSON.parse(readFileSync(path, "utf8")));
    expect(fromPath.completedAt).to.be.a("string");
    expect(fromPath.contracts).to.deep.equal(keel.record.contracts);
    expect(await readDeployment(JSON.parse(readFileSync(path, "utf8")) as object)).to.deep.equal(fromPath);
    expect(addressOf(fromPath, "LiquidityHub")).to.equal(keel.address("LiquidityHub"));
    expect(() => addressOf(fromPath, "NoSuchModule")).to.throw(
      DeploymentError,
      /no "NoSuchModule" in the sdk deployment/,
    );
  });

  it("lists the Pool-type spokes, the core spoke first, with their reserves", async () => {
    const { keel, path } = await loadFixture(fixture);
    const spokes = poolSpokes(await readDeployment(path));
    expect(spokes[0]?.name).to.equal(CORE_SPOKE);
    expect(spokes[0]?.address).to.equal(keel.address("Pool"));
    expect(Object.keys(spokes[0]?.reserves ?? {})).to.deep.equal(Object.keys(keel.record.reserves ?? {})); // the synths among them
    expect(spokes.slice(1).map((s) => [s.name, s.address])).to.deep.equal(
      Object.values(keel.spokes).map((s) => [s.name, s.address]),
    );
    const hub = await ethers.getContractAt("LiquidityHub", keel.address("LiquidityHub"));
    for (const s of spokes) expect(await hub.isSpoke(s.address), s.name).to.equal(true);
  });

  it("rejects what is not a record, with the field at fault", async () => {
    const { path } = await loadFixture(fixture);
    const good = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(() => parseDeployment([])).to.throw(DeploymentError, /not a JSON object/);
    expect(() => parseDeployment({ ...good, chainId: 31337 })).to.throw(DeploymentError, /"chainId" must be a string/);
    expect(() => parseDeployment({ ...good, contracts: { Pool: { address: 1 } } })).to.throw(
      DeploymentError,
      /contracts\.Pool needs/,
    );
    await readDeployment(join(tmpdir(), "keel-sdk-missing", "x.json")).then(
      () => expect.fail("read a missing file"),
      (e: unknown) => expect(e).to.be.instanceOf(DeploymentError),
    );
  });

  it("module versions: every proxy's live implementation and version(), as the contracts and the record say", async () => {
    const { keel, path } = await loadFixture(fixture);
    const record = await readDeployment(path);
    const versions = await moduleVersions(ethers.provider, record);
    const proxies = Object.entries(record.contracts)
      .filter(([, c]) => c.implementation !== undefined)
      .map(([n]) => n);
    expect(versions.map((v) => v.name)).to.deep.equal(proxies);
    expect(proxies).to.include.members(["Pool", "Oracle", "AccessManager", "Governor"]);
    for (const v of versions) {
      const live = await ethers.getContractAt("IUpgradeCheckable", v.address);
      expect(v.version, v.name).to.equal(await live.version());
      expect(v.version).to.equal(record.contracts[v.name]?.version);
      expect(v.implementation).to.equal(keel.record.contracts[v.name]?.implementation);
      expect(v.upgraded).to.equal(false);
    }
    // A record older than the chain (the implementation moved since): flagged as upgraded.
    const stale = structuredClone(record);
    stale.contracts.Pool.implementation = "0x000000000000000000000000000000000000dEaD";
    expect((await moduleVersions(ethers.provider, stale)).find((v) => v.name === "Pool")?.upgraded).to.equal(true);
  });
});
