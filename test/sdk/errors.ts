// The SDK's error decoder (packages/sdk/src/errors.ts) on real reverts of the deployed system: from a failed call,
// from a failed transaction sent through ethers, and from raw revert data; arguments checked against the chain.
import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, Interface, concat, parseUnits } from "ethers";
import { decodeError, formatError, keelErrorsAbi, readAccount } from "../../packages/sdk/src/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.bob).supply(f.U, parseUnits("100000", 6), f.bob.address, 0);
  await f.pool.connect(f.alice).supply(f.W, parseUnits("1", 18), f.alice.address, 0);
  return f;
}

/** The error `run` throws (fails the test when it does not throw). */
async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return expect.fail("expected a revert");
}

describe("sdk: decoding errors", () => {
  it("a failed call: PoolInsufficientCollateral with the borrowing power the SDK reads at that block", async () => {
    const { pool, poolAddress, alice, U } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const acct = await readAccount(ethers.provider, poolAddress, alice.address, { blockTag });
    // 1 WETH at $2,000 and 80% LTV: $1,600 of borrowing power; ask for $1,700.
    const e = await thrown(() =>
      pool.connect(alice).borrow.staticCall(U, parseUnits("1700", 6), 2, 0, alice.address, { blockTag }),
    );
    const d = decodeError(e);
    expect(d?.name).to.equal("PoolInsufficientCollateral");
    expect(d?.signature).to.equal("PoolInsufficientCollateral(uint256,uint256)");
    expect(acct.borrowPowerBase).to.equal(1600n * 10n ** 8n);
    expect(d?.named.borrowPowerBase).to.equal(acct.borrowPowerBase);
    expect(d?.named.debtBase).to.equal(1700n * 10n ** 8n);
    expect(d?.args).to.deep.equal([acct.borrowPowerBase, 1700n * 10n ** 8n]);
    expect(formatError(d!)).to.equal(`PoolInsufficientCollateral(borrowPowerBase=160000000000, debtBase=170000000000)`);
  });

  it("a failed transaction: the hub's AccessManagedUnauthorized (OpenZeppelin's error) names the caller", async () => {
    const { hub, stranger, U } = await loadFixture(fixture);
    const e = await thrown(async () => (await hub.connect(stranger).freezeSpoke(stranger.address)).wait());
    const d = decodeError(e);
    expect(d?.name).to.equal("AccessManagedUnauthorized");
    expect(d?.args).to.deep.equal([stranger.address]);
    // And the hub's own error: an `add` of 1 unit that sent no tokens first (the hub holds exactly its cash).
    const e2 = await thrown(() => hub.connect(stranger).add.staticCall(U, 1n));
    const d2 = decodeError(e2);
    expect(d2?.name).to.equal("HubTokensNotReceived");
    expect(d2?.named).to.deep.equal({ asset: U, expected: 1n, received: 0n });
  });

  it("a failed withdrawal of more than supplied: the hub's HubInsufficientBalance with the supply balance at that block", async () => {
    const { pool, alice, W } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const balance = await pool.supplyBalanceOf(W, alice.address, { blockTag });
    const e = await thrown(() =>
      pool.connect(alice).withdraw.staticCall(W, parseUnits("2", 18), alice.address, { blockTag }),
    );
    const d = decodeError(e);
    expect(d?.name).to.equal("HubInsufficientBalance");
    expect(balance).to.equal(parseUnits("1", 18)); // no WETH borrowed: no interest yet
    expect(d?.named).to.deep.equal({ balance, requested: parseUnits("2", 18) });
  });

  it("raw revert data: custom errors, Error(string), Panic(uint256); unknown data and non-reverts give undefined", () => {
    const iface = new Interface(keelErrorsAbi);
    const asset = "0x000000000000000000000000000000000000bEEF";
    const raw = iface.encodeErrorResult("PoolReserveNotListed", [asset]);
    expect(decodeError(raw)).to.deep.equal({
      name: "PoolReserveNotListed",
      signature: "PoolReserveNotListed(address)",
      selector: raw.slice(0, 10),
      args: [asset],
      named: { asset },
    });
    const coder = AbiCoder.defaultAbiCoder();
    expect(decodeError(concat(["0x08c379a0", coder.encode(["string"], ["nope"])]))?.named).to.deep.equal({
      message: "nope",
    });
    expect(decodeError(concat(["0x4e487b71", coder.encode(["uint256"], [0x11])]))?.named).to.deep.equal({
      code: 0x11n,
    });
    expect(decodeError("0xdeadbeef")).to.equal(undefined);
    expect(decodeError(new Error("network down"))).to.equal(undefined);
    // Errors of an integrator's own contract, passed as an extra ABI.
    const extra = ["error MyError(uint256 code)"];
    expect(decodeError(new Interface(extra).encodeErrorResult("MyError", [7n]), extra)?.named).to.deep.equal({
      code: 7n,
    });
  });
});
