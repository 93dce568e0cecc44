/**
 * Counts sends against sliding-window budgets ("at most `limit` per `windowMs`"). One ledger
 * serves every dispatcher that shares it: in memory for one process, in the store for several
 * instances (so that N instances share one budget).
 */
export interface BudgetLedger {
  /**
   * Takes one slot of `key`'s budget at `now` if fewer than `limit` were taken in the window
   * (now − windowMs, now]; otherwise takes nothing and says when the oldest slot frees up.
   */
  take(key: string, limit: number, windowMs: number, now: Date): Promise<BudgetTake>;
}

export type BudgetTake = { ok: true } | { ok: false; retryAt: Date };
