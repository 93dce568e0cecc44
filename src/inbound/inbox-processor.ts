import type { ChannelName, InboundEvent } from "../channels/channel.js";
import type { Logger } from "../shared/logger.js";
import type { InboxStore } from "../store/inbox-entry.js";
import type { EventWrites } from "./defer-event-writes.js";
import { createInboxWrites } from "./inbox-writes.js";

/** Platforms deliver a callback up to four times; a week outlives every retry and replay window. */
export const INBOX_DEDUPE_MS = 7 * 24 * 3600_000;
/** Longer than any handler runs (a few store writes); a crashed instance's events wait this long. */
export const INBOX_LEASE_MS = 15_000;
/** How often the running service looks for events left unprocessed (a crash, a failed handler). */
export const INBOX_SWEEP_MS = 5_000;
/** An event whose handler failed this many times is given up, loudly, rather than retried for ever. */
export const INBOX_MAX_ATTEMPTS = 5;
const SWEEP_BATCH = 100;

export interface InboxOptions {
  inbox: InboxStore;
  /**
   * The handler (inbound/handle-inbound.ts); an event is processed once it resolves. The audit
   * entries and outbox messages it puts in `writes` are written with the processed mark.
   */
  handle(event: InboundEvent, writes: EventWrites): Promise<void>;
  logger: Logger;
  /** Who holds a lease: unique per process (host:pid). */
  worker: string;
  dedupeMs?: number;
  leaseMs?: number;
  sweepEveryMs?: number;
  /** Told how the store took each event (the metrics count callbacks by channel and outcome). */
  onAccepted?: (channel: ChannelName, outcome: AcceptOutcome) => void;
}

/** How `accept` ended for one event: stored as new, a redelivery, or the store failed (a 5xx). */
export type AcceptOutcome = "accepted" | "duplicate" | "store-failed";

export interface Inbox {
  /**
   * Stores the event durably (the callbacks of one event-loop turn in one transaction): true when
   * new (then `process` it, after the acknowledgement), false for a redelivery. Rejects when the
   * store cannot take it: the platform must then get a 5xx, so that it retries.
   */
  accept(event: InboundEvent): Promise<boolean>;
  /** Runs the handler on an accepted event and marks it processed. Never rejects. */
  process(event: InboundEvent): Promise<void>;
  /** accept, then process when new: for a transport that answers after processing (/dev/inbound). */
  receive(event: InboundEvent): Promise<void>;
  /** Processes the events whose lease is over (left by a crash or a failed handler); how many. */
  sweep(): Promise<number>;
  /** Sweeps now (what a crash left behind), then every `sweepEveryMs`. */
  start(): void;
  /** Stops sweeping and waits for the events being processed. */
  stop(): Promise<void>;
}

/** The dedupe key: one per platform event, whichever instance or route receives it. */
export const inboxKey = (event: InboundEvent): string => `${event.channel}:${event.eventId}`;

/**
 * Store, then acknowledge, then process from the store: an acknowledged event survives a crash
 * (the sweep resumes it), and the lease keeps two instances from processing one event at once.
 * A handler that fails leaves its event to the sweep; answers are keyed by event, so a second run
 * does not answer twice.
 */
export function createInbox(options: InboxOptions): Inbox {
  const logger = options.logger.child({ part: "inbox" });
  const { worker } = options;
  const leaseMs = options.leaseMs ?? INBOX_LEASE_MS;
  // A turn's receipts and marks share one commit (inbox-writes.ts).
  const writes = createInboxWrites(options.inbox, {
    ttlMs: options.dedupeMs ?? INBOX_DEDUPE_MS,
    leaseMs,
    worker,
  });
  const store = (event: InboundEvent) => writes.accept({ key: inboxKey(event), event });
  const observe = options.onAccepted;
  const accept = !observe
    ? store
    : async (event: InboundEvent): Promise<boolean> => {
        let fresh: boolean;
        try {
          fresh = await store(event);
        } catch (error) {
          observe(event.channel, "store-failed");
          throw error;
        }
        observe(event.channel, fresh ? "accepted" : "duplicate");
        return fresh;
      };
  // Marked with their audit entries and answers, several turns' events in one commit (inbox-writes.ts).
  const markProcessed = writes.markProcessed;
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;

  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  const run = async (event: InboundEvent): Promise<void> => {
    const writes: EventWrites = { audit: [], outbox: [] };
    try {
      await options.handle(event, writes);
    } catch (error) {
      logger.error("inbound event handling failed; the sweep tries it again", {
        channel: event.channel,
        eventId: event.eventId,
        error,
      });
      return;
    }
    await finish(event, "processed", writes);
  };

  const finish = async (
    event: InboundEvent,
    how: "processed" | "given up",
    effects?: EventWrites,
  ): Promise<void> => {
    try {
      if (!(await markProcessed({ key: inboxKey(event), ...(effects ? { effects } : {}) })))
        logger.warn("inbound event was taken over before it was marked processed", {
          channel: event.channel,
          eventId: event.eventId,
          how,
        });
    } catch (error) {
      // Left leased: the sweep runs it again once the lease is over (its answers are keyed by event).
      logger.error("inbound event processed but not marked so", {
        channel: event.channel,
        eventId: event.eventId,
        error,
      });
    }
  };

  const sweepOnce = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const rows = await options.inbox.claimStale({ limit: SWEEP_BATCH, leaseMs, worker });
      for (const row of rows) {
        const event = row.event as InboundEvent;
        if (row.attempts > INBOX_MAX_ATTEMPTS) {
          logger.error("inbound event given up after repeated failures", {
            channel: event.channel,
            eventId: event.eventId,
            attempts: row.attempts - 1,
          });
          await track(finish(event, "given up"));
          continue;
        }
        logger.info("inbound event resumed", {
          channel: event.channel,
          eventId: event.eventId,
          receivedAt: row.receivedAt,
          attempt: row.attempts,
        });
        await track(run(event));
      }
      total += rows.length;
      if (rows.length < SWEEP_BATCH) return total;
    }
  };

  const inbox: Inbox = {
    accept,
    process: (event) => track(run(event)),
    async receive(event) {
      if (await accept(event)) await inbox.process(event);
      else logger.info("duplicate delivery ignored", { channel: event.channel, eventId: event.eventId });
    },
    sweep() {
      // One sweep at a time in a process; other processes are kept off by the leases.
      sweeping ??= sweepOnce().finally(() => {
        sweeping = undefined;
      });
      return sweeping;
    },
    start() {
      const tick = () =>
        void inbox.sweep().catch((error: unknown) => logger.error("inbox sweep failed", { error }));
      tick();
      timer = setInterval(tick, options.sweepEveryMs ?? INBOX_SWEEP_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sweeping?.catch(() => 0);
      await Promise.allSettled([...inFlight]);
    },
  };
  return inbox;
}
