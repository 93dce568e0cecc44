import type { BudgetEntry } from "../store/budget-store.js";

/**
 * Counts sends against sliding-window budgets ("at most `limit` per `windowMs`"). One ledger
 * serves every dispatcher that shares it: the store's for every instance on that store (the
 * default), or one in memory for a single process.
 */
export interface BudgetLedger {
  /**
   * Takes one slot of every entry at `now` if each has had fewer than `limit` taken in the window
   * (now − windowMs, now]; otherwise takes nothing and names the entry that frees up last, and when.
   */
  take(entries: readonly BudgetEntry[], now: Date): Promise<BudgetTake>;
}

export type BudgetTake = { ok: true } | { ok: false; retryAt: Date; key: string };
