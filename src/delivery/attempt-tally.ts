import type { OutboxMessage } from "../store/outbox-message.js";

/**
 * The outbox counts every claim as an attempt, including claims that only deferred a message
 * (quiet hours, budgets) and claims by a worker that died. Only real send failures should lead
 * to the dead letter, so the dispatcher keeps its own tally at the end of `lastError`:
 * "<reason> [failures=2 deferrals=5]".
 */
export interface AttemptTally {
  /** Sends that failed, plus claims that ended with no outcome recorded (a worker that died). */
  failures: number;
  /** Claims that only deferred the message. */
  deferrals: number;
}

const TALLY = / \[failures=(\d+) deferrals=(\d+)\]$/;

/** The tally before the current claim, counting claims that left no outcome as failures. */
export function readTally(message: Pick<OutboxMessage, "attempts" | "lastError">): AttemptTally {
  const match = message.lastError === undefined ? null : TALLY.exec(message.lastError);
  const failures = Number(match?.[1] ?? 0);
  const deferrals = Number(match?.[2] ?? 0);
  const previousClaims = Math.max(0, message.attempts - 1);
  return { failures: failures + Math.max(0, previousClaims - failures - deferrals), deferrals };
}

export function writeTally(reason: string, tally: AttemptTally): string {
  return `${reason} [failures=${tally.failures} deferrals=${tally.deferrals}]`;
}

/** The reason without the tally, for people. */
export function reasonOf(lastError: string): string {
  return lastError.replace(TALLY, "");
}
