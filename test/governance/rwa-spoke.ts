// Issue 12: the RWA spoke through governance.
// - Registration: ONE DAO proposal registers a freshly deployed RwaSpoke proxy in the hub with its USDC draw cap,
//   maps its function roles and lists its first RWA collateral; no deployed contract's code changes; it serves.
// - Upgrade: the deployed RwaSpoke goes to RwaSpokeV2 through KeelUpgrader on the full Governor path; its state
//   digest, the core spoke and the hub's books are unchanged, and it keeps serving.
import { expect } from "chai";
import hre from "hardhat";
import { Interface, MaxUint256, parseUnits } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { devRwaSpoke } from "../../deploy/spokes/rwa.js";
import { FunctionRoles } from "../../deploy/roles.js";
import { selectorOf } from "../../deploy/tiers.js";
import {
  deployUpgradeFlowSystem,
  executeNow,
  proposeAndExecute,
  proposeAndQueue,
  travelTo,
  type UpgradeFlowSystem,
  upgradeCalldata,
  userActivity,
} from "../helpers/upgrade-flow.js";
import type { Probe } from "../../tasks/lib/upgrade.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const USD = (x: string) => parseUnits(x, 6);

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

/** Opens an RWA loan for alice on `spoke` (the deployer is the mock T-bill's issuer). */
async function rwaLoan(s: UpgradeFlowSystem, spokeAddress: string, tbillAddress: string) {
  const tbill = await ethers.getContractAt("MockRwaToken", tbillAddress);
  const spoke = await ethers.getContractAt("RwaSpoke", spokeAddress);
  await tbill.connect(s.deployer).setAllowed(s.alice.address, true);
  await tbill.connect(s.deployer).mint(s.alice.address, parseUnits("100000", 6));
  await tbill.connect(s.alice).approve(spokeAddress, MaxUint256);
  await s.tokens.USDC.connect(s.alice).approve(spokeAddress, MaxUint256);
  await spoke.connect(s.alice).supply(tbillAddress, parseUnits("100000", 6));
  await spoke.connect(s.alice).borrow(tbillAddress, USD("10000"), s.alice.address);
  return spoke;
}

describe("governance: the RWA spoke (issue 12)", () => {
  it("one DAO proposal registers a fresh RwaSpoke with its cap, roles and first collateral; no deployed code changes", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const usdc = s.keel.reserves.USDC.asset;
    const fresh = await upgradesApi.deployProxy(
      await ethers.getContractFactory("RwaSpoke"),
      [s.keel.address("AccessManager"), s.keel.address("ModuleRegistry"), usdc],
      { kind: "uups", initializer: "initialize" },
    );
    const spokeAddress = await fresh.getAddress();
    const spoke = await ethers.getContractAt("RwaSpoke", spokeAddress);
    // The issuer's side (not governance's): a new T-bill token whose allowlist admits the spoke, and its NAV feed.
    const tbill = await ethers.deployContract("MockRwaToken", ["T-Bill 2", "TBILL2", 6, s.deployer.address]);
    const tbillAddress = await tbill.getAddress();
    await tbill.setAllowed(spokeAddress, true);
    const feed = await ethers.deployContract("MockAggregator", [8, 10n ** 8n, "TBILL2 NAV / USD"]);
    const hubAddress = s.keel.address("LiquidityHub");
    const hub = await ethers.getContractAt("LiquidityHub", hubAddress);
    const codeBefore = await Promise.all(
      Object.values(s.keel.record.contracts).map((c) => ethers.provider.getCode(c.address)),
    );

    const byRole = new Map<bigint, string[]>();
    for (const [sig, role] of Object.entries(FunctionRoles.RwaSpoke))
      byRole.set(role, [...(byRole.get(role) ?? []), selectorOf(sig)]);
    const targets: string[] = [hubAddress, hubAddress];
    const calldatas: string[] = [
      hub.interface.encodeFunctionData("addSpoke", [spokeAddress]),
      hub.interface.encodeFunctionData("setSpokeCaps", [spokeAddress, usdc, 0n, 1_000_000n]),
    ];
    for (const [role, selectors] of byRole) {
      targets.push(s.keel.address("AccessManager"));
      calldatas.push(s.manager.interface.encodeFunctionData("setTargetFunctionRole", [spokeAddress, selectors, role]));
    }
    targets.push(spokeAddress);
    calldatas.push(
      spoke.interface.encodeFunctionData("listCollateral", [
        tbillAddress,
        await feed.getAddress(),
        false,
        devRwaSpoke.collaterals[0].params,
      ]),
    );
    const q = await proposeAndQueue(
      s,
      targets,
      targets.map(() => 0n),
      calldatas,
      "Register the RWA spoke TBILL2 with a 1M USDC draw cap",
    );
    await travelTo(s, q.eta);
    await feed.setAnswer(10n ** 8n); // the issuer's daily NAV, fresh when the listing executes
    await executeNow(s, q);

    expect(
      await Promise.all(Object.values(s.keel.record.contracts).map((c) => ethers.provider.getCode(c.address))),
    ).to.deep.equal(codeBefore);
    const sa = await hub.getSpokeAsset(spokeAddress, usdc);
    expect([sa.addCap, sa.drawCap]).to.deep.equal([0n, 1_000_000n]);
    expect(await spoke.collaterals()).to.deep.equal([tbillAddress]);
    expect(await s.manager.getTargetFunctionRole(spokeAddress, selectorOf("acceptNav(address)"))).to.equal(
      FunctionRoles.RwaSpoke["acceptNav(address)"],
    );
    // It serves: an RWA loan drawn from the hub's USDC.
    await rwaLoan(s, spokeAddress, tbillAddress);
    expect((await hub.getSpokeAsset(spokeAddress, usdc)).drawnShares).to.be.greaterThan(0n);
    await userActivity(s);
  });

  it("upgrading the RwaSpoke to V2 through governance keeps its state, the core spoke and the hub unchanged", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const rwa = s.keel.rwa!;
    const spoke = await rwaLoan(s, rwa.address, rwa.collaterals.TBILL.token);
    const hub = await ethers.getContractAt("LiquidityHub", s.keel.address("LiquidityHub"));
    const usdc = s.keel.reserves.USDC.asset;
    const digest = await spoke.stateDigest();
    const implBefore = await upgradesApi.erc1967.getImplementationAddress(rwa.address);
    const others = async () => [
      await s.pool.stateDigest(),
      [...(await hub.getAsset(usdc))],
      [...(await hub.getSpokeAsset(rwa.address, usdc))],
    ];
    const before = await others();
    const impl = (await upgradesApi.prepareUpgrade(rwa.address, await ethers.getContractFactory("RwaSpokeV2"), {
      kind: "uups",
    })) as string;
    const views = new Interface([
      "function getPosition(address,address) view returns (tuple(uint256,uint256,uint256,uint256,uint256,uint256,uint40))",
      "function collaterals() view returns (address[])",
    ]);
    const probes: Probe[] = [
      { target: rwa.address, data: views.encodeFunctionData("collaterals") },
      {
        target: rwa.address,
        data: views.encodeFunctionData("getPosition", [s.alice.address, rwa.collaterals.TBILL.token]),
      },
    ];
    const data = new Interface((await hre.artifacts.readArtifact("RwaSpokeV2")).abi).encodeFunctionData(
      "initializeV2",
      [ethers.encodeBytes32String("upgrade RwaSpoke")],
    );
    await proposeAndExecute(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, rwa.address, impl, data, probes)],
      "Upgrade the RWA spoke to V2",
    );

    const v2 = await ethers.getContractAt("RwaSpokeV2", rwa.address);
    expect(await v2.version()).to.equal("2.0.0");
    expect(await upgradesApi.erc1967.getImplementationAddress(rwa.address))
      .to.equal(impl)
      .and.not.equal(implBefore);
    expect((await v2.upgradeInfo())[0]).to.equal(ethers.encodeBytes32String("upgrade RwaSpoke"));
    expect(await spoke.stateDigest()).to.equal(digest);
    expect(await others()).to.deep.equal(before);
    // A stranger cannot run the reinitializer, and the spoke keeps serving.
    await expect(v2.connect(s.stranger).initializeV2(ethers.ZeroHash)).to.be.revertedWithCustomError(
      v2,
      "InvalidInitialization",
    );
    await spoke.connect(s.alice).repay(rwa.collaterals.TBILL.token, MaxUint256, s.alice.address);
  });
});
