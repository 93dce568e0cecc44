import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { Channel, ChannelName, SendResult } from "../channels/channel.js";
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from "../config/delivery-settings.js";
import type { SendingHours } from "../config/reminder-settings.js";
import type { Recipient } from "../directory/recipient.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { BudgetStore } from "../store/budget-store.js";
import type { OutageStore } from "../store/channel-outage.js";
import type { OutboxStore } from "../store/outbox-message.js";
import type { BudgetLedger } from "./budget-ledger.js";
import { createChannelPauses } from "./channel-pauses.js";
import type { DeadLetterHandler, DeliveryNotifier } from "./create-dead-letter-notifier.js";
import { type DispatchDeps, type DispatchOutcome, dispatchMessage } from "./dispatch-message.js";
import { createMemoryBudgetLedger } from "./memory-budget-ledger.js";
import { observeSends } from "./observe-sends.js";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./retry-delay.js";
import { createSendingWindow } from "./sending-window.js";
import { createStoreBudgetLedger } from "./store-budget-ledger.js";
import { createOutageTracker } from "./track-outages.js";
import { createUnrecordedOutcomes } from "./unrecorded-outcomes.js";

export interface DispatcherOptions {
  /**
   * The outbox; the store's budgets, which every instance on the store shares; and its outage
   * records, without which outages are not told.
   */
  store: { outbox: OutboxStore; budgets?: BudgetStore; outages?: OutageStore };
  channels: ReadonlyMap<ChannelName, Channel>;
  /** The person an outbox message's `recipient` names; undefined dead-letters the message. */
  recipients: (personId: string) => Recipient | undefined;
  clock: Clock;
  logger: Logger;
  /** Who claims, e.g. `${hostname}:${pid}`; kept on each message while leased. */
  worker: string;
  sendingHours: SendingHours;
  calendar: WorkCalendar;
  /**
   * Failed sends (and claims left without an outcome) before the dead letter; by default none:
   * a failing message is retried for `delivery.lifetimeHours` after its planned time.
   */
  maxAttempts?: number;
  /** The settings file's `delivery` section: lifetime, retry cap, when to tell the admins. */
  delivery?: DeliverySettings;
  /**
   * Deferrals (quiet hours, budgets) before the dead letter; default 500. They never count as
   * failures: the outbox keeps them apart (`deferrals`), so this only stops a message that
   * would otherwise be deferred forever.
   */
  maxDeferrals?: number;
  /** Retry waits: 1 min, 2, 4 … capped at `delivery.retryCapMinutes` (30), ±20 % jitter. */
  backoff?: BackoffOptions;
  /** Messages claimed at once; default 50. */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the message; default 2 min. */
  leaseMs?: number;
  /** Messages sent at the same time within a batch; default 4. */
  concurrency?: number;
  /**
   * Where budgets are counted: by default the store's (`store.budgets`, shared by every instance),
   * else one in memory (right for a single process only).
   */
  ledger?: BudgetLedger;
  random?: () => number;
  /** Told about every dead-lettered message; by default the error is only logged. */
  onDead?: DeadLetterHandler;
  /**
   * The admins' notices: dead letters (instead of `onDead`), and a channel's outage and recovery
   * (tracked in `store.outages`).
   */
  notices?: DeliveryNotifier;
  /** Told each send's result per channel (GET /healthz shows each channel's last success and error). */
  onSend?: (channel: ChannelName, result: SendResult) => void;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  deferredQuiet: number;
  deferredBudget: number;
  /** Messages held back while their channel was paused by a channel-wide failure. */
  deferredChannel: number;
  dead: number;
  /** Reminders dropped because a later step of the ladder was enqueued for the same people. */
  superseded: number;
  /** Messages whose outcome could not be recorded (the store failed); their lease will expire. */
  errors: number;
  /** Messages another worker took over (this worker's lease had run out); its outcome stands. */
  lost: number;
  /** Sends whose outcome the store could not take: kept in memory, written before anything else is sent. */
  unrecorded: number;
}

export function emptyDispatchReport(): DispatchReport {
  return {
    claimed: 0,
    sent: 0,
    retried: 0,
    deferredQuiet: 0,
    deferredBudget: 0,
    deferredChannel: 0,
    dead: 0,
    superseded: 0,
    errors: 0,
    lost: 0,
    unrecorded: 0,
  };
}

export interface Dispatcher {
  /**
   * Claims and handles due messages in batches until none is due at the clock's current time.
   * Once `signal` aborts (shutdown), no batch is claimed and each claimed message not yet being
   * sent is handed back to the outbox, due at once; sends in progress finish and are recorded.
   */
  dispatchDue(options?: { signal?: AbortSignal }): Promise<DispatchReport>;
  /**
   * At shutdown, after the last round: writes the outcomes kept in memory while the store was
   * down. Those it still cannot write are logged by id: their messages carry `sendingSince`, so
   * the next claimer will not send them blindly.
   */
  settle(): Promise<void>;
}

const FIELD: Record<DispatchOutcome, keyof DispatchReport> = {
  sent: "sent",
  retried: "retried",
  "deferred-quiet": "deferredQuiet",
  "deferred-budget": "deferredBudget",
  "deferred-channel": "deferredChannel",
  dead: "dead",
  superseded: "superseded",
  lost: "lost",
  unrecorded: "unrecorded",
};

/** The reason kept on a message handed back at shutdown. */
const RELEASED_AT_SHUTDOWN = "released at shutdown";

/** The outbox dispatcher: at least once delivery, within quiet hours and each channel's budgets. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const logger = options.logger.child({ component: "dispatcher", worker: options.worker });
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 120_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const delivery = options.delivery ?? DEFAULT_DELIVERY_SETTINGS;
  const deps: DispatchDeps = {
    outbox: options.store.outbox,
    channels: options.onSend ? observeSends(options.channels, options.onSend) : options.channels,
    recipients: options.recipients,
    ledger:
      options.ledger ??
      (options.store.budgets ? createStoreBudgetLedger(options.store.budgets) : createMemoryBudgetLedger()),
    window: createSendingWindow({ hours: options.sendingHours, calendar: options.calendar, random }),
    clock: options.clock,
    logger,
    worker: options.worker,
    maxAttempts: options.maxAttempts,
    maxDeferrals: options.maxDeferrals ?? 500,
    lifetimeMs: delivery.lifetimeHours * 3_600_000,
    backoff: options.backoff ?? { ...DEFAULT_BACKOFF, capMs: delivery.retryCapMinutes * 60_000 },
    random,
    onDead: options.notices?.dead ?? options.onDead ?? (async () => {}),
    outages:
      options.store.outages && options.notices
        ? createOutageTracker({
            outages: options.store.outages,
            outbox: options.store.outbox,
            notices: options.notices,
            noticeAfterMs: delivery.outageNoticeAfterMinutes * 60_000,
            logger,
          })
        : undefined,
    queueEnds: new Map(),
    pauses: createChannelPauses(),
    unrecorded: createUnrecordedOutcomes(logger),
  };

  return {
    async dispatchDue({ signal } = {}) {
      const report = emptyDispatchReport();
      // What was sent while the store was down is recorded first; while it cannot be (this
      // throws), nothing new is claimed, so nothing is sent twice.
      await deps.unrecorded.flush();
      while (!signal?.aborted) {
        const now = options.clock.now();
        const batch = await deps.outbox.claimDue(now, { limit: batchSize, leaseMs, worker: options.worker });
        report.claimed += batch.length;
        const round = { now, open: deps.window.isOpen(now), halted: false };
        let next = 0;
        const lane = async () => {
          for (let message = batch[next++]; message !== undefined; message = batch[next++]) {
            if (signal?.aborted) {
              await release(message.id);
              continue;
            }
            // The store failed: what is still claimed returns when its lease ends, unsent.
            if (round.halted) continue;
            try {
              report[FIELD[await dispatchMessage(deps, message, round)]]++;
            } catch (error) {
              report.errors++;
              round.halted = true;
              logger.error("dispatch failed; the message returns when its lease ends", {
                id: message.id,
                error,
              });
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
        if (round.halted || batch.length < batchSize) break;
      }
      if (report.claimed > 0) logger.debug("dispatched", { ...report });
      return report;
    },
    settle,
  };

  async function settle(): Promise<void> {
    if (deps.unrecorded.size === 0) return;
    try {
      await deps.unrecorded.flush();
    } catch (error) {
      logger.error("stopping with send outcomes not recorded: the store does not answer", {
        ids: deps.unrecorded.ids(),
        error,
      });
    }
  }

  async function release(id: number): Promise<void> {
    const until = options.clock.now().toISOString();
    try {
      await deps.outbox.defer(id, { until, reason: RELEASED_AT_SHUTDOWN, worker: options.worker });
    } catch (error) {
      // Its lease ends by itself and another claim picks it up: late, never lost.
      logger.warn("could not hand a message back at shutdown; its lease will expire", { id, error });
    }
  }
}
