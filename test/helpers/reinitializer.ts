// Shared regression for issue 10's "unprotected initializeV2 reinitializers callable by anyone after an upgrade
// executed with empty init data": used by the upgrade tests of the modules whose V2 is gated (UpgradeAuthorization).
import { expect } from "chai";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { encodeBytes32String } from "ethers";
import { linkedFactory, upgradeOptionsFor, type UpgradeModule } from "../../tasks/lib/upgrade.js";
import { type UpgradeFlowSystem, probesOf, timelockSigner } from "./upgrade-flow.js";

export function reinitializerGuardSuite(
  connection: NetworkConnection,
  fixture: () => Promise<UpgradeFlowSystem>,
  spec: { module: UpgradeModule; key: string; v2: string },
): void {
  const { ethers, networkHelpers } = connection;
  it(`unprotected initializeV2 (issue 10): after an upgrade to ${spec.v2} with empty init data, a stranger cannot run the reinitializer`, async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const upgradesApi = await upgrades(hre, connection);
    const proxy = s.keel.address(spec.key);
    const impl = (await upgradesApi.prepareUpgrade(
      proxy,
      await linkedFactory(hre, connection, spec.v2, { deployLibraries: true }),
      await upgradeOptionsFor(hre, spec.v2),
    )) as string;
    // The DAO's upgrade runs with "0x": the V2 code is live and its reinitializer has not run.
    await s.upgrader
      .connect(await timelockSigner(s))
      .upgradeAndVerify(proxy, impl, "0x", await probesOf(s, spec.module));
    const v2 = (await ethers.getContractAt(spec.v2, proxy)) as unknown as {
      initializeV2(label: string): Promise<unknown>;
      upgradeInfo(): Promise<[string, bigint]>;
      initializedVersion(): Promise<bigint>;
      connect(signer: unknown): typeof v2;
    };
    const errors = await ethers.getContractAt(spec.v2, proxy);
    // Before the fix the first caller took the reinitializer (and chose its arguments); now only an account that may
    // upgrade the proxy may run it.
    await expect(v2.connect(s.stranger).initializeV2(encodeBytes32String("mine")))
      .to.be.revertedWithCustomError(errors, "AccessManagedUnauthorized")
      .withArgs(s.stranger.address);
    await expect(v2.connect(s.deployer).initializeV2(encodeBytes32String("mine")))
      .to.be.revertedWithCustomError(errors, "AccessManagedUnauthorized")
      .withArgs(s.deployer.address);
    expect(await v2.initializedVersion()).to.equal(1n);
    expect((await v2.upgradeInfo())[0]).to.equal(ethers.ZeroHash);
  });
}
