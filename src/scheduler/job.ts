/**
 * A scheduled job: it declares when it runs, and the scheduler does the rest (cron, locks, logs).
 *
 * @example
 * const reminderSweep: Job = {
 *   name: "reminder-sweep",
 *   cron: "7 8 * * 1-7", // 08:07 Asia/Shanghai every day; the job itself skips non-working days
 *   run: async (now) => ({ enqueued: await sweep(now) }),
 * };
 */
export interface Job {
  /** Unique; also names the job's lock (`job:<name>`) in the store. */
  name: string;
  /** A node-cron expression (5 fields, or 6 with seconds), read in the scheduler's time zone. */
  cron: string;
  /** `now` comes from the injected clock, never from the timer that fired. */
  run(now: Date): Promise<JobReport>;
}

/** What a run did, in a few counts or words; logged after each run. */
export type JobReport = Readonly<Record<string, string | number | boolean>>;

/** How one run ended. */
export type JobRun =
  | { status: "ran"; report: JobReport }
  | { status: "skipped"; reason: "running-here" | "running-elsewhere" | "tick-taken" }
  | { status: "failed"; error: string };
