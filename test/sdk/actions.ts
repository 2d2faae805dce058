// The SDK's transaction builders and sender (packages/sdk/src/actions.ts) on the deployed test system: approvals only
// when the allowance falls short, a supply with an EIP-2612 permit instead of an approval, a refused borrow decoded
// into its custom error with nothing changed, repay and withdraw "max"; and every builder's calldata equal to the
// contract's own encoding (the artifacts' ABIs).
import { expect } from "chai";
import hre from "hardhat";
import { Interface, MaxUint256, parseUnits } from "ethers";
import {
  KeelTxError,
  approvalFor,
  nftTx,
  poolTx,
  psmTx,
  rwaTx,
  safetyTx,
  sendTx,
  sendWithApproval,
  signPermit,
} from "../../packages/sdk/src/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const U = (n: string) => parseUnits(n, 6);

async function fixture() {
  const f = await deployTestSystem(connection);
  const [fresh, other] = (await ethers.getSigners()).slice(15, 17);
  for (const u of [fresh, other]) await f.usdc.mint(u.address, U("10000"));
  await f.weth.mint(fresh.address, parseUnits("10", 18));
  await f.pool.connect(f.bob).supply(f.U, U("100000"), f.bob.address, 0);
  return { ...f, fresh, other };
}

async function iface(contract: string): Promise<Interface> {
  return new Interface((await hre.artifacts.readArtifact(contract)).abi);
}

describe("sdk: transaction builders, approvals, permits, the sender", () => {
  it("asks for an approval only when the allowance falls short, then supplies", async () => {
    const f = await loadFixture(fixture);
    const owner = f.fresh.address;
    const approval = await approvalFor(ethers.provider, f.U, owner, f.poolAddress, U("1000"));
    expect(approval?.to).to.equal(f.U);
    expect(approval?.data).to.equal(
      (await iface("MockERC20")).encodeFunctionData("approve", [f.poolAddress, U("1000")]),
    );
    const { approval: a, receipt } = await sendWithApproval(
      f.fresh,
      f.U,
      f.poolAddress,
      U("1000"),
      poolTx.supply(f.poolAddress, f.U, U("1000"), owner),
    );
    expect(a?.status).to.equal(1);
    expect(receipt.status).to.equal(1);
    expect(await f.pool.supplyBalanceOf(f.U, owner)).to.equal(U("1000"));
    // An unlimited allowance needs no second approval.
    await sendTx(
      f.fresh,
      (await approvalFor(ethers.provider, f.U, owner, f.poolAddress, U("1"), { unlimited: true }))!,
    );
    expect(await approvalFor(ethers.provider, f.U, owner, f.poolAddress, U("5000"))).to.equal(undefined);
  });

  it("supplies with an EIP-2612 permit signed off-chain: no approval transaction", async () => {
    const f = await loadFixture(fixture);
    const owner = f.other.address;
    expect(await f.usdc.allowance(owner, f.poolAddress)).to.equal(0n);
    const deadline = BigInt(await time.latest()) + 3600n;
    const permit = await signPermit(f.other, f.U, f.poolAddress, U("500"), deadline);
    const receipt = await sendTx(f.other, poolTx.supplyWithPermit(f.poolAddress, f.U, U("500"), owner, permit));
    expect(receipt.status).to.equal(1);
    expect(await f.pool.supplyBalanceOf(f.U, owner)).to.equal(U("500"));
    expect(await f.usdc.nonces(owner)).to.equal(1n);
  });

  it("a refused borrow throws a KeelTxError with the decoded custom error; nothing changes", async () => {
    const f = await loadFixture(fixture);
    const who = f.fresh.address;
    await sendWithApproval(
      f.fresh,
      f.W,
      f.poolAddress,
      parseUnits("1", 18),
      poolTx.supply(f.poolAddress, f.W, parseUnits("1", 18), who),
    );
    let error: unknown;
    try {
      await sendTx(f.fresh, poolTx.borrow(f.poolAddress, f.U, U("1700"), who)); // $1,600 of borrowing power
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(KeelTxError);
    const e = error as KeelTxError;
    expect(e.decoded?.name).to.equal("PoolInsufficientCollateral");
    expect(e.decoded?.named.borrowPowerBase).to.equal(1600n * 10n ** 8n);
    expect(e.message).to.match(
      /^borrow 1700000000 of 0x[0-9a-fA-F]{40} for 0x[0-9a-fA-F]{40}: PoolInsufficientCollateral\(/,
    );
    expect(await f.pool.debtBalanceOf(f.U, who)).to.equal(0n);
  });

  it("borrows, repays everything and withdraws everything with the builders", async () => {
    const f = await loadFixture(fixture);
    const who = f.fresh.address;
    await sendWithApproval(
      f.fresh,
      f.W,
      f.poolAddress,
      parseUnits("1", 18),
      poolTx.supply(f.poolAddress, f.W, parseUnits("1", 18), who),
    );
    await sendTx(f.fresh, poolTx.borrow(f.poolAddress, f.U, U("800"), who));
    expect(await f.pool.debtBalanceOf(f.U, who)).to.equal(U("800"));
    await time.increase(30 * 86_400);
    await f.refreshFeeds();
    await sendWithApproval(f.fresh, f.U, f.poolAddress, U("900"), poolTx.repay(f.poolAddress, f.U, MaxUint256, who));
    expect(await f.pool.debtBalanceOf(f.U, who)).to.equal(0n);
    await sendTx(f.fresh, poolTx.withdraw(f.poolAddress, f.W, MaxUint256, who));
    expect(await f.pool.supplyBalanceOf(f.W, who)).to.equal(0n);
    expect(await f.weth.balanceOf(who)).to.equal(parseUnits("10", 18));
  });

  it("every builder encodes exactly what the contract's ABI encodes", async () => {
    const a = "0x" + "11".repeat(20);
    const b = "0x" + "22".repeat(20);
    const pool = await iface("Pool");
    expect(poolTx.setCollateral(a, b, false).data).to.equal(
      pool.encodeFunctionData("setUserUseReserveAsCollateral", [b, false]),
    );
    expect(poolTx.liquidate(a, b, a, b, 7n, true).data).to.equal(
      pool.encodeFunctionData("liquidationCall", [b, a, b, 7n, true]),
    );
    const nft = await iface("NftSpoke");
    expect(nftTx.borrow(a, b, 5n, a).data).to.equal(nft.encodeFunctionData("borrow", [b, 5n, a]));
    expect(nftTx.repay(a, b, 5n).data).to.equal(nft.encodeFunctionData("repay", [b, 5n]));
    expect(nftTx.withdraw(a, b, 3n, a).data).to.equal(nft.encodeFunctionData("withdrawNft", [b, 3n, a]));
    expect(nftTx.deposit(a, b, a, 3n).data).to.equal(
      (await iface("MockNft")).encodeFunctionData("safeTransferFrom(address,address,uint256)", [a, b, 3n]),
    );
    const rwa = await iface("RwaSpoke");
    expect(rwaTx.supply(a, b, 9n).data).to.equal(rwa.encodeFunctionData("supply", [b, 9n]));
    expect(rwaTx.repay(a, b, 9n, a).data).to.equal(rwa.encodeFunctionData("repay", [b, 9n, a]));
    const sm = await iface("SafetyModule");
    expect(safetyTx.stake(a, b, 4n, a).data).to.equal(sm.encodeFunctionData("stake", [b, 4n, a]));
    expect(safetyTx.unstake(a, b, 4n, a).data).to.equal(sm.encodeFunctionData("unstake", [b, 4n, a]));
    const psm = await iface("PegStabilityModule");
    expect(psmTx.buy(a, 10n, 9n, b).data).to.equal(psm.encodeFunctionData("buy", [10n, 9n, b]));
    expect(psmTx.sell(a, 10n, 9n, b).data).to.equal(psm.encodeFunctionData("sell", [10n, 9n, b]));
  });
});
