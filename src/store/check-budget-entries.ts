import type { BudgetEntry } from "./budget-store.js";

/**
 * Budget entries need a key, a whole limit ≥ 1 and a whole window ≥ 1 ms; a key given twice
 * would need two slots of one window at once, which no caller means.
 */
export function checkBudgetEntries(entries: readonly BudgetEntry[]): readonly BudgetEntry[] {
  const seen = new Set<string>();
  for (const { key, limit, windowMs } of entries) {
    if (key === "") throw new RangeError("budgets.take: every entry needs a key");
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`budgets.take: ${key}: limit must be a whole number ≥ 1, got ${limit}`);
    if (!Number.isInteger(windowMs) || windowMs < 1)
      throw new RangeError(`budgets.take: ${key}: windowMs must be a whole number ≥ 1, got ${windowMs}`);
    if (seen.has(key)) throw new RangeError(`budgets.take: ${key} is given twice`);
    seen.add(key);
  }
  return entries;
}
