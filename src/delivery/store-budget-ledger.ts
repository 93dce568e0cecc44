import type { BudgetStore } from "../store/budget-store.js";
import type { BudgetLedger } from "./budget-ledger.js";

/**
 * The budgets kept in the store, so that every instance on it shares them: N dispatchers
 * together stay within a platform's limit for a person, not N times it.
 */
export function createStoreBudgetLedger(budgets: BudgetStore): BudgetLedger {
  return {
    async take(entries, now) {
      const taken = await budgets.take(entries, now);
      return taken.ok ? taken : { ok: false, retryAt: new Date(taken.retryAt), key: taken.key };
    },
  };
}
