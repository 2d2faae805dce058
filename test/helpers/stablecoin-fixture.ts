// Shared set-up of test/stablecoin/: the system the one deployer builds with USDC and WETH (admin kept by the
// deployer, so tests act as the DAO), with the handles kUSD's and the synths' listings use.
import type { NetworkConnection } from "hardhat/types/network";
import { deployTestKeel, signers, testConfig } from "./pool-fixture.js";

export async function deployStablecoinBase(connection: NetworkConnection) {
  const { ethers } = connection;
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, testConfig({ symbols: ["USDC", "WETH"] }), s.guardian.address);
  const at = (n: string) => system.address(n);
  return {
    ...s,
    manager: await ethers.getContractAt("KeelAccessManager", at("AccessManager")),
    hub: await ethers.getContractAt("LiquidityHub", at("LiquidityHub")),
    pool: await ethers.getContractAt("Pool", at("Pool")),
    oracle: await ethers.getContractAt("KeelOracle", at("Oracle")),
    rates: await ethers.getContractAt("KinkedRateModel", at("RateModel")),
    usdc: await ethers.getContractAt("MockERC20", system.reserves.USDC.asset),
    weth: await ethers.getContractAt("MockERC20", system.reserves.WETH.asset),
    feeds: await Promise.all(Object.values(system.reserves).map((r) => ethers.getContractAt("MockAggregator", r.feed))),
  };
}
