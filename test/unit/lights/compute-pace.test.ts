import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { computePace } from "../../../src/lights/compute-pace.js";

const calendar = createChineseDaysCalendar();
/** 2021 has 250 working days (调休 included). */
const YEAR = calendar.workingDaysBetween("2020-12-31", "2021-12-31");

describe("computePace (序时进度)", () => {
  it("is the elapsed share of the year's working days for a year-end deadline", () => {
    expect(YEAR).toBe(250);
    const elapsed = calendar.workingDaysBetween("2020-12-31", "2021-03-22");
    expect(computePace(calendar, { year: 2021, date: "2021-03-22", deadline: "2021-12-31" })).toBeCloseTo(
      (elapsed / YEAR) * 100,
      10,
    );
  });

  it("counts the make-up working Sunday (7 February 2021) and skips the Spring Festival", () => {
    const before = computePace(calendar, { year: 2021, date: "2021-02-06", deadline: "2021-12-31" });
    const after = computePace(calendar, { year: 2021, date: "2021-02-07", deadline: "2021-12-31" });
    expect(after - before).toBeCloseTo(100 / YEAR, 10);
    const festival = computePace(calendar, { year: 2021, date: "2021-02-17", deadline: "2021-12-31" });
    expect(festival).toBeCloseTo(
      computePace(calendar, { year: 2021, date: "2021-02-10", deadline: "2021-12-31" }),
    );
  });

  it("paces a mid-year deadline over its own span, and is 100 from the deadline on", () => {
    expect(computePace(calendar, { year: 2021, date: "2021-06-30", deadline: "2021-06-30" })).toBe(100);
    expect(computePace(calendar, { year: 2021, date: "2021-07-15", deadline: "2021-06-30" })).toBe(100);
    expect(computePace(calendar, { year: 2021, date: "2020-12-20", deadline: "2021-06-30" })).toBe(0);
  });
});
