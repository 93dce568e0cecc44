import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";

// Expected days are from the State Council's 2021 notice (国办发明电〔2020〕27号).
const calendar = createChineseDaysCalendar();

describe("chinese-days calendar, 2021", () => {
  it.each([
    ["2021-01-01", false, "holiday", "元旦"],
    ["2021-01-04", true, "workday", undefined],
    ["2021-02-06", false, "weekend", undefined],
    ["2021-02-07", true, "makeup-workday", "春节"],
    ["2021-02-11", false, "holiday", "春节"],
    ["2021-02-17", false, "holiday", "春节"],
    ["2021-02-18", true, "workday", undefined],
    ["2021-02-20", true, "makeup-workday", "春节"],
    ["2021-04-02", true, "workday", undefined],
    ["2021-04-03", false, "holiday", "清明"],
    ["2021-04-05", false, "holiday", "清明"],
    ["2021-04-06", true, "workday", undefined],
    ["2021-04-25", true, "makeup-workday", "劳动节"],
    ["2021-09-26", true, "makeup-workday", "国庆节"],
    ["2021-10-01", false, "holiday", "国庆节"],
    ["2021-10-07", false, "holiday", "国庆节"],
    ["2021-10-08", true, "workday", undefined],
    ["2021-10-09", true, "makeup-workday", "国庆节"],
    ["2021-10-10", false, "weekend", undefined],
  ])("%s: working %s, %s %s", (date, working, kind, name) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
    expect(calendar.dayInfo(date)).toEqual({ date, working, kind, ...(name ? { name } : {}) });
  });

  it.each([
    ["nextWorkingDay", "2021-04-02", "2021-04-06"],
    ["previousWorkingDay", "2021-04-06", "2021-04-02"],
    ["nextWorkingDay", "2021-02-05", "2021-02-07"],
    ["previousWorkingDay", "2021-02-08", "2021-02-07"],
    ["nextWorkingDay", "2021-02-10", "2021-02-18"],
    ["previousWorkingDay", "2021-02-18", "2021-02-10"],
    ["nextWorkingDay", "2021-09-30", "2021-10-08"],
    ["previousWorkingDay", "2021-10-11", "2021-10-09"],
    ["nextWorkingDay", "2020-12-31", "2021-01-04"],
    ["onOrBefore", "2021-04-05", "2021-04-02"],
    ["onOrBefore", "2021-04-02", "2021-04-02"],
    ["onOrBefore", "2021-02-07", "2021-02-07"],
    ["onOrBefore", "2021-10-07", "2021-09-30"],
  ] as const)("%s(%s) is %s", (method, date, expected) => {
    expect(calendar[method](date)).toBe(expected);
  });

  it.each([
    ["2021-04-01", 2, "2021-04-06"],
    ["2021-04-06", -2, "2021-04-01"],
    ["2021-02-09", 3, "2021-02-19"],
    ["2021-02-19", -3, "2021-02-09"],
    ["2021-02-05", 1, "2021-02-07"],
    ["2021-09-29", 3, "2021-10-09"],
    ["2021-10-11", -3, "2021-09-30"],
    ["2020-12-31", 1, "2021-01-04"],
    ["2021-01-04", -1, "2020-12-31"],
    ["2021-04-06", 0, "2021-04-06"],
    ["2021-04-05", 0, "2021-04-02"],
  ])("addWorkingDays(%s, %i) is %s", (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ["2021-04-02", "2021-04-06", 1],
    ["2021-04-06", "2021-04-02", -1],
    ["2021-04-01", "2021-04-06", 2],
    ["2021-04-03", "2021-04-05", 0],
    ["2021-04-06", "2021-04-06", 0],
    ["2021-02-05", "2021-02-08", 2],
    // 2021 had 250 working days.
    ["2020-12-31", "2021-12-31", 250],
    ["2022-01-01", "2021-01-01", -250],
  ])("workingDaysBetween(%s, %s) is %i", (from, to, expected) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(expected);
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => calendar.isWorkingDay("2021/04/05")).toThrow(RangeError);
    expect(() => calendar.addWorkingDays("2021-04-05", 1.5)).toThrow(/whole number/);
  });
});

describe("coverage", () => {
  it.each([
    [2004, "official"],
    [2021, "official"],
    [2003, "fallback"],
    [2035, "fallback"],
  ])("%i is %s", (year, expected) => {
    expect(calendar.coverage(year)).toBe(expected);
  });

  it("assumes Monday–Friday in an uncovered year and says so once per year", () => {
    const years: number[] = [];
    const fallback = createChineseDaysCalendar({ onFallbackYear: (year) => years.push(year) });
    // 1 January 2035 is a Monday: really 元旦, but nothing is known about 2035.
    expect(fallback.dayInfo("2035-01-01")).toEqual({ date: "2035-01-01", working: true, kind: "workday" });
    expect(fallback.dayInfo("2035-01-06")).toEqual({ date: "2035-01-06", working: false, kind: "weekend" });
    expect(fallback.nextWorkingDay("2035-01-05")).toBe("2035-01-08");
    fallback.isWorkingDay("2021-04-05");
    expect(years).toEqual([2035]);
  });
});

describe("overrides", () => {
  const local = createChineseDaysCalendar({
    overrides: {
      closedDays: [{ date: "2021-07-01", note: "建党100周年" }, { date: "2021-07-02" }],
      extraWorkingDays: [{ date: "2021-07-03", note: "集中攻坚" }, { date: "2021-10-07" }],
    },
  });

  it.each([
    ["2021-07-01", false, "override-closed", "建党100周年"],
    ["2021-07-02", false, "override-closed", undefined],
    ["2021-07-03", true, "override-open", "集中攻坚"],
    ["2021-10-07", true, "override-open", undefined],
  ])("%s: working %s, %s", (date, working, kind, name) => {
    expect(local.dayInfo(date)).toEqual({ date, working, kind, ...(name ? { name } : {}) });
  });

  it("steps over closed days and onto extra working days", () => {
    expect(local.nextWorkingDay("2021-06-30")).toBe("2021-07-03");
    expect(local.previousWorkingDay("2021-07-05")).toBe("2021-07-03");
    expect(local.onOrBefore("2021-07-02")).toBe("2021-06-30");
    expect(local.addWorkingDays("2021-09-30", 1)).toBe("2021-10-07");
    expect(local.workingDaysBetween("2021-06-30", "2021-07-05")).toBe(2);
  });
});

describe("host time zone", () => {
  it("answers the same whatever TZ the process runs in", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      // Guard: the change took effect, so this test can catch a host-TZ dependency.
      expect(new Date(Date.UTC(2021, 1, 8)).getDate()).toBe(7);
      const west = createChineseDaysCalendar();
      expect(west.isWorkingDay("2021-02-08")).toBe(true);
      expect(west.isWorkingDay("2021-04-05")).toBe(false);
      expect(west.onOrBefore("2021-04-05")).toBe("2021-04-02");
      expect(west.dayInfo("2021-02-07").kind).toBe("makeup-workday");
    } finally {
      process.env.TZ = saved;
    }
  });
});
