import { describe, expect, it } from "vitest";
import {
  addDays,
  assertIsoDate,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  isoWeekKey,
} from "../../../src/calendar/iso-date.js";

describe("iso-date", () => {
  it.each([
    ["2021-04-05", true],
    ["2024-02-29", true],
    ["2021-02-29", false],
    ["2021-02-30", false],
    ["2021-13-01", false],
    ["2021-4-5", false],
    ["2021-04-05T00:00:00Z", false],
    ["", false],
  ])("isIsoDate(%j) is %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("refuses a non-date with the value in the message", () => {
    expect(() => assertIsoDate("2021-02-30")).toThrow(/"2021-02-30"/);
  });

  // The conversions are kept (a bounded cache): asking again, or after many other dates filled
  // and emptied it, gives the same answers.
  it("answers the same the second time, and after thousands of other dates", () => {
    const answers = () => [
      isIsoDate("2021-02-29"),
      isIsoDate("2024-02-29"),
      addDays("2021-12-31", 1),
      dayNumber("2021-01-01"),
      dayNumber("not a date"),
    ];
    const first = answers();
    expect(first).toEqual([false, true, "2022-01-01", 18628, undefined]);
    expect(answers()).toEqual(first);
    for (let n = 0; n < 10_000; n++) dayNumber(fromDayNumber(n));
    expect(answers()).toEqual(first);
  });

  it.each([
    ["2021-02-28", 1, "2021-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2021-12-31", 1, "2022-01-01"],
    ["2021-01-01", -1, "2020-12-31"],
    ["2021-03-01", -366, "2020-02-29"],
  ])("addDays(%s, %i) is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2021-04-05", 1],
    ["2021-04-02", 5],
    ["2021-02-07", 7],
    ["1969-12-31", 3],
  ])("isoWeekday(%s) is %i", (date, expected) => {
    expect(isoWeekday(date)).toBe(expected);
  });

  it.each([
    [2021, 2, 28],
    [2024, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2021, 4, 30],
    [2021, 12, 31],
  ])("daysInMonth(%i, %i) is %i", (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });

  it.each([
    ["2021-01-01", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2021-03-22", "2021-W12"],
    ["2021-03-28", "2021-W12"],
    ["2024-12-30", "2025-W01"],
  ])("isoWeekKey(%s) is %s", (date, expected) => {
    expect(isoWeekKey(date)).toBe(expected);
  });
});
