import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

export const newOutboxMessageSchema = z.object({
  /** Enqueueing the same key twice stores one message (e.g. task/unit/cycle/step/recipient). */
  idempotencyKey: z.string().min(1),
  channel: z.string().min(1),
  /** The person id the message goes to. */
  recipient: z.string().min(1),
  /** The neutral message, as JSON. */
  payload: z.unknown(),
  /** Not sent before this instant (quiet hours, jitter). */
  notBefore: isoInstantSchema,
  createdAt: isoInstantSchema,
});
export type NewOutboxMessage = z.infer<typeof newOutboxMessageSchema>;

/**
 * `pending` waits for its next attempt (its first, or the next after a deferral); `claimed` is
 * leased by a worker; `failed` waits for a retry at `dueAt`; `sent` and `dead` are final.
 */
export const outboxStatusSchema = z.enum(["pending", "claimed", "failed", "sent", "dead"]);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const outboxMessageSchema = newOutboxMessageSchema.extend({
  id: z.number().int().positive(),
  status: outboxStatusSchema,
  /**
   * How many claims counted as attempts: every claim except those handed back with `defer`. A
   * worker that died after claiming counts too.
   */
  attempts: z.number().int().nonnegative(),
  /** How many times a worker handed it back with `defer` (quiet hours, budgets); absent until then. */
  deferrals: z.number().int().positive().optional(),
  /** When it may next be claimed: `notBefore`, then each retry or deferral time. */
  dueAt: isoInstantSchema,
  /** Only while claimed. */
  claimedBy: z.string().optional(),
  leaseUntil: isoInstantSchema.optional(),
  lastError: z.string().optional(),
  sentAt: isoInstantSchema.optional(),
  platformMessageId: z.string().optional(),
  /**
   * When a worker started sending it and recorded no outcome yet. Left on a message whose worker
   * died (or lost the store) mid-send, it tells the next claimer that the platform may have it
   * already; every recorded outcome clears it, a deferral before any send keeps it.
   */
  sendingSince: isoInstantSchema.optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** How many messages to lease, for how long, and for whom. */
export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** Who claims, e.g. host name and pid; kept on the message while the lease lasts. */
  worker: string;
}

export type OutboxStats = Record<OutboxStatus, number>;

/** A claimed message handed back unsent: see `OutboxStore.defer`. */
export interface OutboxDeferral {
  /** When it may be claimed again (ISO-8601 with an offset). */
  until: string;
  /** Why, for people: kept in `lastError`. */
  reason: string;
  /** The worker that holds the claim; anyone else's deferral is refused. */
  worker: string;
  /**
   * The platform answered a send of it (refusing it for the whole channel): the started send is
   * settled, so `sendingSince` is cleared. Absent: a deferral before any send, which keeps it.
   */
  answered?: boolean;
}

/**
 * The durable queue of outbound messages. Delivery is at least once: a worker that dies loses
 * nothing, because its leases expire and the messages are claimed again.
 */
export interface OutboxStore {
  enqueue(message: NewOutboxMessage): Promise<{ id: number; created: boolean }>;
  /**
   * Leases up to `limit` messages that are due at `now` (pending or failed with `dueAt <= now`, or
   * claimed with an expired lease), oldest `dueAt` first. A leased message is invisible to every
   * other claimer, in any process, until `now + leaseMs`.
   */
  claimDue(now: Date | string, options: ClaimOptions): Promise<OutboxMessage[]>;
  /**
   * Records that `worker` starts sending its claimed message now (`sendingSince`), before the
   * platform is asked: false (and no change) when the claim is not the worker's any more.
   */
  markSending(id: number, start: { at: string; worker: string }): Promise<boolean>;
  /** Records delivery; false (and no change) if it was recorded as sent already. */
  markSent(id: number, result: { platformMessageId: string; at: string }): Promise<boolean>;
  /**
   * Schedules a retry. Applies only to a claimed message (and, when `worker` is given, only to
   * that worker's claim, so a worker whose lease ran out cannot undo a newer claim).
   */
  markFailed(id: number, failure: { error: string; retryAt: string; worker?: string }): Promise<boolean>;
  /**
   * Hands a claimed message back without sending it: `pending` again, due at `until`, the claim
   * not counted as an attempt, `deferrals` one up. Applies only to `worker`'s claim.
   */
  defer(id: number, deferral: OutboxDeferral): Promise<boolean>;
  /**
   * Gives up on a message that was not sent. With `worker`, applies only to that worker's claim
   * (as markFailed), so a worker whose lease ran out cannot bury a message another worker holds.
   */
  markDead(id: number, failure: { error: string; worker?: string }): Promise<boolean>;
  /**
   * The earliest instant at which something may become claimable: the `dueAt` of a pending or
   * failed message, or the lease end of a claimed one (UTC ISO); undefined when all are final.
   */
  nextDueAt(): Promise<string | undefined>;
  get(id: number): Promise<OutboxMessage | undefined>;
  /** The message enqueued under `idempotencyKey`, whatever its status. */
  findByKey(idempotencyKey: string): Promise<OutboxMessage | undefined>;
  /**
   * Whether a message was enqueued under `idempotencyKey` (whatever its status), without reading
   * it: the sweep and the dispatcher ask this of many keys.
   */
  hasKey(idempotencyKey: string): Promise<boolean>;
  /**
   * An operator's retry: a pending or failed message becomes due at `at` (its attempts kept); with
   * `revive`, a dead one starts over as if enqueued at `at`: pending, `notBefore` and `dueAt` set to
   * `at` (so its delivery lifetime starts again), attempts and deferrals reset, its last error kept
   * (and `sendingSince` cleared: the operator decided to send it again).
   * False (and no change) for a claimed, sent, or (without `revive`) dead message.
   */
  requeue(id: number, options: { at: string; revive?: boolean }): Promise<boolean>;
  /** Messages by id, oldest first. */
  list(filter?: { status?: OutboxStatus; limit?: number }): Promise<OutboxMessage[]>;
  stats(): Promise<OutboxStats>;
}
