// Issue 11: spokes change through governance without touching any other deployed code.
// - Adding a spoke: one DAO proposal (the `add-spoke` preset of tasks/lib/governance.ts, plus the new spoke's first
//   market) registers a freshly deployed Pool proxy with its hub caps; no deployed contract's code changes, the new
//   spoke serves and the core spoke keeps serving.
// - Upgrading one spoke: the eMode spoke goes to PoolV2 through KeelUpgrader (same-transaction checks) on the full
//   Governor path; the core spoke (implementation, state digest) and the hub (state per asset and spoke, code) are
//   byte-for-byte unchanged.
import { expect } from "chai";
import hre from "hardhat";
import { Interface, MaxUint256, parseUnits } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { devReserves } from "../../deploy/config.js";
import { BASE_TIER, Roles } from "../../deploy/roles.js";
import { HUB_UNLIMITED, linkedPoolFactory, reserveConfig } from "../../deploy/keel.js";
import { execute, presetActions, propose, queue, status, vote } from "../../tasks/lib/governance.js";
import { linkedFactory, upgradeOptionsFor, type Probe } from "../../tasks/lib/upgrade.js";
import {
  deployUpgradeFlowSystem,
  expectTaskError,
  proposeAndExecute,
  refreshFeeds,
  type UpgradeFlowSystem,
  upgradeCalldata,
  userActivity,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture(): Promise<UpgradeFlowSystem> {
  return deployUpgradeFlowSystem(connection);
}

/** Runtime code of every contract of the record and of every proxy's implementation. */
async function codes(s: UpgradeFlowSystem): Promise<Record<string, string>> {
  const upgradesApi = await upgrades(hre, connection);
  const out: Record<string, string> = {};
  for (const [name, c] of Object.entries(s.keel.record.contracts)) {
    out[name] = await ethers.provider.getCode(c.address);
    if (c.implementation !== undefined) {
      out[`${name}:implementation`] = await ethers.provider.getCode(
        await upgradesApi.erc1967.getImplementationAddress(c.address),
      );
    }
  }
  return out;
}

/** Every asset of the deployment (core reserves and the eMode spoke's). */
function allAssets(s: UpgradeFlowSystem): string[] {
  const set = new Set<string>(Object.values(s.keel.reserves).map((r) => r.asset));
  for (const sp of Object.values(s.keel.spokes)) for (const r of Object.values(sp.reserves)) set.add(r.asset);
  return [...set];
}

describe("governance: spokes are added and upgraded on their own (issue 11)", () => {
  it("add-spoke preset: argument errors are readable", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    await expectTaskError(presetActions(hre, connection, rec, "add-spoke:0x12"), /spoke's <address>/);
    await expectTaskError(presetActions(hre, connection, rec, `add-spoke:${s.stranger.address}`), /at least one asset/);
    await expectTaskError(
      presetActions(hre, connection, rec, `add-spoke:${s.stranger.address}:DOGE:1:1`),
      /unknown asset "DOGE"/,
    );
    await expectTaskError(
      presetActions(hre, connection, rec, `add-spoke:${s.stranger.address}:USDC:1:x`),
      /<drawCap> of USDC/,
    );
    await expectTaskError(
      presetActions(hre, connection, rec, `add-spoke:${s.stranger.address}@Nope:USDC:1:1`),
      /unknown spoke contract "Nope"/,
    );
    const ok = await presetActions(hre, connection, rec, `add-spoke:${s.stranger.address}:USDC:unlimited:5:wstETH:7:0`);
    const hub = new Interface((await hre.artifacts.readArtifact("LiquidityHub")).abi);
    expect(ok.targets).to.deep.equal(Array(3).fill(s.keel.address("LiquidityHub")));
    expect(ok.calldatas).to.deep.equal([
      hub.encodeFunctionData("addSpoke", [s.stranger.address]),
      hub.encodeFunctionData("setSpokeCaps", [s.stranger.address, s.keel.reserves.USDC.asset, HUB_UNLIMITED, 5n]),
      hub.encodeFunctionData("setSpokeCaps", [
        s.stranger.address,
        s.keel.spokes.EModePool.reserves.wstETH.asset,
        7n,
        0n,
      ]),
    ]);
  });

  it("one DAO proposal registers a freshly deployed spoke with its caps and first market; no deployed code changes; both spokes serve", async () => {
    const s = await loadFixture(fixture);
    const rec = s.keel.record;
    const upgradesApi = await upgrades(hre, connection);
    // A new spoke: a Pool proxy initialised on the same registry (it takes the hub from it), and its kToken.
    const fresh = await upgradesApi.deployProxy(
      await linkedPoolFactory(ethers),
      [s.keel.address("AccessManager"), s.keel.address("ModuleRegistry")],
      {
        kind: "uups",
        initializer: "initialize",
        unsafeAllow: ["external-library-linking"],
      },
    );
    const spokeAddress = await fresh.getAddress();
    const spoke = await ethers.getContractAt("Pool", spokeAddress);
    const usdc = s.keel.reserves.USDC.asset;
    const kToken = await ethers.deployContract("KToken", [spokeAddress, usdc, 6, "Keel New USDC", "kUSDC-new"]);
    const hub = await ethers.getContractAt("LiquidityHub", s.keel.address("LiquidityHub"));
    // The timelock pays the new market's seed (the DAO's tokens; here minted to it).
    const seed = parseUnits("1", 6);
    await s.tokens.USDC.mint(s.keel.address("Timelock"), seed);
    const before = await codes(s);

    // "@Pool": onboarded as the deployer onboards its spokes (roles, tiers, registry), in the same proposal.
    const preset = await presetActions(hre, connection, rec, `add-spoke:${spokeAddress}@Pool:USDC:1000000:5000`);
    const spec = devReserves.find((r) => r.symbol === "USDC")!;
    const targets = [...preset.targets, usdc, spokeAddress];
    const calldatas = [
      ...preset.calldatas,
      s.tokens.USDC.interface.encodeFunctionData("approve", [spokeAddress, seed]),
      spoke.interface.encodeFunctionData("initReserve", [usdc, await kToken.getAddress(), reserveConfig(spec), seed]),
    ];
    const description = `${preset.summary}; list USDC in it`;
    const { proposalId } = await propose(hre, connection, rec, { targets, calldatas, description });
    await vote(hre, connection, rec, { id: proposalId, support: "for", travel: true });
    const { eta } = await queue(hre, connection, rec, { id: proposalId, travel: true });
    const queued = await status(hre, connection, rec, { id: proposalId });
    expect(queued.tier).to.equal("critical");
    expect(eta - BigInt(await networkHelpers.time.latest())).to.be.greaterThan(s.minDelay);
    await execute(hre, connection, rec, { id: proposalId, travel: true });
    await refreshFeeds(s);
    expect((await status(hre, connection, rec, { id: proposalId })).state).to.equal("Executed");

    // Only configuration changed: every deployed contract runs the code it ran before.
    expect(await codes(s)).to.deep.equal(before);
    // Onboarded like the deployer's spokes: the guardian may pause it, its risk calls are base tier, its unpause is
    // cancel-protected, and the registry pushes module changes to it.
    const am = await ethers.getContractAt("KeelAccessManager", s.keel.address("AccessManager"));
    const timelock = await ethers.getContractAt("KeelTimelock", s.keel.address("Timelock"));
    const sel = (sig: string) => ethers.id(sig).slice(0, 10);
    expect(await am.getTargetFunctionRole(spokeAddress, sel("pause()"))).to.equal(Roles.GUARDIAN);
    expect(await am.getTargetFunctionRole(spokeAddress, sel("upgradeToAndCall(address,bytes)"))).to.equal(
      Roles.UPGRADER,
    );
    for (const sig of BASE_TIER.Pool) expect(await timelock.isBaseTier(spokeAddress, sel(sig)), sig).to.equal(true);
    expect(await timelock.isCancelProtected(spokeAddress, sel("unpause(uint40)"), ethers.ZeroHash)).to.equal(true);
    expect(
      await (await ethers.getContractAt("ModuleRegistry", s.keel.address("ModuleRegistry"))).isConsumer(spokeAddress),
    ).to.equal(true);
    const sa = await hub.getSpokeAsset(spokeAddress, usdc);
    expect([sa.addCap, sa.drawCap]).to.deep.equal([1_000_000n, 5_000n]);
    expect(await spoke.getReservesList()).to.deep.equal([usdc]);

    // The new spoke serves: supply, then borrow from the shared USDC cash.
    const user = s.stranger;
    await s.tokens.USDC.mint(user.address, parseUnits("10000", 6));
    await s.tokens.USDC.connect(user).approve(spokeAddress, MaxUint256);
    await spoke.connect(user).supply(usdc, parseUnits("10000", 6), user.address, 0);
    const cash = (await hub.getAsset(usdc)).cash;
    await spoke.connect(user).borrow(usdc, parseUnits("1000", 6), 2, 0, user.address);
    expect(cash - (await hub.getAsset(usdc)).cash).to.equal(parseUnits("1000", 6));
    // Above its draw cap it cannot draw, whatever the hub holds.
    expect(cash).to.be.greaterThan(parseUnits("5000", 6));
    await expect(spoke.connect(user).borrow(usdc, parseUnits("4500", 6), 2, 0, user.address))
      .to.be.revertedWithCustomError(hub, "HubDrawCapExceeded")
      .withArgs(spokeAddress, usdc, 5_000n, (v: bigint) => v > parseUnits("5000", 6));
    // The core spoke keeps serving.
    await userActivity(s);
  });

  it("upgrading the eMode spoke to PoolV2 through governance leaves the core spoke and the hub byte-for-byte unchanged", async () => {
    const s = await loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const emodeAddress = s.keel.address("EModePool");
    const emode = await ethers.getContractAt("Pool", emodeAddress);
    const hubAddress = s.keel.address("LiquidityHub");
    const hub = await ethers.getContractAt("LiquidityHub", hubAddress);
    const spokes = [s.keel.address("Pool"), emodeAddress];

    // Some eMode activity first, so the hub's eMode books are not empty.
    const W = s.keel.reserves.WETH.asset;
    const L = s.keel.spokes.EModePool.reserves.wstETH.asset;
    const lst = await ethers.getContractAt("MockERC20", L);
    await lst.mint(s.carol.address, parseUnits("100", 18));
    await lst.connect(s.carol).approve(emodeAddress, MaxUint256);
    await s.tokens.WETH.connect(s.carol).approve(emodeAddress, MaxUint256);
    await emode.connect(s.carol).supply(L, parseUnits("100", 18), s.carol.address, 0);
    await emode.connect(s.carol).borrow(W, parseUnits("1", 18), 2, 0, s.carol.address);

    const hubState = async () => {
      const out: unknown[] = [await ethers.provider.getCode(hubAddress)];
      for (const a of allAssets(s)) {
        out.push(await hub.getAsset(a).then((x) => [...x]));
        for (const sp of spokes) out.push(await hub.getSpokeAsset(sp, a).then((x) => [...x]));
      }
      return out;
    };
    const coreState = async () => [
      await upgradesApi.erc1967.getImplementationAddress(s.keel.address("Pool")),
      await s.pool.stateDigest(),
      await s.pool.version(),
    ];
    const emodeImplBefore = await upgradesApi.erc1967.getImplementationAddress(emodeAddress);
    const emodeDigest = await emode.stateDigest();

    const impl = (await upgradesApi.prepareUpgrade(
      emodeAddress,
      await linkedFactory(hre, connection, "PoolV2", { deployLibraries: true }),
      await upgradeOptionsFor(hre, "Pool", "PoolV2"),
    )) as string;
    const views = new Interface([
      "function version() view returns (string)",
      "function getReservesList() view returns (address[])",
      "function getUserAccountData(address) view returns (uint256,uint256,uint256,uint256,uint256,uint256)",
    ]);
    const probes: Probe[] = [
      { target: emodeAddress, data: views.encodeFunctionData("getReservesList") },
      { target: emodeAddress, data: views.encodeFunctionData("getUserAccountData", [s.carol.address]) },
      { target: s.keel.address("Pool"), data: views.encodeFunctionData("getUserAccountData", [s.alice.address]) },
    ];
    const data = new Interface((await hre.artifacts.readArtifact("PoolV2")).abi).encodeFunctionData("initializeV2", [
      ethers.encodeBytes32String("upgrade EModePool"),
    ]);
    const hubBefore = await hubState();
    const coreBefore = await coreState();

    await proposeAndExecute(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, emodeAddress, impl, data, probes)],
      "Upgrade the eMode spoke to PoolV2",
    );

    const v2 = await ethers.getContractAt("PoolV2", emodeAddress);
    expect(await v2.version()).to.equal("2.0.0");
    expect(await upgradesApi.erc1967.getImplementationAddress(emodeAddress))
      .to.equal(impl)
      .and.not.equal(emodeImplBefore);
    expect((await v2.upgradeInfo())[0]).to.equal(ethers.encodeBytes32String("upgrade EModePool"));
    expect(await emode.stateDigest()).to.equal(emodeDigest);
    expect(await coreState()).to.deep.equal(coreBefore);
    expect(await hubState()).to.deep.equal(hubBefore);
    // Both spokes keep serving.
    await emode.connect(s.carol).repay(W, parseUnits("0.5", 18), 2, s.carol.address);
    await userActivity(s);
  });
});
