import { buildWorkCalendar } from "./build-work-calendar.js";
import type { CalendarConfig, OverrideDay } from "./calendar-config.js";
import type { HolidayTable } from "./holiday-table.js";
import { assertIsoDate, isoWeekday, yearOf } from "./iso-date.js";
import { readChineseDaysTable } from "./read-chinese-days-table.js";
import type { DayInfo, WorkCalendar } from "./work-calendar.js";

/** What the chinese-days calendar is built from. */
export interface ChineseDaysCalendarOptions {
  /** Local closures and extra working days; they win over the official arrangement. */
  overrides?: CalendarConfig;
  /** The official arrangements; chinese-days' own data file when omitted. */
  table?: HolidayTable;
  /**
   * Called once per uncovered year, the first time a date in it is looked at, so the app can log
   * that Monday–Friday is being assumed (the admins' warnings come from calendarWarnings).
   */
  onFallbackYear?: (year: number) => void;
}

/** The working-day calendar from chinese-days' data plus config overrides. */
export function createChineseDaysCalendar(options: ChineseDaysCalendarOptions = {}): WorkCalendar {
  const table = options.table ?? readChineseDaysTable();
  const closed = notesByDate(options.overrides?.closedDays ?? []);
  const open = notesByDate(options.overrides?.extraWorkingDays ?? []);
  const reported = new Set<number>();

  const dayInfo = (date: string): DayInfo => {
    assertIsoDate(date);
    if (closed.has(date)) return named({ date, working: false, kind: "override-closed" }, closed.get(date));
    if (open.has(date)) return named({ date, working: true, kind: "override-open" }, open.get(date));
    const holiday = table.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: "holiday", name: holiday };
    const makeup = table.makeupWorkdays.get(date);
    if (makeup !== undefined) return { date, working: true, kind: "makeup-workday", name: makeup };
    const year = yearOf(date);
    if (!table.coveredYears.has(year) && !reported.has(year)) {
      reported.add(year);
      options.onFallbackYear?.(year);
    }
    return isoWeekday(date) <= 5
      ? { date, working: true, kind: "workday" }
      : { date, working: false, kind: "weekend" };
  };

  return buildWorkCalendar({
    dayInfo,
    coverage: (year) => (table.coveredYears.has(year) ? "official" : "fallback"),
  });
}

function notesByDate(days: readonly OverrideDay[]): Map<string, string | undefined> {
  return new Map(days.map((day) => [day.date, day.note]));
}

function named(info: DayInfo, note: string | undefined): DayInfo {
  return note === undefined ? info : { ...info, name: note };
}
