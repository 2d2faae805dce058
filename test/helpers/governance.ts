import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatUpgrades } from "@openzeppelin/hardhat-upgrades";
import type { BigNumberish, BytesLike } from "ethers";
import type {
  KeelGovernor,
  KeelTimelock,
  KeelToken,
  MockGovernanceTarget,
} from "../../types/ethers-contracts/index.js";
import { selectorOf } from "../../deploy/tiers.js";

export const DAY = 24n * 60n * 60n;
export const KEEL = 10n ** 18n;

/** Deployment parameters used across the governance tests (seconds, KEEL units). */
export const GOV = {
  minDelay: 2n * DAY,
  criticalDelay: 5n * DAY,
  votingDelay: 1n * DAY,
  votingPeriod: 5n * DAY,
  proposalThreshold: 1_000_000n * KEEL,
  quorumNumerator: 4n,
  lateQuorumExtension: 2n * DAY,
} as const;

/** A function's selector: the one helper is deploy/tiers.ts's. */
export { selectorOf };

export interface GovernanceSystem {
  token: KeelToken;
  timelock: KeelTimelock;
  governor: KeelGovernor;
  target: MockGovernanceTarget;
}

/**
 * Deploys KEEL, the timelock and the Governor proxy (through the upgrades plugin, so UUPS validation runs), then hands
 * the timelock's admin over: the Governor is the only proposer and executor, the guardian and the Governor can cancel,
 * and the deployer renounces DEFAULT_ADMIN_ROLE.
 */
export async function deployGovernance(
  connection: NetworkConnection,
  upgradesApi: HardhatUpgrades,
  guardian: string,
): Promise<GovernanceSystem> {
  const { ethers } = connection;
  const [deployer] = await ethers.getSigners();
  const token = await ethers.deployContract("KeelToken", [deployer.address]);
  const timelock = await ethers.deployContract("KeelTimelock", [
    GOV.minDelay,
    GOV.criticalDelay,
    [],
    [],
    deployer.address,
  ]);

  const Governor = await ethers.getContractFactory("KeelGovernor");
  const governor = (await upgradesApi.deployProxy(
    Governor,
    [
      await token.getAddress(),
      await timelock.getAddress(),
      GOV.votingDelay,
      GOV.votingPeriod,
      GOV.proposalThreshold,
      GOV.quorumNumerator,
      GOV.lateQuorumExtension,
    ],
    { kind: "uups" },
  )) as unknown as KeelGovernor;
  const governorAddress = await governor.getAddress();

  await timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress);
  await timelock.grantRole(await timelock.EXECUTOR_ROLE(), governorAddress);
  await timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress);
  await timelock.grantRole(await timelock.CANCELLER_ROLE(), guardian);
  const target = await ethers.deployContract("MockGovernanceTarget", [await timelock.getAddress()]);
  // The mock's "risk parameter" is the one base-tier call; everything else is critical (the timelock fails closed).
  await timelock.setBaseTierCalls(await target.getAddress(), [selectorOf("setParam(uint256)")], true);
  await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address);
  return { token, timelock, governor, target };
}

/** A proposal's full content, as the Governor hashes it. */
export interface Proposal {
  targets: string[];
  values: BigNumberish[];
  calldatas: BytesLike[];
  description: string;
}

export async function proposalIdOf(governor: KeelGovernor, p: Proposal, idFn: (s: string) => string): Promise<bigint> {
  return governor.hashProposal(p.targets, p.values, p.calldatas, idFn(p.description));
}
