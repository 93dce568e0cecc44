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
 * `pending` waits for its first attempt; `claimed` is leased by a worker; `failed` waits for a
 * retry at `dueAt`; `sent` and `dead` are final.
 */
export const outboxStatusSchema = z.enum(["pending", "claimed", "failed", "sent", "dead"]);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const outboxMessageSchema = newOutboxMessageSchema.extend({
  id: z.number().int().positive(),
  status: outboxStatusSchema,
  /** How many times it has been claimed; a worker that died after claiming counts too. */
  attempts: z.number().int().nonnegative(),
  /** When it may next be claimed: `notBefore`, then each retry time. */
  dueAt: isoInstantSchema,
  /** Only while claimed. */
  claimedBy: z.string().optional(),
  leaseUntil: isoInstantSchema.optional(),
  lastError: z.string().optional(),
  sentAt: isoInstantSchema.optional(),
  platformMessageId: z.string().optional(),
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
  /** Records delivery; false (and no change) if it was recorded as sent already. */
  markSent(id: number, result: { platformMessageId: string; at: string }): Promise<boolean>;
  /**
   * Schedules a retry. Applies only to a claimed message (and, when `worker` is given, only to
   * that worker's claim, so a worker whose lease ran out cannot undo a newer claim).
   */
  markFailed(id: number, failure: { error: string; retryAt: string; worker?: string }): Promise<boolean>;
  /** Gives up on a message that was not sent. */
  markDead(id: number, failure: { error: string }): Promise<boolean>;
  get(id: number): Promise<OutboxMessage | undefined>;
  /** Messages by id, oldest first. */
  list(filter?: { status?: OutboxStatus; limit?: number }): Promise<OutboxMessage[]>;
  stats(): Promise<OutboxStats>;
}
