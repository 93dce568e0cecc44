import type { Logger } from "../shared/logger.js";

/** An outcome the store could not take: written again, in order, before anything else is sent. */
export interface UnrecordedOutcome {
  id: number;
  /** "sent", "failed", "dead"… for the log. */
  outcome: string;
  /** Writes the outcome; resolves false when another worker's claim has replaced this one. */
  write(): Promise<unknown>;
}

/**
 * The outcomes of sends that reached the platform while the store was down (issue #11 item 2).
 * Sending again what was sent would be a duplicate, so they wait here, in this process's memory,
 * and are written as soon as the store answers; until then the dispatcher sends nothing new.
 * If the process dies first, each message still carries `sendingSince`, and the next claimer
 * treats its outcome as unknown (dispatch-message.ts).
 */
export interface UnrecordedOutcomes {
  keep(outcome: UnrecordedOutcome): void;
  /** Writes what waits, oldest first; throws the store's error when it still fails (the rest wait). */
  flush(): Promise<void>;
  readonly size: number;
  /** The ids still waiting, for the log at shutdown. */
  ids(): number[];
}

export function createUnrecordedOutcomes(logger: Logger): UnrecordedOutcomes {
  const waiting: UnrecordedOutcome[] = [];
  return {
    keep(outcome) {
      waiting.push(outcome);
      logger.warn(
        "send outcome not recorded (the store failed); kept in memory, nothing more is sent until it is",
        {
          id: outcome.id,
          outcome: outcome.outcome,
          waiting: waiting.length,
        },
      );
    },
    async flush() {
      while (waiting.length > 0) {
        const next = waiting[0] as UnrecordedOutcome;
        await next.write();
        waiting.shift();
        logger.info("send outcome recorded after the store came back", {
          id: next.id,
          outcome: next.outcome,
        });
      }
    },
    get size() {
      return waiting.length;
    },
    ids: () => waiting.map((outcome) => outcome.id),
  };
}
