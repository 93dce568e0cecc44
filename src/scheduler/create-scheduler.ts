import cron from "node-cron";
import { BUSINESS_TZ, type Clock } from "../shared/clock.js";
import { ConfigError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";
import type { Job, JobRun } from "./job.js";
import { runLockedJob } from "./run-locked-job.js";

/**
 * A timer that calls `run` on each tick of `expression`; node-cron's `createTask` fits it. A timer
 * that knows which minute it fires for (clockSchedule, catching up after a jump) passes it as `at`.
 */
export type ScheduleFn = (
  expression: string,
  run: (at?: Date) => Promise<void>,
  options: { name: string; timezone: string; noOverlap: boolean },
) => { start(): void | Promise<void>; stop(): void | Promise<void> };

export interface SchedulerOptions {
  jobs: readonly Job[];
  store: Pick<Store, "claimOnce" | "acquireLock" | "extendLock" | "releaseLock">;
  clock: Clock;
  logger: Logger;
  /** node-cron's createTask by default (the wall clock); clockSchedule for the demo clock; tests inject their own. */
  schedule?: ScheduleFn;
  /** The zone cron expressions are read in; Asia/Shanghai by default, never the host's. */
  timezone?: string;
  /**
   * The job lock's TTL; renewed every third of it while a run lasts, so it bounds only how long a
   * crashed instance blocks the job. Default 15 min.
   */
  lockTtlMs?: number;
  /**
   * Told how each run ended (GET /healthz shows each job's last run, success and error) and how
   * long it took in real milliseconds, the lock included (whatever clock the service runs on).
   */
  onRun?: (job: string, run: JobRun, durationMs: number) => void;
  /** Told when the timers start and stop. */
  onRunning?: (running: boolean) => void;
}

export interface Scheduler {
  start(): Promise<void>;
  /** Stops the timers and waits for runs in progress to finish. */
  stop(): Promise<void>;
  /** Runs a job now (admin commands, tests): still never alongside another run of it. */
  runNow(name: string): Promise<JobRun>;
}

/** Wires jobs to cron; each tick runs once across instances, and a job never overlaps itself. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger.child({ component: "scheduler" });
  const deps = {
    store: options.store,
    clock: options.clock,
    logger,
    lockTtlMs: options.lockTtlMs ?? 900_000,
  };
  const byName = new Map<string, Job>();
  for (const job of options.jobs) {
    if (byName.has(job.name)) throw new ConfigError(`two scheduled jobs are named "${job.name}"`);
    if (!cron.validate(job.cron))
      throw new ConfigError(`job "${job.name}": "${job.cron}" is not a cron expression`);
    byName.set(job.name, job);
  }
  const inFlight = new Map<string, Promise<JobRun>>();

  const run = (job: Job, tick?: string): Promise<JobRun> => {
    if (inFlight.has(job.name)) {
      logger.info("skipped: the previous run is still going on", { job: job.name });
      return Promise.resolve({ status: "skipped", reason: "running-here" });
    }
    const startedAt = performance.now();
    const running = runLockedJob(deps, job, tick)
      .then((result) => {
        options.onRun?.(job.name, result, performance.now() - startedAt);
        return result;
      })
      .finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, running);
    return running;
  };

  const schedule: ScheduleFn =
    options.schedule ??
    ((expression, run, taskOptions) => cron.createTask(expression, () => run(), taskOptions));
  const timezone = options.timezone ?? BUSINESS_TZ;
  const tasks = options.jobs.map((job) =>
    schedule(
      job.cron,
      async (at) => {
        await run(job, tickOf(job.cron, at ?? options.clock.now()));
      },
      { name: job.name, timezone, noOverlap: true },
    ),
  );

  return {
    async start() {
      for (const task of tasks) await task.start();
      options.onRunning?.(true);
      logger.info("scheduler started", { jobs: options.jobs.map((j) => `${j.name} (${j.cron})`), timezone });
    },
    async stop() {
      for (const task of tasks) await task.stop();
      options.onRunning?.(false);
      await Promise.all(inFlight.values());
    },
    runNow(name) {
      const job = byName.get(name);
      if (job === undefined)
        throw new RangeError(`no job named "${name}"; jobs: ${[...byName.keys()].join(", ")}`);
      return run(job);
    },
  };
}

/**
 * The tick a timer firing at `now` belongs to: the minute (the second, for 6-field expressions).
 * Instances whose clocks agree to within that all name the same tick, so only one runs it.
 */
function tickOf(expression: string, now: Date): string {
  const unitMs = expression.trim().split(/\s+/).length === 6 ? 1000 : 60_000;
  return new Date(Math.floor(now.getTime() / unitMs) * unitMs).toISOString();
}
