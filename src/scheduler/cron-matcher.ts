import cron from "node-cron";
import { BUSINESS_OFFSET_MS } from "../shared/clock.js";

/** A cron expression's test for a minute, and the minutes of the Beijing day it can fire at. */
export type CronMatcher = ((at: Date) => boolean) & {
  /** hour × 60 + minute for every hour and minute the expression names, whatever the day. */
  minutesOfDay: ReadonlySet<number>;
};

/**
 * Whether a cron expression fires at a minute, read in Asia/Shanghai: what node-cron would do in
 * real time, for a simulation that moves the clock itself. Uses node-cron's own parser; the
 * simulation asks this for every virtual minute, so it avoids time-zone libraries.
 */
export function cronMatcher(expression: string): CronMatcher {
  const fields = cron.parse(expression);
  const set = (list: (number | string)[]) => new Set(list.map(Number));
  const minute = set(fields.minute);
  const hour = set(fields.hour);
  const dayOfMonth = set(fields.dayOfMonth);
  const month = set(fields.month);
  const dayOfWeek = set(fields.dayOfWeek);
  const matches = (at: Date) => {
    const t = new Date(at.getTime() + BUSINESS_OFFSET_MS);
    return (
      minute.has(t.getUTCMinutes()) &&
      hour.has(t.getUTCHours()) &&
      dayOfMonth.has(t.getUTCDate()) &&
      month.has(t.getUTCMonth() + 1) &&
      dayOfWeek.has(t.getUTCDay())
    );
  };
  const minutesOfDay = new Set([...hour].flatMap((h) => [...minute].map((m) => h * 60 + m)));
  return Object.assign(matches, { minutesOfDay });
}
