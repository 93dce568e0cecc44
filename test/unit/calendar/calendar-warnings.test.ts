import { describe, expect, it } from "vitest";
import { calendarWarnings } from "../../../src/calendar/calendar-warnings.js";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import type { Coverage } from "../../../src/calendar/work-calendar.js";

/** A calendar that knows the arrangements up to `lastYear`. */
function knownUpTo(lastYear: number) {
  return { coverage: (year: number): Coverage => (year <= lastYear ? "official" : "fallback") };
}

const codes = (lastYear: number, now: string) =>
  calendarWarnings(knownUpTo(lastYear), new Date(now)).map((w) => `${w.code} ${w.year}`);

describe("calendarWarnings", () => {
  it.each([
    // 16:00 UTC is midnight in Asia/Shanghai: 1 December starts there, not at UTC midnight.
    [2026, "2026-11-30T15:59:59Z", []],
    [2026, "2026-11-30T16:00:00Z", ["calendar_next_year_missing 2027"]],
    [2026, "2026-12-31T15:59:59Z", ["calendar_next_year_missing 2027"]],
    [2027, "2026-12-01T04:00:00Z", []],
    [2026, "2027-01-01T02:00:00Z", ["calendar_year_uncovered 2027"]],
    [2026, "2027-12-05T02:00:00Z", ["calendar_year_uncovered 2027", "calendar_next_year_missing 2028"]],
    [2030, "2027-06-01T02:00:00Z", []],
  ])("known up to %i, at %s: %j", (lastYear, now, expected) => {
    expect(codes(lastYear, now)).toEqual(expected);
  });

  it("words each warning from templates/calendar.yaml with the year in it", () => {
    const [uncovered, missing] = calendarWarnings(knownUpTo(2026), new Date("2027-12-05T02:00:00Z"));
    expect(uncovered?.text).toMatch(/^工作日历缺少2027年法定节假日安排，现暂按周一至周五为工作日计算/);
    expect(missing?.text).toMatch(/^工作日历尚未收录2028年法定节假日安排。/);
    expect(`${uncovered?.text}${missing?.text}`).not.toContain("{{");
  });

  it("with the installed package: 2027 warned about from 1 December 2026 exactly when its data lacks 2027", () => {
    const calendar = createChineseDaysCalendar();
    expect(calendarWarnings(calendar, new Date("2026-11-30T04:00:00Z"))).toEqual([]);
    const expected = calendar.coverage(2027) === "fallback" ? ["calendar_next_year_missing"] : [];
    expect(calendarWarnings(calendar, new Date("2026-12-01T04:00:00Z")).map((w) => w.code)).toEqual(expected);
  });
});
