/**
 * One sliding-window budget to take a slot of: at most `limit` slots per `windowMs` under `key`.
 * The window ending at `now` is (now − windowMs, now].
 */
export interface BudgetEntry {
  key: string;
  limit: number;
  windowMs: number;
}

/** Taken; or refused, with the budget that frees up last and when it does. */
export type BudgetTakeResult = { ok: true } | { ok: false; retryAt: string; key: string };

/**
 * Sending budgets shared by every instance on the store, so that N dispatchers together keep a
 * platform's limits. Slots are working state, not records: they are not in a dump and do not
 * make a store non-empty.
 */
export interface BudgetStore {
  /**
   * Takes one slot of every entry at `now`, or none: when any entry's window is full, nothing is
   * taken and `retryAt` is when the last of the full windows frees a slot (UTC ISO). Slots that
   * left their window are purged on the way. No entries: ok, and nothing is written.
   */
  take(entries: readonly BudgetEntry[], now: Date | string): Promise<BudgetTakeResult>;
}
