/**
 * What retention removes, each by one instant of its own:
 * - `outbox-sent`: sent messages, by `sentAt`;
 * - `outbox-dead`: messages given up on, by `dueAt` (when they were last due);
 * - `audit`: audit entries, by `at`;
 * - `cards`: sent cards (what a click is traced back to), by `createdAt`;
 * - `prompts`: questions waiting for an answer, by `expiresAt`;
 * - `budget-slots`: sending-budget slots, by the end of their window;
 * - `claims`: inbound dedupe claims, by their expiry on the store's own clock (their TTLs run on it:
 *   `before` is not used).
 */
export const RETENTION_KINDS = [
  "outbox-sent",
  "outbox-dead",
  "audit",
  "cards",
  "prompts",
  "budget-slots",
  "claims",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/**
 * Removes records past their retention window, in bounded batches, so that a store does not grow
 * for ever and a purge never holds the store for long. Redis keys that carry a TTL (budget slots,
 * claims, locks) expire by themselves: there `budget-slots` and `claims` remove nothing.
 */
export interface RetentionStore {
  /**
   * Removes up to `limit` records of `kind` whose instant (see RetentionKind) is before `before`,
   * in one transaction, and returns how many it removed: fewer than `limit` means none is left.
   * Nothing else changes: a message that is not sent or dead, a card or prompt not past `before`,
   * stays as it was.
   */
  purge(kind: RetentionKind, before: Date | string, limit: number): Promise<number>;
}
