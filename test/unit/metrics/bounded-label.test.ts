import { describe, expect, it } from "vitest";
import { boundedLabel } from "../../../src/metrics/bounded-label.js";

describe("boundedLabel", () => {
  it("keeps the first distinct plain values, then answers other", () => {
    const label = boundedLabel(2);
    expect(["a", "b", "a", "c", "b"].map(label)).toEqual(["a", "b", "a", "other", "b"]);
  });

  it("answers other for what is not a plain short name", () => {
    const label = boundedLabel(10);
    for (const value of ["", "with space", "张三", "x".repeat(41), 'quo"te'])
      expect(label(value)).toBe("other");
    expect(label("transient-error")).toBe("transient-error");
  });
});
