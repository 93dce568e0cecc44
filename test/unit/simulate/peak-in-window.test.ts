import { describe, expect, it } from "vitest";
import { peakInWindow } from "../../../src/simulate/peak-in-window.js";

describe("peakInWindow", () => {
  it.each([
    [[], 1000, 0],
    [[0, 999], 1000, 2],
    [[0, 1000], 1000, 1], // the window is (t − 1000, t]: an event exactly 1000 before falls out
    [[500, 0, 100, 2000, 2100], 1000, 3],
  ])("%j in windows of %i → %i", (times, windowMs, peak) => {
    expect(peakInWindow(times, windowMs)).toBe(peak);
  });
});
