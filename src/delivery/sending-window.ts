import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { SendingHours } from "../config/reminder-settings.js";
import { BUSINESS_OFFSET_MS, BUSINESS_TZ, businessDate, dayjs, inBusinessTz } from "../shared/clock.js";

/** When messages may go out: working hours of working days, away from :00 and :30. */
export interface SendingWindow {
  /** Inside the sending hours of a working day (Asia/Shanghai). */
  isOpen(at: Date): boolean;
  /**
   * `at` itself when it is open and clear of the marks; else the first clear instant after it, or,
   * when that falls outside the hours, the next opening plus a random spread.
   */
  place(at: Date): Date;
  /** `at` when the window is open then, else its next opening (no spread, marks not avoided). */
  opensAt(at: Date): Date;
}

export interface SendingWindowOptions {
  hours: SendingHours;
  calendar: WorkCalendar;
  random: () => number;
  /** How widely messages held overnight are spread after the opening; default 15 min. */
  openingSpreadMs?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HALF_HOUR = 30 * MINUTE;
/** WeCom advises against bursts on the hour and half hour: keep 2 minutes clear either side. */
const MARK_CLEARANCE_MIN = 3;

export function createSendingWindow(options: SendingWindowOptions): SendingWindow {
  const start = minutes(options.hours.start);
  const end = minutes(options.hours.end);
  const spreadMs = options.openingSpreadMs ?? 15 * MINUTE;

  // Plain arithmetic on the fixed offset, as businessDate: the dispatcher asks at every round, and
  // dayjs' zone lookup cost a fifth of a simulated year.
  const isOpen = (at: Date): boolean => {
    const minute = Math.floor(((((at.getTime() + BUSINESS_OFFSET_MS) % DAY) + DAY) % DAY) / MINUTE);
    return minute >= start && minute < end && options.calendar.isWorkingDay(businessDate(at));
  };

  const nextOpening = (at: Date): Date => {
    const local = inBusinessTz(at);
    const date = local.format("YYYY-MM-DD");
    const minute = local.hour() * 60 + local.minute();
    const day =
      minute < start && options.calendar.isWorkingDay(date) ? date : options.calendar.nextWorkingDay(date);
    return dayjs.tz(`${day} ${options.hours.start}`, BUSINESS_TZ).toDate();
  };

  return {
    isOpen,
    opensAt: (at) => (isOpen(at) ? at : nextOpening(at)),
    place(at) {
      const clear = clearOfMarks(at, options.random);
      if (isOpen(clear)) return clear;
      const opening = clearOfMarks(nextOpening(clear), () => 0);
      return clearOfMarks(new Date(opening.getTime() + options.random() * spreadMs), options.random);
    },
  };
}

/**
 * `at`, or when it lies within two minutes of :00 or :30, a random instant 3–5 minutes past that
 * mark. Asia/Shanghai is a whole-hour offset from UTC, so minutes past the hour read the same in UTC.
 */
function clearOfMarks(at: Date, random: () => number): Date {
  const intoHalfHour = at.getTime() % HALF_HOUR;
  const minute = Math.floor(intoHalfHour / MINUTE);
  if (minute >= MARK_CLEARANCE_MIN && minute < 30 - (MARK_CLEARANCE_MIN - 1)) return at;
  const mark = at.getTime() - intoHalfHour + (minute >= MARK_CLEARANCE_MIN ? HALF_HOUR : 0);
  return new Date(mark + MARK_CLEARANCE_MIN * MINUTE + Math.floor(random() * 2 * MINUTE));
}

function minutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return h * 60 + m;
}
