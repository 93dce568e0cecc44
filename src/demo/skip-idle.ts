import type { SendingWindow } from "../delivery/sending-window.js";
import type { Logger } from "../shared/logger.js";
import type { DemoClock } from "./demo-clock.js";

/** How long before the sending window a demo day wakes up: the morning jobs run at 08:05–08:07. */
const WAKE_BEFORE_WINDOW_MS = 30 * 60_000;
/** Gaps shorter than this are not worth a jump. */
const MIN_SKIP_MS = 5 * 60_000;

export interface IdleSkipperDeps {
  clock: DemoClock;
  /** The dispatcher's sending window: when it next opens (`at` itself while open). */
  window: Pick<SendingWindow, "opensAt">;
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
  const target = nextWakeUp(now, deps.window);
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

/**
 * Half an hour before the sending window next opens, when that is still ahead (`now` is at night,
 * on a day off, or early in the morning); undefined within a working day's hours.
 */
export function nextWakeUp(now: Date, window: Pick<SendingWindow, "opensAt">): Date | undefined {
  const wake = window.opensAt(now).getTime() - WAKE_BEFORE_WINDOW_MS;
  return wake > now.getTime() ? new Date(wake) : undefined;
}
