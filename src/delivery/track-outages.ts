import type { Logger } from "../shared/logger.js";
import type { OutageStore } from "../store/channel-outage.js";
import type { OutboxStore } from "../store/outbox-message.js";
import type { DeliveryNotifier } from "./create-dead-letter-notifier.js";

/** Sees every send's outcome per channel and tells the admins once per outage. */
export interface OutageTracker {
  /** A send failed in a way worth retrying (the platform busy or unreachable). */
  failed(channel: string, detail: string, now: Date): Promise<void>;
  /** A send went through. */
  succeeded(channel: string, now: Date): Promise<void>;
}

export interface OutageTrackerOptions {
  outages: OutageStore;
  outbox: Pick<OutboxStore, "list">;
  notices: Pick<DeliveryNotifier, "outage" | "recovered">;
  /** How long a channel must have failed before the admins hear of it. */
  noticeAfterMs: number;
  logger: Logger;
}

/**
 * Outage state lives in the store (shared by instances, kept across restarts): the first failure
 * opens an outage, the first failure after `noticeAfterMs` tells the admins (once: markNoticed
 * answers true for one caller only), the first success closes it and, if it was told, tells them
 * it is over. A blip shorter than `noticeAfterMs` closes silently.
 */
export function createOutageTracker(options: OutageTrackerOptions): OutageTracker {
  const { outages, logger } = options;
  // Held back: failed and waiting for a retry, or waiting for the channel's pause to end (a
  // channel-wide failure defers its messages with the reason, without counting a failure).
  const held = async (channel: string) =>
    [
      ...(await options.outbox.list({ status: "failed" })),
      ...(await options.outbox.list({ status: "pending" })),
    ].filter((m) => m.channel === channel && (m.status === "failed" || m.lastError !== undefined)).length;

  // Telling the admins must never cost a message its outcome: a store error is logged, not thrown.
  const safely =
    <A extends unknown[]>(what: string, run: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await run(...args);
      } catch (error) {
        logger.error("outage tracking failed", { op: what, error });
      }
    };

  return {
    failed: safely("failed", async (channel: string, detail: string, now: Date) => {
      const outage = await outages.open({ channel, since: now.toISOString(), detail });
      if (outage.noticedAt !== undefined) return;
      if (now.getTime() - Date.parse(outage.since) < options.noticeAfterMs) return;
      if (!(await outages.markNoticed(channel, outage.since, now.toISOString()))) return;
      const count = await held(channel);
      logger.warn("channel outage: telling the admins", { channel, since: outage.since, held: count });
      await options.notices.outage({ channel, since: outage.since, detail: outage.detail, held: count });
    }),
    succeeded: safely("succeeded", async (channel: string, now: Date) => {
      // A read first: most sends happen with no outage, and a read takes no write lock.
      if ((await outages.get(channel)) === undefined) return;
      const closed = await outages.close(channel);
      if (closed === undefined) return;
      const count = await held(channel);
      logger.info("channel recovered", { channel, since: closed.since, held: count });
      if (closed.noticedAt === undefined) return;
      await options.notices.recovered({ channel, since: closed.since, at: now.toISOString(), held: count });
    }),
  };
}
