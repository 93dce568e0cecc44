import { describe, expect, it } from "vitest";
import { rssFigures } from "../../../scripts/soak/soak-memory.js";

const at = (minute: number, mb: number, heap?: { usedMb: number; sizeMb: number }) => ({
  minute,
  mb,
  ...(heap ? { heap } : {}),
});

describe("the soak's memory figures", () => {
  it("calls a sawtooth whose peaks stop rising levelled, and splits what lies outside the heap", () => {
    const samples = [
      at(0, 100, { usedMb: 30, sizeMb: 40 }),
      at(2, 140, { usedMb: 40, sizeMb: 70 }),
      at(4, 120, { usedMb: 35, sizeMb: 50 }),
      at(5, 160, { usedMb: 45, sizeMb: 75 }),
      at(7, 130, { usedMb: 38, sizeMb: 55 }),
      at(8, 163, { usedMb: 44, sizeMb: 76 }),
      at(10, 150, { usedMb: 40, sizeMb: 70 }),
    ];
    const figures = rssFigures(samples);
    expect(figures?.quarters).toEqual([140, 120, 160, 163]);
    expect(figures?.levelled).toBe(true);
    expect(figures?.heapUsedQuarters).toEqual([40, 35, 45, 44]);
    expect(figures?.outsideHeapQuarters).toEqual([70, 70, 85, 87]);
  });

  it("calls peaks that go on rising still rising, and leaves the split out without heap readings", () => {
    const samples = [at(0, 100), at(3, 120), at(5, 140), at(8, 160), at(10, 175)];
    const figures = rssFigures(samples);
    expect(figures?.quarters).toEqual([100, 120, 140, 175]);
    expect(figures?.levelled).toBe(false);
    expect(figures?.heapUsedQuarters).toBeUndefined();
    expect(figures?.outsideHeapQuarters).toBeUndefined();
  });

  it("has no figures without a sample", () => {
    expect(rssFigures([])).toBeUndefined();
  });
});
