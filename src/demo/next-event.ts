import type { SendingWindow } from "../delivery/sending-window.js";
import { cronMatcher } from "../scheduler/cron-matcher.js";
import type { Job } from "../scheduler/job.js";
import { nextWakeUp } from "./skip-idle.js";

const MINUTE = 60_000;
/** How far ahead to look for a job's next run: every job runs at least once a week. */
const LOOK_AHEAD_MINUTES = 8 * 24 * 60;

export interface NextEventDeps {
  now: Date;
  jobs: readonly Pick<Job, "cron">[];
  /** The sending window: a message due at night goes when it next opens. */
  window: Pick<SendingWindow, "opensAt">;
  /** When the outbox next has something to send (UTC ISO), or undefined. */
  nextDueAt(): Promise<string | undefined>;
}

/**
 * Where the playground's "next event" moves the clock: the next instant something happens.
 * Within a working day's sending hours, the next scheduled job run or the next message the outbox
 * sends, whichever comes first. Outside them (a night, a day off), nothing is sent and the jobs
 * find nothing to do, so the clock goes to the next working morning (half an hour before the
 * window opens, before the morning's jobs) or to the first message due, if that comes first.
 */
export async function nextEventAt(deps: NextEventDeps): Promise<Date | undefined> {
  const { now, window } = deps;
  const due = await deps.nextDueAt();
  // A message goes when it is due and the window is open.
  const sendAt =
    due === undefined ? undefined : window.opensAt(new Date(Math.max(Date.parse(due), now.getTime())));
  const wake = nextWakeUp(now, window);
  const jobRun = wake === undefined ? nextJobRun(now, deps.jobs) : undefined;
  const candidates = [sendAt, wake, jobRun].filter(
    (at): at is Date => at !== undefined && at.getTime() > now.getTime(),
  );
  if (candidates.length === 0) return undefined;
  return new Date(Math.min(...candidates.map((at) => at.getTime())));
}

/** The first minute after `now` at which one of the jobs runs, within a week; undefined if none. */
export function nextJobRun(now: Date, jobs: readonly Pick<Job, "cron">[]): Date | undefined {
  const matchers = jobs.map((job) => cronMatcher(job.cron));
  const first = Math.floor(now.getTime() / MINUTE) + 1;
  for (let minute = first; minute < first + LOOK_AHEAD_MINUTES; minute++) {
    const at = new Date(minute * MINUTE);
    if (matchers.some((matches) => matches(at))) return at;
  }
  return undefined;
}
