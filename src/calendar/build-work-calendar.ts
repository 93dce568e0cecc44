import { addDays } from "./iso-date.js";
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

  const onOrBefore = (date: string) => (dayInfo(date).working ? date : step(date, -1));

  return {
    isWorkingDay: (date) => dayInfo(date).working,
    nextWorkingDay: (date) => step(date, 1),
    previousWorkingDay: (date) => step(date, -1),
    onOrBefore,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, got ${n}`);
      if (n === 0) return onOrBefore(date);
      let current = date;
      for (let left = Math.abs(n); left > 0; left--) current = step(current, n > 0 ? 1 : -1);
      return current;
    },
    workingDaysBetween(from, to) {
      dayInfo(from);
      dayInfo(to);
      // Hop from working day to working day: (from, to] going forward, [to, from) going back.
      let count = 0;
      if (from < to) for (let d = step(from, 1); d <= to; d = step(d, 1)) count++;
      else for (let d = step(from, -1); d >= to; d = step(d, -1)) count--;
      return count;
    },
    dayInfo,
    coverage: (year) => source.coverage(year),
  };
}
