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

/** The calendar date (YYYY-MM-DD) of an instant, in the business time zone. */
export function businessDate(at: Date): string {
  return inBusinessTz(at).format("YYYY-MM-DD");
}

export { dayjs };
