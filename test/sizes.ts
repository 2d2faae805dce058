// Every production contract keeps 2 KB of headroom under EIP-170 (24,576 bytes of runtime code): room for a fix or a
// small feature without moving code around under pressure. Test doubles (contracts/mocks/) are exempt.
import { expect } from "chai";
import hre from "hardhat";

const EIP170_LIMIT = 24_576;
const HEADROOM = 2_048;

describe("contract sizes (EIP-170 with 2 KB headroom)", () => {
  it("every production contract's runtime code is at most 22,528 bytes", async () => {
    const names = [...(await hre.artifacts.getAllFullyQualifiedNames())].filter(
      (n) => n.startsWith("contracts/") && !n.startsWith("contracts/mocks/"),
    );
    const sizes: string[] = [];
    let checked = 0;
    for (const fq of names) {
      const artifact = await hre.artifacts.readArtifact(fq);
      const bytes = (artifact.deployedBytecode.length - 2) / 2;
      if (bytes === 0) continue; // interfaces and internal-only libraries
      checked++;
      if (bytes > EIP170_LIMIT - HEADROOM) sizes.push(`${fq}: ${bytes} bytes`);
    }
    expect(checked).to.be.greaterThan(20);
    expect(sizes, `over ${EIP170_LIMIT - HEADROOM} bytes`).to.deep.equal([]);
  });
});
