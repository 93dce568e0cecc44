import { describe, expect, it } from "vitest";
import { businessDate, inBusinessTz } from "../../../src/shared/clock.js";

describe("businessDate", () => {
  it.each([
    ["2021-03-21T15:59:59.999Z", "2021-03-21"],
    ["2021-03-21T16:00:00.000Z", "2021-03-22"],
    ["2020-12-31T16:00:00.000Z", "2021-01-01"],
    ["2024-02-28T16:00:00.000Z", "2024-02-29"],
  ])("%s is %s in Shanghai", (instant, date) => {
    expect(businessDate(new Date(instant))).toBe(date);
  });

  it("agrees with the time-zone database on every hour of 2021", () => {
    for (let t = Date.parse("2021-01-01T00:00:00Z"); t < Date.parse("2022-01-01T00:00:00Z"); t += 3_600_000) {
      expect(businessDate(new Date(t))).toBe(inBusinessTz(t).format("YYYY-MM-DD"));
    }
  });
});
