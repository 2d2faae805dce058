// The SDK's display formatters (packages/sdk/src/format.ts): truncated, never rounded up, with the units' edge cases.
import { expect } from "chai";
import {
  MAX_HEALTH_FACTOR,
  RAY,
  WAD,
  formatFixedDown,
  formatHealthFactor,
  formatRayPercent,
} from "../../packages/sdk/src/index.js";

describe("sdk: formatting WAD and RAY values", () => {
  it("formatHealthFactor: four decimals, truncated (0.99999 is not 1), ∞ without debt", () => {
    expect(formatHealthFactor(WAD)).to.equal("1.0000");
    expect(formatHealthFactor(WAD - 1n)).to.equal("0.9999");
    expect(formatHealthFactor((WAD * 123456n) / 100000n)).to.equal("1.2345");
    expect(formatHealthFactor((WAD * 96n) / 100n, 2)).to.equal("0.96");
    expect(formatHealthFactor(0n)).to.equal("0.0000");
    expect(formatHealthFactor(MAX_HEALTH_FACTOR)).to.equal("∞");
  });

  it("formatRayPercent: a RAY fraction as a percentage with two decimals, truncated", () => {
    expect(formatRayPercent((RAY * 5n) / 100n)).to.equal("5.00%");
    expect(formatRayPercent((RAY * 123459n) / 10_000_000n)).to.equal("1.23%"); // 1.23459%
    expect(formatRayPercent(RAY)).to.equal("100.00%");
    expect(formatRayPercent(0n)).to.equal("0.00%");
    expect(formatRayPercent(RAY / 3n, 4)).to.equal("33.3333%");
  });

  it("formatFixedDown: zero decimals, and negative values truncated toward zero", () => {
    expect(formatFixedDown(1999n, 1000n, 0)).to.equal("1");
    expect(formatFixedDown(-1999n, 1000n, 2)).to.equal("-1.99");
    expect(formatFixedDown(5n, 1000n, 3)).to.equal("0.005");
  });
});
