import type { BudgetEntry } from "./budget-store.js";

/**
 * Of the entries whose window is full, the one that frees a slot last, and when (epoch ms):
 * only then can every entry be taken at once. `blockingSlotMs(entry)` gives the slot that must
 * leave the window before the entry has room (with n slots live, the (n − limit + 1)-th oldest),
 * or undefined when it has room now. Ties go to the earlier entry, so callers order entries by
 * which one they would rather name.
 */
export function findBudgetRefusal(
  entries: readonly BudgetEntry[],
  blockingSlotMs: (entry: BudgetEntry) => number | undefined,
): { retryAtMs: number; key: string } | undefined {
  let refusal: { retryAtMs: number; key: string } | undefined;
  for (const entry of entries) {
    const slot = blockingSlotMs(entry);
    if (slot === undefined) continue;
    const retryAtMs = slot + entry.windowMs;
    if (refusal === undefined || retryAtMs > refusal.retryAtMs) refusal = { retryAtMs, key: entry.key };
  }
  return refusal;
}
