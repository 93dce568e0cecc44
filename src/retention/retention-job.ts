import type { RetentionSettings } from "../config/retention-settings.js";
import type { Job, JobReport } from "../scheduler/job.js";
import type { RetentionKind } from "../store/retention-store.js";
import type { Store } from "../store/store.js";

const DAY_MS = 86_400_000;

/** Each kind of record, and the instant before which it is removed on a run at `now`. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): [RetentionKind, Date][] {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return [
    ["outbox-sent", ago(settings.sentMessagesDays)],
    ["outbox-dead", ago(settings.deadMessagesDays)],
    ["audit", ago(settings.auditDays)],
    ["cards", ago(settings.cardsDays)],
    ["prompts", ago(settings.promptsDays)],
    // A slot's window has ended; a claim has expired (on the store's clock).
    ["budget-slots", now],
    ["claims", now],
  ];
}

/**
 * Every night (03:40 Beijing time): removes what is past its retention window, kind by kind, in
 * batches of `batchSize` (each one short transaction, with a pause for other work in between), at
 * most `maxBatchesPerRun` per kind; what is left waits for the next night. Reports how many of
 * each kind it removed, how many batches it took, and whether it stopped before the end.
 */
export function createRetentionJob(deps: {
  store: Pick<Store, "retention">;
  settings: RetentionSettings;
  /** Lets other work (callbacks, the dispatcher) use the store between two batches. */
  pause?: () => Promise<void>;
}): Job {
  const pause = deps.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const { batchSize, maxBatchesPerRun } = deps.settings;
  return {
    name: "retention",
    cron: "40 3 * * *",
    async run(now): Promise<JobReport> {
      const report: Record<string, number | boolean> = {};
      let batches = 0;
      let unfinished = false;
      for (const [kind, before] of retentionCutoffs(deps.settings, now)) {
        let removed = 0;
        for (let batch = 0; ; batch++) {
          if (batch === maxBatchesPerRun) {
            unfinished = true;
            break;
          }
          const count = await deps.store.retention.purge(kind, before, batchSize);
          batches++;
          removed += count;
          if (count < batchSize) break;
          await pause();
        }
        report[kind] = removed;
      }
      return { ...report, batches, unfinished };
    },
  };
}
