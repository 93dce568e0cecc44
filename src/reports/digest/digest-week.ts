import { addDays, assertIsoDate, isoDate, isoWeekday, isoWeekKey } from "../../calendar/iso-date.js";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import { businessDate } from "../../shared/clock.js";

const WEEK = /^(\d{4})-W(\d{2})$/;
/** A year of weeks without one working day does not exist; this only stops a broken calendar. */
const WEEKS_BACK = 8;

/** The Monday of an ISO week ("2021-W14" → "2021-04-05"); undefined for a week that does not exist. */
export function mondayOfWeek(week: string): string | undefined {
  const match = WEEK.exec(week);
  if (!match) return undefined;
  const [year, n] = [Number(match[1]), Number(match[2])];
  // 4 January is always in week 1.
  const jan4 = isoDate(year, 1, 4);
  const monday = addDays(jan4, 1 - isoWeekday(jan4) + (n - 1) * 7);
  return n >= 1 && isoWeekKey(monday) === week ? monday : undefined;
}

/**
 * The day a week's digest goes out: the first working day of the ISO week (Tuesday 6 April 2021,
 * the Monday being 清明); undefined for a week without one.
 */
export function digestDay(calendar: Pick<WorkCalendar, "isWorkingDay">, week: string): string | undefined {
  const monday = mondayOfWeek(week);
  if (monday === undefined) return undefined;
  for (let i = 0; i < 7; i++) {
    const day = addDays(monday, i);
    if (calendar.isWorkingDay(day)) return day;
  }
  return undefined;
}

/** The last digest day before `week`'s: the week before's, or the one before that after a holiday week. */
export function previousDigestDay(
  calendar: Pick<WorkCalendar, "isWorkingDay">,
  week: string,
): string | undefined {
  const monday = mondayOfWeek(week);
  if (monday === undefined) return undefined;
  for (let back = 1; back <= WEEKS_BACK; back++) {
    const day = digestDay(calendar, isoWeekKey(addDays(monday, -7 * back)));
    if (day !== undefined) return day;
  }
  return undefined;
}

/** The instant a digest day's digest is sent, at "HH:MM" Beijing time. */
export function sendInstant(day: string, time: string): string {
  assertIsoDate(day);
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

/**
 * The send instant of a week's digest (`at`, unless given) and the last digest instant before it
 * (`since`: changes are counted from there). For `at` on a digest day before the send time, that
 * is the week before's digest; after it, that day's own. Undefined for a week without a working
 * day when no `at` is given.
 */
export function digestTimes(
  calendar: Pick<WorkCalendar, "isWorkingDay">,
  input: { week: string; time: string; at?: string },
): { at: string; since: string } | undefined {
  const day = digestDay(calendar, input.week);
  const at = input.at ?? (day === undefined ? undefined : sendInstant(day, input.time));
  if (at === undefined) return undefined;
  const atWeek = isoWeekKey(businessDate(new Date(at)));
  const own = digestDay(calendar, atWeek);
  const ownInstant = own === undefined ? undefined : sendInstant(own, input.time);
  if (ownInstant !== undefined && Date.parse(ownInstant) < Date.parse(at)) return { at, since: ownInstant };
  const before = previousDigestDay(calendar, atWeek);
  // A calendar without a working day for weeks: count from a week back.
  const since =
    before === undefined
      ? new Date(Date.parse(at) - 7 * 86_400_000).toISOString()
      : sendInstant(before, input.time);
  return { at, since };
}
