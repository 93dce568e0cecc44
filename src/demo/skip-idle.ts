import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { SendingHours } from "../reminders/reminder-settings.js";
import { BUSINESS_OFFSET_MS, businessDate } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { DemoClock } from "./demo-clock.js";

/** How long before the sending window a demo day wakes up: the morning jobs run at 08:05–08:07. */
const WAKE_BEFORE_WINDOW_MIN = 30;
/** Gaps shorter than this are not worth a jump. */
const MIN_SKIP_MS = 5 * 60_000;

export interface IdleSkipperDeps {
  clock: DemoClock;
  calendar: Pick<WorkCalendar, "isWorkingDay" | "nextWorkingDay">;
  hours: Pick<SendingHours, "start" | "end">;
  /** When the outbox next has something to send (UTC ISO), or undefined. */
  nextDueAt(): Promise<string | undefined>;
  logger: Logger;
}

/**
 * DUBAN_CLOCK_SKIP_IDLE: at night and on days off nothing is sent, so the demo clock jumps to the
 * next working morning, or to the next message due in the outbox if that comes first (an answer to
 * someone who wrote at night). Returns where it jumped to, or undefined.
 */
export async function skipIdleTime(deps: IdleSkipperDeps): Promise<Date | undefined> {
  const now = deps.clock.now();
  const target = nextWakeUp(now, deps);
  if (target === undefined) return undefined;
  const due = await deps.nextDueAt();
  const wake = due !== undefined && Date.parse(due) < target.getTime() ? new Date(due) : target;
  if (wake.getTime() - now.getTime() < MIN_SKIP_MS) return undefined;
  deps.clock.skipTo(wake);
  deps.logger.info("demo clock: nothing due, skipped ahead", {
    from: now.toISOString(),
    to: wake.toISOString(),
  });
  return wake;
}

/** The next working morning's wake-up, when `now` is outside a working day's hours; else undefined. */
export function nextWakeUp(now: Date, deps: Pick<IdleSkipperDeps, "calendar" | "hours">): Date | undefined {
  const date = businessDate(now);
  const minuteOfDay = Math.floor(((now.getTime() + BUSINESS_OFFSET_MS) % 86_400_000) / 60_000);
  const wakeMinute = toMinutes(deps.hours.start) - WAKE_BEFORE_WINDOW_MIN;
  const working = deps.calendar.isWorkingDay(date);
  if (working && minuteOfDay >= wakeMinute && minuteOfDay < toMinutes(deps.hours.end)) return undefined;
  const day = working && minuteOfDay < wakeMinute ? date : deps.calendar.nextWorkingDay(date);
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + wakeMinute * 60_000);
}

function toMinutes(time: string): number {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return h * 60 + m;
}
