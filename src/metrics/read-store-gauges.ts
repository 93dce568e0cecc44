import { withTimeout } from "../shared/with-timeout.js";
import type { OutboxStats, OutboxStatus, OutboxStore } from "../store/outbox-message.js";
import type { Store } from "../store/store.js";

/** What a scrape reads from the store: cheap on both stores (counts, index heads, one row per state). */
export type MetricsStore = Pick<Store, "ping"> & {
  outbox: Pick<OutboxStore, "stats" | "nextDueAt" | "list">;
};

export interface StoreGauges {
  counts: OutboxStats;
  /** Per waiting state, how long ago its oldest message was enqueued; absent when there is none. */
  oldestAgeMs: Partial<Record<OutboxStatus, number>>;
  /** How long the earliest due message has waited past its due time; 0 when nothing is overdue. */
  lagMs: number;
}

/**
 * Pings the store (its time told to `onPing` when the answer comes, even after the timeout), then
 * reads the outbox's counts, its next due time and the oldest message of each waiting state (the
 * lowest id: messages are numbered as they are enqueued). Undefined when the store fails or does
 * not answer within `timeoutMs`: a scrape must not hang on a store that hangs.
 */
export async function readStoreGauges(
  store: MetricsStore,
  options: {
    now: Date;
    timeoutMs: number;
    waiting: readonly OutboxStatus[];
    onPing: (ms: number) => void;
  },
): Promise<StoreGauges | undefined> {
  const read = async (): Promise<StoreGauges> => {
    const started = performance.now();
    await store.ping();
    options.onPing(performance.now() - started);
    const [counts, nextDueAt, ...oldest] = await Promise.all([
      store.outbox.stats(),
      store.outbox.nextDueAt(),
      ...options.waiting.map((status) => store.outbox.list({ status, limit: 1 })),
    ]);
    const now = options.now.getTime();
    const oldestAgeMs: StoreGauges["oldestAgeMs"] = {};
    options.waiting.forEach((status, i) => {
      const message = oldest[i]?.[0];
      if (message) oldestAgeMs[status] = Math.max(0, now - Date.parse(message.createdAt));
    });
    const due = nextDueAt === undefined ? undefined : Date.parse(nextDueAt);
    return { counts, oldestAgeMs, lagMs: due !== undefined && due <= now ? now - due : 0 };
  };
  try {
    return await withTimeout(read(), options.timeoutMs);
  } catch {
    return undefined;
  }
}
