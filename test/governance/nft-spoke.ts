// The NFT spoke through governance: registered by ONE DAO proposal (function roles, hub registration with draw caps,
// borrow asset, first collection), then serving; and upgraded to NftSpokeV2 through KeelUpgrader on the full Governor
// path, its state digest and loans unchanged.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { FunctionRoles } from "../../deploy/roles.js";
import { nftSpokeFactory } from "../../deploy/spokes/nft.js";
import {
  deployUpgradeFlowSystem,
  proposeAndExecute,
  refreshFeeds,
  type UpgradeFlowSystem,
  upgradeCalldata,
} from "../helpers/upgrade-flow.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const fixture = (): Promise<UpgradeFlowSystem> => deployUpgradeFlowSystem(connection);
const uups = { kind: "uups" as const, initializer: "initialize", unsafeAllow: ["external-library-linking" as const] };

describe("governance: the NFT spoke", () => {
  it("one DAO proposal registers a freshly deployed NftSpoke with its roles, caps, borrow asset and collection", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const fresh = await upgradesApi.deployProxy(
      await nftSpokeFactory(ethers),
      [s.keel.address("AccessManager"), s.keel.address("ModuleRegistry")],
      uups,
    );
    const spokeAddress = await fresh.getAddress();
    const spoke = await ethers.getContractAt("NftSpoke", spokeAddress);
    const hub = await ethers.getContractAt("LiquidityHub", s.keel.address("LiquidityHub"));
    const am = await ethers.getContractAt("KeelAccessManager", s.keel.address("AccessManager"));
    const punks = await ethers.deployContract("MockNft", ["Gov Punks", "GPUNK"]);
    const floor = await ethers.deployContract("MockAggregator", [8, 20_000n * 10n ** 8n, "GPUNK floor"]);
    const usdc = s.keel.reserves.USDC.asset;

    const byRole = new Map<bigint, string[]>();
    for (const [sig, role] of Object.entries(FunctionRoles.NftSpoke))
      byRole.set(role, [...(byRole.get(role) ?? []), ethers.id(sig).slice(0, 10)]);
    const targets: string[] = [];
    const calldatas: string[] = [];
    for (const [role, selectors] of byRole) {
      targets.push(await am.getAddress());
      calldatas.push(am.interface.encodeFunctionData("setTargetFunctionRole", [spokeAddress, selectors, role]));
    }
    targets.push(await hub.getAddress(), await hub.getAddress(), spokeAddress, spokeAddress);
    calldatas.push(
      hub.interface.encodeFunctionData("addSpoke", [spokeAddress]),
      hub.interface.encodeFunctionData("setSpokeCaps", [spokeAddress, usdc, 0n, 50_000n]),
      spoke.interface.encodeFunctionData("setBorrowAsset", [usdc, true]),
      spoke.interface.encodeFunctionData("listCollection", [
        await punks.getAddress(),
        await floor.getAddress(),
        86_400,
        4000,
        6000,
      ]),
    );
    await proposeAndExecute(
      s,
      targets,
      targets.map(() => 0n),
      calldatas,
      "Add the NFT spoke GPUNK",
    );
    await refreshFeeds(s);
    await floor.setAnswer(20_000n * 10n ** 8n);

    expect(await hub.isSpoke(spokeAddress)).to.equal(true);
    const sa = await hub.getSpokeAsset(spokeAddress, usdc);
    expect([sa.addCap, sa.drawCap]).to.deep.equal([0n, 50_000n]);
    // It serves: a loan against a freshly minted punk.
    const user = s.stranger;
    await punks.mint(user.address);
    await punks.connect(user)["safeTransferFrom(address,address,uint256)"](user.address, spokeAddress, 1n);
    await spoke.connect(user).borrow(usdc, parseUnits("1000", 6), user.address);
    expect((await spoke.debtOf(user.address))[2]).to.be.gte(parseUnits("1000", 6));
    // The guardian's freeze is wired by the proposal's roles.
    await spoke.connect(s.guardian).freezeCollection(await punks.getAddress());
    expect((await spoke.getCollection(await punks.getAddress())).frozen).to.equal(true);
  });

  it("upgrades to NftSpokeV2 through KeelUpgrader on the Governor path; state digest and loans unchanged", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address("NftSpoke");
    const spoke = await ethers.getContractAt("NftSpoke", proxy);
    const punks = await ethers.getContractAt("MockNft", s.keel.address("NFT-KPUNK"));
    const usdc = s.keel.reserves.USDC.asset;
    const floor = await ethers.getContractAt("MockAggregator", s.keel.address("NFT-KPUNK-floor"));
    await refreshFeeds(s);
    await floor.setAnswer(20_000n * 10n ** 8n);
    // A loan, so the digest covers real state.
    await punks.mint(s.alice.address);
    const id = (await punks.nextId()) - 1n;
    await punks.connect(s.alice)["safeTransferFrom(address,address,uint256)"](s.alice.address, proxy, id);
    await spoke.connect(s.alice).borrow(usdc, parseUnits("100", 6), s.alice.address);
    const digest = await spoke.stateDigest();
    const lib = await (await ethers.deployContract("NftLogic")).getAddress();
    const impl = (await upgradesApi.prepareUpgrade(proxy, await nftSpokeFactory(ethers, lib, "NftSpokeV2"), {
      kind: "uups",
      unsafeAllow: ["external-library-linking"],
    })) as string;
    // Straight from a stranger: refused.
    await expect(spoke.connect(s.stranger).upgradeToAndCall(impl, "0x")).to.be.revertedWithCustomError(
      spoke,
      "AccessManagedUnauthorized",
    );
    await proposeAndExecute(
      s,
      [s.keel.address("Upgrader")],
      [0n],
      [upgradeCalldata(s, proxy, impl, "0x", [])],
      "Upgrade the NFT spoke",
    );
    expect(await spoke.version()).to.equal("2.0.0");
    expect(await spoke.implementation()).to.equal(impl);
    expect(await spoke.stateDigest()).to.equal(digest);
    await refreshFeeds(s);
    await floor.setAnswer(20_000n * 10n ** 8n);
    const token = await ethers.getContractAt("MockERC20", usdc);
    await token.mint(s.alice.address, parseUnits("1000", 6));
    await token.connect(s.alice).approve(proxy, MaxUint256);
    await spoke.connect(s.alice).repay(s.alice.address, MaxUint256);
    expect((await spoke.debtOf(s.alice.address))[1]).to.equal(0n);
  });
});
