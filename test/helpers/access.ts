import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { BaseContract } from "ethers";
import type { KeelAccessManager } from "../../types/ethers-contracts/index.js";

/** The upgrades API returned by `await upgrades(hre, connection)`. */
export type UpgradesApi = Awaited<ReturnType<typeof upgrades>>;

/** Deploys a `KeelAccessManager` behind a UUPS proxy (validated by hardhat-upgrades) with `admin` as ADMIN_ROLE. */
export async function deployAccessManager(
  ethers: HardhatEthers,
  upgradesApi: UpgradesApi,
  admin: HardhatEthersSigner,
): Promise<KeelAccessManager> {
  const factory = await ethers.getContractFactory("KeelAccessManager", admin);
  const proxy = await upgradesApi.deployProxy(factory, [admin.address], { kind: "uups", initializer: "initialize" });
  await proxy.waitForDeployment();
  return proxy;
}

/** Maps the named functions of `target` to `role` (the caller must be the manager's admin). */
export async function restrictFunctions(
  manager: KeelAccessManager,
  target: BaseContract,
  functionNames: string[],
  role: bigint,
): Promise<void> {
  const selectors = functionNames.map((name) => {
    const fragment = target.interface.getFunction(name);
    if (fragment === null) throw new Error(`no function ${name}`);
    return fragment.selector;
  });
  await (await manager.setTargetFunctionRole(await target.getAddress(), selectors, role)).wait();
}
