import cron from "node-cron";
import { BUSINESS_OFFSET_MS } from "../shared/clock.js";

/**
 * Whether a cron expression fires at a minute, read in Asia/Shanghai: what node-cron would do in
 * real time, for a simulation that moves the clock itself. Uses node-cron's own parser; the
 * simulation asks this for every virtual minute, so it avoids time-zone libraries.
 */
export function cronMatcher(expression: string): (at: Date) => boolean {
  const fields = cron.parse(expression);
  const set = (list: (number | string)[]) => new Set(list.map(Number));
  const minute = set(fields.minute);
  const hour = set(fields.hour);
  const dayOfMonth = set(fields.dayOfMonth);
  const month = set(fields.month);
  const dayOfWeek = set(fields.dayOfWeek);
  return (at) => {
    const t = new Date(at.getTime() + BUSINESS_OFFSET_MS);
    return (
      minute.has(t.getUTCMinutes()) &&
      hour.has(t.getUTCHours()) &&
      dayOfMonth.has(t.getUTCDate()) &&
      month.has(t.getUTCMonth() + 1) &&
      dayOfWeek.has(t.getUTCDay())
    );
  };
}
