import { BUSINESS_OFFSET_MS } from "../shared/clock.js";

/** The node-cron expression for every day at `time` ("09:10", as the settings' time schema has it). */
export function dailyCron(time: string): string {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return `${minute} ${hour} * * *`;
}

/**
 * Whether `now` is before `time` of its day in Beijing. The scheduler also runs every job once at
 * start, so a daily job that must not go early (a digest set for 09:10, started at 08:30) asks.
 */
export function beforeTimeOfDay(now: Date, time: string): boolean {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const minutes = Math.floor(((now.getTime() + BUSINESS_OFFSET_MS) % 86_400_000) / 60_000);
  return minutes < hour * 60 + minute;
}
