import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";

/**
 * Extends a held lock every ttl/3 until `stop()`, so that a run longer than the lock's TTL keeps
 * it: the lock then expires only when its holder stops renewing it (it died), never mid-run.
 * Two renewals may fail in a row and the lock still holds. A real timer, like the TTL it renews
 * (locks run on the store's clock, not the business clock). If the lock was lost anyway (the
 * process stalled for a whole TTL), it says so and stops: another instance may start a run.
 */
export function keepLockAlive(
  store: Pick<Store, "extendLock">,
  lock: { name: string; token: string; ttlMs: number },
  logger: Logger,
): { stop(): void } {
  let stopped = false;
  const timer = setInterval(
    async () => {
      try {
        const kept = await store.extendLock(lock.name, lock.token, lock.ttlMs);
        if (kept || stopped) return;
        stopped = true;
        clearInterval(timer);
        logger.warn("lost the job's lock mid-run: another instance may start the job", { lock: lock.name });
      } catch (error) {
        if (!stopped) logger.warn("could not extend the job's lock; trying again", { error });
      }
    },
    Math.max(1, Math.floor(lock.ttlMs / 3)),
  );
  // A renewal alone never keeps the process alive.
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
