import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { calendarConfigSchema } from "../../../src/calendar/calendar-config.js";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";

function messages(raw: unknown): string[] {
  const result = calendarConfigSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("calendarConfigSchema", () => {
  it("accepts bare dates and dates with a note, and defaults both lists to empty", () => {
    expect(calendarConfigSchema.parse({})).toEqual({ closedDays: [], extraWorkingDays: [] });
    expect(
      calendarConfigSchema.parse({
        closedDays: ["2021-07-01"],
        extraWorkingDays: [{ date: "2021-07-03", note: "集中攻坚" }],
      }),
    ).toEqual({
      closedDays: [{ date: "2021-07-01" }],
      extraWorkingDays: [{ date: "2021-07-03", note: "集中攻坚" }],
    });
  });

  it.each([
    [{ closedDays: ["2021-02-30"] }, 'closedDays.0: "2021-02-30" is not a real date; write YYYY-MM-DD'],
    [{ closedDays: ["2021/07/01"] }, 'closedDays.0: "2021/07/01" is not a real date'],
    [{ extraWorkingDays: [{ date: "2021-7-3" }] }, 'extraWorkingDays.0.date: "2021-7-3" is not a real date'],
    [{ closedDays: [20210701] }, 'closedDays.0: each entry is a date "YYYY-MM-DD" or { date: "YYYY-MM-DD"'],
    [{ closedDays: "2021-07-01" }, "closedDays: closedDays must be a list of dates"],
    [{ closedDays: [{ date: "2021-07-01", reason: "x" }] }, 'closedDays.0: Unrecognized key: "reason"'],
    [
      { closedDay: [] },
      ": unknown key closedDay; the calendar section takes closedDays and extraWorkingDays",
    ],
    [
      { closedDays: ["2021-07-01"], extraWorkingDays: ["2021-07-01"] },
      "extraWorkingDays.0: 2021-07-01 is in both closedDays and extraWorkingDays; keep it in one list only",
    ],
  ])("explains what is wrong with %j", (raw, expected) => {
    expect(messages(raw).join("\n")).toContain(expected);
  });

  it("reads the example config, whose overrides the calendar then applies", () => {
    const example = load(readFileSync("config/calendar.example.yaml", "utf8")) as { calendar: unknown };
    const overrides = calendarConfigSchema.parse(example.calendar);
    const calendar = createChineseDaysCalendar({ overrides });
    for (const day of overrides.closedDays) expect(calendar.isWorkingDay(day.date)).toBe(false);
    for (const day of overrides.extraWorkingDays) expect(calendar.isWorkingDay(day.date)).toBe(true);
    expect(overrides.closedDays.length + overrides.extraWorkingDays.length).toBeGreaterThan(0);
  });
});
