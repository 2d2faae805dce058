// The RWA spoke's test system: the one deployer (`deployTestKeel`) on the test configuration plus the dev RWA spoke
// of deploy/spokes/rwa.ts (mock T-bill issued by the deployer, NAV feed at 1.00, 5M USDC draw cap). Roles as in
// `deployTestSystem` (risk = RISK_ADMIN, the deployer keeps ADMIN). Liquidity: dave supplies 10M USDC to the core
// spoke. The issuer (deployer) allowlists alice, bob and liquidator (not carol, not stranger) and mints 1M TBILL to
// alice and bob; everyone approves the RWA spoke for TBILL and USDC.
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256, parseUnits } from "ethers";
import { devRwaSpoke } from "../../deploy/spokes/rwa.js";
import { Roles } from "../../deploy/roles.js";
import { deployTestKeel, signers, testConfig } from "./pool-fixture.js";

export const NAV_1 = 10n ** 8n;
export const T = (x: string) => parseUnits(x, 6);

export async function deployRwaSystem(connection: NetworkConnection) {
  const { ethers } = connection;
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, { ...testConfig(), rwa: devRwaSpoke }, s.guardian.address);
  const manager = await ethers.getContractAt("KeelAccessManager", system.address("AccessManager"));
  await manager.grantRole(Roles.RISK_ADMIN, s.risk.address, 0);
  await manager.revokeRole(Roles.RISK_ADMIN, s.deployer.address);
  const rwaHandles = system.rwa!;
  const spokeAddress = rwaHandles.address;
  const spoke = await ethers.getContractAt("RwaSpoke", spokeAddress);
  const tbillAddress = rwaHandles.collaterals.TBILL.token;
  const tbill = await ethers.getContractAt("MockRwaToken", tbillAddress);
  const nav = await ethers.getContractAt("MockAggregator", rwaHandles.collaterals.TBILL.navFeed);
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const hub = await ethers.getContractAt("LiquidityHub", system.address("LiquidityHub"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const usdcFeed = await ethers.getContractAt("MockAggregator", system.reserves.USDC.feed);
  const U = system.reserves.USDC.asset;
  for (const u of [s.alice, s.bob, s.carol, s.dave, s.liquidator, s.stranger]) {
    await usdc.mint(u.address, parseUnits("10000000", 6));
    await usdc.connect(u).approve(spokeAddress, MaxUint256);
    await usdc.connect(u).approve(await pool.getAddress(), MaxUint256);
    await tbill.connect(u).approve(spokeAddress, MaxUint256);
  }
  await pool.connect(s.dave).supply(U, parseUnits("10000000", 6), s.dave.address, 0);
  for (const u of [s.alice, s.bob, s.liquidator]) await tbill.setAllowed(u.address, true);
  for (const u of [s.alice, s.bob]) await tbill.mint(u.address, T("1000000"));
  return {
    ...s,
    system,
    manager,
    spoke,
    spokeAddress,
    tbill,
    tbillAddress,
    nav,
    pool,
    hub,
    usdc,
    usdcFeed,
    U,
    params: devRwaSpoke.collaterals[0].params,
    /** Publishes the NAV and USDC answers again, timestamped now (after a time jump). */
    refresh: async () => {
      for (const f of [nav, usdcFeed]) await f.setAnswer((await f.latestRoundData())[1]);
    },
    /** Walks the NAV to `target` (8 decimals) in accepted steps of at most 2%, as the issuer would publish it. */
    walkNav: async (target: bigint) => {
      let cur = (await spoke.getCollateral(tbillAddress)).acceptedNav;
      while (cur !== target) {
        const step = (cur * 199n) / 10_000n;
        const next =
          target < cur ? (cur - step > target ? cur - step : target) : cur + step < target ? cur + step : target;
        await nav.setAnswer(next);
        await spoke.updateNav(tbillAddress);
        cur = next;
      }
    },
  };
}

export type RwaSystem = Awaited<ReturnType<typeof deployRwaSystem>>;
