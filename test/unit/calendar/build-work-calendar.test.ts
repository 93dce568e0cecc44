import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildWorkCalendar } from "../../../src/calendar/build-work-calendar.js";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { assertIsoDate, fromDayNumber } from "../../../src/calendar/iso-date.js";

const calendar = createChineseDaysCalendar({
  overrides: { closedDays: [{ date: "2021-07-01" }], extraWorkingDays: [{ date: "2021-07-03" }] },
});

// Days 2019-01-01 … 2026-12-31 (covered years, so holidays and make-up days are in play).
const dates = fc.integer({ min: 17_897, max: 20_818 }).map(fromDayNumber);

describe("buildWorkCalendar", () => {
  it("adds n working days so that workingDaysBetween counts n back, landing on a working day", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -40, max: 40 }), (date, n) => {
        fc.pre(n !== 0);
        const result = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(calendar.workingDaysBetween(date, result)).toBe(n);
      }),
    );
  });

  it("counts working days between any two dates as a day-by-day count does, across years and both ways", () => {
    const byDays = (from: string, to: string) => {
      let count = 0;
      for (let n = assertIsoDate(from) + 1; n <= assertIsoDate(to); n++)
        if (calendar.isWorkingDay(fromDayNumber(n))) count++;
      return count;
    };
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        // (from, to] forward; [from, to) backward, negative.
        const back =
          byDays(from, to) - (calendar.isWorkingDay(to) ? 1 : 0) + (calendar.isWorkingDay(from) ? 1 : 0);
        expect(calendar.workingDaysBetween(from, to)).toBe(byDays(from, to));
        expect(calendar.workingDaysBetween(to, from)).toBe(0 - back);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps next/previous strictly after/before and onOrBefore never later", () => {
    fc.assert(
      fc.property(dates, (date) => {
        const next = calendar.nextWorkingDay(date);
        const previous = calendar.previousWorkingDay(date);
        expect(next > date && previous < date).toBe(true);
        expect(calendar.workingDaysBetween(date, next)).toBe(1);
        expect(calendar.workingDaysBetween(date, previous)).toBe(-1);
        expect(calendar.onOrBefore(date)).toBe(calendar.isWorkingDay(date) ? date : previous);
      }),
    );
  });

  it("fails with a fix instead of looping when no day is working", () => {
    const closed = buildWorkCalendar({
      dayInfo: (date) => ({ date, working: false, kind: "override-closed" }),
      coverage: () => "official",
    });
    expect(() => closed.nextWorkingDay("2021-01-01")).toThrow(/no working day within 366 days.*closedDays/);
    expect(() => closed.onOrBefore("2021-01-01")).toThrow(/before 2021-01-01/);
  });
});
