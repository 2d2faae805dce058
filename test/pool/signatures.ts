import { expect } from "chai";
import hre from "hardhat";
import { Signature, TypedDataEncoder, parseUnits } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployTestSystem(connection);

const DelegationTypes = {
  DelegationWithSig: [
    { name: "delegator", type: "address" },
    { name: "asset", type: "address" },
    { name: "delegatee", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

async function poolDomain(poolAddress: string) {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: "Keel Pool", version: "1", chainId, verifyingContract: poolAddress };
}

async function signPermit(
  token: MockERC20,
  owner: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: await token.name(), version: "1", chainId, verifyingContract: await token.getAddress() };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const nonce = await token.nonces(owner.address);
  return Signature.from(
    await owner.signTypedData(domain, types, { owner: owner.address, spender, value, nonce, deadline }),
  );
}

describe("Pool: signatures", () => {
  it("supplyWithPermit: supplies with a permit instead of an approval", async () => {
    const { pool, usdc, alice, U, poolAddress } = await loadFixture(fixture);
    await usdc.connect(alice).approve(poolAddress, 0n);
    const amount = parseUnits("100", 6);
    const deadline = BigInt(await time.latest()) + 3600n;
    const sig = await signPermit(usdc, alice, poolAddress, amount, deadline);
    await expect(pool.connect(alice).supplyWithPermit(U, amount, alice.address, 0, deadline, sig.v, sig.r, sig.s))
      .to.emit(pool, "Supply")
      .withArgs(U, alice.address, alice.address, amount, 0);
    expect(await pool.supplyBalanceOf(U, alice.address)).to.equal(amount);
    expect(await usdc.allowance(alice.address, poolAddress)).to.equal(0n);
  });

  it("supplyWithPermit: still succeeds when the permit was front-run", async () => {
    const { pool, usdc, alice, stranger, U, poolAddress } = await loadFixture(fixture);
    await usdc.connect(alice).approve(poolAddress, 0n);
    const amount = parseUnits("100", 6);
    const deadline = BigInt(await time.latest()) + 3600n;
    const sig = await signPermit(usdc, alice, poolAddress, amount, deadline);
    await usdc.connect(stranger).permit(alice.address, poolAddress, amount, deadline, sig.v, sig.r, sig.s);
    await expect(pool.connect(alice).supplyWithPermit(U, amount, alice.address, 0, deadline, sig.v, sig.r, sig.s))
      .to.emit(pool, "Supply")
      .withArgs(U, alice.address, alice.address, amount, 0);
  });

  it("supplyWithPermit: a bad permit without allowance fails on the transfer", async () => {
    const { pool, usdc, alice, stranger, U, poolAddress } = await loadFixture(fixture);
    await usdc.connect(alice).approve(poolAddress, 0n);
    const deadline = BigInt(await time.latest()) + 3600n;
    const sig = await signPermit(usdc, stranger, poolAddress, 100n, deadline); // signed by the wrong key
    await expect(pool.connect(alice).supplyWithPermit(U, 100n, alice.address, 0, deadline, sig.v, sig.r, sig.s))
      .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
      .withArgs(poolAddress, 0n, 100n);
  });

  it("DOMAIN_SEPARATOR: name Keel Pool, version 1, this chain, the proxy", async () => {
    const { pool, poolAddress } = await loadFixture(fixture);
    expect(await pool.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(await poolDomain(poolAddress)));
  });

  it("delegationWithSig: anyone may submit the delegator's signature; the nonce is consumed", async () => {
    const { pool, bob, carol, stranger, U, poolAddress } = await loadFixture(fixture);
    const deadline = BigInt(await time.latest()) + 3600n;
    const value = { delegator: bob.address, asset: U, delegatee: carol.address, amount: 500n, nonce: 0n, deadline };
    const sig = Signature.from(await bob.signTypedData(await poolDomain(poolAddress), DelegationTypes, value));
    await expect(
      pool.connect(stranger).delegationWithSig(bob.address, U, carol.address, 500n, deadline, sig.v, sig.r, sig.s),
    )
      .to.emit(pool, "BorrowAllowanceDelegated")
      .withArgs(bob.address, carol.address, U, 500n);
    expect(await pool.borrowAllowance(bob.address, U, carol.address)).to.equal(500n);
    expect(await pool.nonces(bob.address)).to.equal(1n);
    // Replay: the nonce moved on, so the same signature no longer matches.
    await expect(
      pool.connect(stranger).delegationWithSig(bob.address, U, carol.address, 500n, deadline, sig.v, sig.r, sig.s),
    ).to.be.revertedWithCustomError(pool, "PoolInvalidSignature");
  });

  it("delegationWithSig: refused after the deadline (PoolSignatureExpired)", async () => {
    const { pool, bob, carol, U, poolAddress } = await loadFixture(fixture);
    const deadline = BigInt(await time.latest()) + 10n;
    const value = { delegator: bob.address, asset: U, delegatee: carol.address, amount: 500n, nonce: 0n, deadline };
    const sig = Signature.from(await bob.signTypedData(await poolDomain(poolAddress), DelegationTypes, value));
    await time.increaseTo(deadline + 1n);
    await expect(pool.delegationWithSig(bob.address, U, carol.address, 500n, deadline, sig.v, sig.r, sig.s))
      .to.be.revertedWithCustomError(pool, "PoolSignatureExpired")
      .withArgs(deadline);
    expect(await pool.nonces(bob.address)).to.equal(0n);
  });

  it("delegationWithSig: refused when signed by someone else or for other values (PoolInvalidSignature)", async () => {
    const { pool, bob, carol, stranger, U, poolAddress } = await loadFixture(fixture);
    const deadline = BigInt(await time.latest()) + 3600n;
    const value = { delegator: bob.address, asset: U, delegatee: carol.address, amount: 500n, nonce: 0n, deadline };
    const wrong = Signature.from(await stranger.signTypedData(await poolDomain(poolAddress), DelegationTypes, value));
    await expect(
      pool.delegationWithSig(bob.address, U, carol.address, 500n, deadline, wrong.v, wrong.r, wrong.s),
    ).to.be.revertedWithCustomError(pool, "PoolInvalidSignature");
    const good = Signature.from(await bob.signTypedData(await poolDomain(poolAddress), DelegationTypes, value));
    await expect(
      pool.delegationWithSig(bob.address, U, carol.address, 501n, deadline, good.v, good.r, good.s),
    ).to.be.revertedWithCustomError(pool, "PoolInvalidSignature");
    // Signed for another verifying contract (domain mismatch).
    const other = Signature.from(
      await bob.signTypedData({ ...(await poolDomain(poolAddress)), verifyingContract: U }, DelegationTypes, value),
    );
    await expect(
      pool.delegationWithSig(bob.address, U, carol.address, 500n, deadline, other.v, other.r, other.s),
    ).to.be.revertedWithCustomError(pool, "PoolInvalidSignature");
    expect(await pool.borrowAllowance(bob.address, U, carol.address)).to.equal(0n);
  });
});
