/**
 * Counters shared by every instance on the store (a platform's monthly API quota). Working state,
 * like budgets: not in a dump, and a store holding only counters is empty. Each counter names the
 * instant after which it is forgotten, on the caller's clock, so a virtual clock drives it too.
 */
export interface CounterStore {
  /**
   * Adds `by` (a whole number ≥ 0) to `key` at `now` and answers the new total. A counter whose
   * `keepUntil` has passed starts again from 0; the latest `keepUntil` given is kept.
   */
  add(key: string, by: number, now: Date | string, keepUntil: Date | string): Promise<number>;
  /** The counter's total at `now`: 0 when it was never added to or has been forgotten. */
  read(key: string, now: Date | string): Promise<number>;
}
