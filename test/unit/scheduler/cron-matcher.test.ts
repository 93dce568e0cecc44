import { describe, expect, it } from "vitest";
import { cronMatcher } from "../../../src/scheduler/cron-matcher.js";

describe("cronMatcher", () => {
  it("reads the expression in Asia/Shanghai, whatever the host's zone", () => {
    const at0807 = cronMatcher("7 8 * * *");
    expect(at0807(new Date("2021-03-22T00:07:00Z"))).toBe(true); // 08:07 in Shanghai
    expect(at0807(new Date("2021-03-22T08:07:00Z"))).toBe(false);
  });

  it("matches weekdays and lists like node-cron", () => {
    const weekdays = cronMatcher("5 8,14 * * 1-5");
    expect(weekdays(new Date("2021-03-22T06:05:00Z"))).toBe(true); // Monday 14:05
    expect(weekdays(new Date("2021-03-21T00:05:00Z"))).toBe(false); // Sunday 08:05
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai: the weekday follows Shanghai's date.
    expect(cronMatcher("30 7 * * 1")(new Date("2021-03-21T23:30:00Z"))).toBe(true);
  });
});
