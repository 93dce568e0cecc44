import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { Job, JobReport } from "../scheduler/job.js";
import { businessDate } from "../shared/clock.js";
import type { Store } from "../store/store.js";
import { enqueueReminder } from "./enqueue-reminder.js";
import type { ReminderWorld } from "./plan-reminders.js";
import { planRemindersFor } from "./plan-reminders.js";

export interface ReminderSweepDeps {
  store: Store;
  /**
   * Reads the registry, directory and store state afresh for every run, and hands out the same
   * world again while none of it has changed (loadReminderWorld does).
   */
  loadWorld(): Promise<ReminderWorld | undefined>;
  /** Days off are skipped before anything is read. */
  calendar: Pick<WorkCalendar, "isWorkingDay">;
  /** When the sweep runs (Asia/Shanghai); it is idempotent, so re-runs only catch changes. */
  cron?: string;
}

/**
 * The job that decides what is due today and puts it in the outbox. Each message's idempotency
 * key is task/unit/cycle/step/recipient, so a sweep that runs twice, or on two instances at once,
 * enqueues each message once; the dispatcher sends it at its planned time.
 */
export function createReminderSweepJob(deps: ReminderSweepDeps): Job {
  // The day and world of this instance's last sweep that ran to its end. The plan is a function of
  // the two (planRemindersFor is pure), and everything it asked for was enqueued then: a sweep
  // with the same world on the same day has nothing to add. The world loader hands out the same
  // world while nothing it reads has changed; on most of the day's five runs nothing has.
  let lastSwept: { date: string; world: ReminderWorld } | undefined;
  return {
    name: "reminder-sweep",
    cron: deps.cron ?? "7 8,10,12,14,16 * * *",
    async run(now): Promise<JobReport> {
      const date = businessDate(now);
      if (!deps.calendar.isWorkingDay(date)) return { date, skipped: "day off" };
      const world = await deps.loadWorld();
      if (!world) return { skipped: "no registry" };
      if (lastSwept?.date === date && lastSwept.world === world) return { date, skipped: "unchanged" };
      const planned = planRemindersFor(world, date);
      let enqueued = 0;
      for (const reminder of planned) {
        if (await enqueueReminder(deps.store, world, reminder, now)) enqueued++;
      }
      lastSwept = { date, world };
      return { date, planned: planned.length, enqueued };
    },
  };
}
