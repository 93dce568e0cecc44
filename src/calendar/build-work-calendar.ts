import { addDays, assertIsoDate, fromDayNumber, isoDate, yearOf } from "./iso-date.js";
import type { Coverage, DayInfo, WorkCalendar } from "./work-calendar.js";

/**
 * Official holidays never run longer than about ten days, so a longer run of closed days means
 * the config closes days by the hundred; fail instead of looping.
 */
const MAX_CLOSED_RUN = 366;

/**
 * Builds the stepping and counting of a WorkCalendar on top of what each day is. Answers are
 * memoised per date: a reminder sweep asks about the same few hundred days for every task, and a
 * calendar never changes while the process runs (the config is read once at start).
 */
export function buildWorkCalendar(source: {
  dayInfo(date: string): DayInfo;
  coverage(year: number): Coverage;
}): WorkCalendar {
  const infos = new Map<string, DayInfo>();
  const dayInfo = (date: string): DayInfo => {
    let info = infos.get(date);
    if (info === undefined) {
      info = Object.freeze(source.dayInfo(date));
      infos.set(date, info);
    }
    return info;
  };

  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  const step = (date: string, direction: 1 | -1): string => {
    const steps = direction > 0 ? forward : backward;
    const known = steps.get(date);
    if (known !== undefined) return known;
    let day = date;
    for (let offset = 1; offset <= MAX_CLOSED_RUN; offset++) {
      day = addDays(day, direction);
      if (dayInfo(day).working) {
        steps.set(date, day);
        return day;
      }
    }
    throw new Error(
      `no working day within ${MAX_CLOSED_RUN} days ${direction > 0 ? "after" : "before"} ${date}; ` +
        "check calendar.closedDays in the config",
    );
  };

  // Working days of each year counted once: cumulative[i] is the number of working days from
  // 1 January to the year's day i, inclusive. The lights' 序时进度 counts from 1 January to each
  // unit's date; hopping day by day made that the ledger's largest cost (10,000 units).
  const years = new Map<number, { first: number; cumulative: Int32Array }>();
  const yearTable = (year: number) => {
    let table = years.get(year);
    if (table === undefined) {
      const first = assertIsoDate(isoDate(year, 1, 1));
      const length = assertIsoDate(isoDate(year + 1, 1, 1)) - first;
      const cumulative = new Int32Array(length);
      let count = 0;
      for (let i = 0; i < length; i++) {
        if (dayInfo(fromDayNumber(first + i)).working) count++;
        cumulative[i] = count;
      }
      table = { first, cumulative };
      years.set(year, table);
    }
    return table;
  };
  /** Working days from 1 January of `date`'s year to `date`, inclusive (memoised: parsing a date costs more). */
  const through = new Map<string, number>();
  const throughDate = (date: string): number => {
    let count = through.get(date);
    if (count === undefined) {
      const table = yearTable(yearOf(date));
      count = table.cumulative[assertIsoDate(date) - table.first] ?? 0;
      through.set(date, count);
    }
    return count;
  };
  const inYear = (year: number): number => yearTable(year).cumulative.at(-1) ?? 0;
  /** Working days in (from, to], for from ≤ to. */
  const countAfter = (from: string, to: string): number => {
    let count = throughDate(to) - throughDate(from);
    for (let year = yearOf(from); year < yearOf(to); year++) count += inYear(year);
    return count;
  };

  const onOrBefore = (date: string) => (dayInfo(date).working ? date : step(date, -1));
  // By n, then by date: the lights shift every due date of every co-unit by the same few days.
  const added = new Map<number, Map<string, string>>();

  return {
    isWorkingDay: (date) => dayInfo(date).working,
    nextWorkingDay: (date) => step(date, 1),
    previousWorkingDay: (date) => step(date, -1),
    onOrBefore,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, got ${n}`);
      if (n === 0) return onOrBefore(date);
      let byDate = added.get(n);
      if (byDate === undefined) {
        byDate = new Map();
        added.set(n, byDate);
      }
      let current = byDate.get(date);
      if (current === undefined) {
        current = date;
        for (let left = Math.abs(n); left > 0; left--) current = step(current, n > 0 ? 1 : -1);
        byDate.set(date, current);
      }
      return current;
    },
    workingDaysBetween(from, to) {
      const working = (date: string) => (dayInfo(date).working ? 1 : 0);
      // (from, to] going forward; [to, from) going back, counted negative.
      if (from <= to) return countAfter(from, to);
      return working(from) - working(to) - countAfter(to, from);
    },
    dayInfo,
    coverage: (year) => source.coverage(year),
  };
}
