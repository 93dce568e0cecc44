import { describe, expect, it } from "vitest";
import { toEpochMs } from "../../../src/store/to-epoch-ms.js";

describe("toEpochMs", () => {
  it.each([
    ["2021-03-22T08:30:00+08:00", Date.UTC(2021, 2, 22, 0, 30)],
    ["2021-03-22T00:30:00Z", Date.UTC(2021, 2, 22, 0, 30)],
    ["2021-03-22T00:30:00.250Z", Date.UTC(2021, 2, 22, 0, 30, 0, 250)],
    ["2021-03-22T08:30+08:00", Date.UTC(2021, 2, 22, 0, 30)],
  ])("reads %s", (iso, ms) => {
    expect(toEpochMs(iso, "x")).toBe(ms);
  });

  it("reads a Date", () => {
    expect(toEpochMs(new Date(Date.UTC(2021, 0, 1)), "x")).toBe(Date.UTC(2021, 0, 1));
  });

  // Without an offset the host's time zone would decide; the store refuses rather than guess.
  it.each(["2021-03-22T08:30:00", "2021-03-22", "next monday", ""])(
    "refuses %j and names the argument",
    (bad) => {
      expect(() => toEpochMs(bad, "outbox.claimDue now")).toThrow(/^outbox\.claimDue now: .*offset/);
    },
  );

  it("refuses an invalid Date", () => {
    expect(() => toEpochMs(new Date(Number.NaN), "now")).toThrow(/now/);
  });
});
