import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";
import type { Job, JobRun } from "./job.js";
import { keepLockAlive } from "./keep-lock-alive.js";

export interface LockedRunDeps {
  store: Pick<Store, "claimOnce" | "acquireLock" | "extendLock" | "releaseLock">;
  clock: Clock;
  logger: Logger;
  lockTtlMs: number;
}

/**
 * Runs `job` at most once per `tick` across every instance (the tick's claim), and never while
 * another run of it is going on anywhere (the job's lock). Without a tick (an admin's "run now")
 * only the lock applies. The lock is renewed while the job runs, so a run may outlast `lockTtlMs`;
 * the TTL only bounds how long a crashed holder blocks the job. Never throws: failures are logged
 * and returned.
 */
export async function runLockedJob(deps: LockedRunDeps, job: Job, tick?: string): Promise<JobRun> {
  const logger = deps.logger.child({ job: job.name, ...(tick ? { tick } : {}) });
  try {
    if (tick !== undefined && !(await deps.store.claimOnce(`job:${job.name}:tick:${tick}`, deps.lockTtlMs))) {
      logger.debug("skipped: another instance took this tick");
      return { status: "skipped", reason: "tick-taken" };
    }
    const name = `job:${job.name}`;
    const token = await deps.store.acquireLock(name, deps.lockTtlMs);
    if (token === null) {
      logger.info("skipped: the previous run is still going on elsewhere");
      return { status: "skipped", reason: "running-elsewhere" };
    }
    const renewal = keepLockAlive(deps.store, { name, token, ttlMs: deps.lockTtlMs }, logger);
    try {
      const report = await job.run(deps.clock.now());
      logger.info("job ran", { ...report });
      return { status: "ran", report };
    } finally {
      renewal.stop();
      const released = await deps.store.releaseLock(name, token).catch((error: unknown) => {
        logger.warn("could not release the job's lock; it expires by itself", { error });
        return true;
      });
      if (!released) logger.warn("the run lost its lock before the end", { lockTtlMs: deps.lockTtlMs });
    }
  } catch (error) {
    logger.error("job failed", { error });
    return { status: "failed", error: (error as Error).message ?? String(error) };
  }
}
