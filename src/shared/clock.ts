import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

/** The business time zone. Every calendar decision is made here, whatever the host's TZ. */
export const BUSINESS_TZ = "Asia/Shanghai";

/** Time is always injected, so that tests and simulations can run on a virtual clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === "string" ? new Date(at) : at;
  return { now: () => new Date(instant.getTime()) };
}

/** A dayjs instance in the business time zone. */
export function inBusinessTz(at: Date | string | number): dayjs.Dayjs {
  return dayjs(at).tz(BUSINESS_TZ);
}

/** Asia/Shanghai has kept UTC+8, with no daylight saving, since 1991. */
export const BUSINESS_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date (YYYY-MM-DD) of an instant, in the business time zone. Plain arithmetic on the
 * fixed offset: it runs for every message and event, and dayjs' zone lookup costs far more.
 */
export function businessDate(at: Date): string {
  return new Date(at.getTime() + BUSINESS_OFFSET_MS).toISOString().slice(0, 10);
}

export { dayjs };
