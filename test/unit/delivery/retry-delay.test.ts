import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/delivery/retry-delay.js";

const MINUTE = 60_000;

describe("retryDelayMs", () => {
  it("doubles from one minute", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, () => 0.5))).toEqual(
      [1, 2, 4, 8, 16].map((m) => m * MINUTE),
    );
  });

  it("never waits more than 30 minutes, and spreads the waits at the cap below it", () => {
    expect(retryDelayMs(6, () => 0.5)).toBe(27 * MINUTE);
    expect(retryDelayMs(40, () => 1)).toBe(30 * MINUTE);
    expect(retryDelayMs(40, () => 0)).toBe(24 * MINUTE);
    expect(retryDelayMs(5, () => 1)).toBe(19.2 * MINUTE);
  });

  it("spreads retries by ±20 %", () => {
    expect(retryDelayMs(3, () => 0)).toBe(0.8 * 4 * MINUTE);
    expect(retryDelayMs(3, () => 1)).toBe(1.2 * 4 * MINUTE);
  });
});
