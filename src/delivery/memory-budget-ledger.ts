import type { BudgetLedger, BudgetTake } from "./budget-ledger.js";

/**
 * A sliding-window log per key, in memory: exact, and cheap for the limits channels declare
 * (WeCom's largest per-member window holds 1000 entries). One process only.
 */
export function createMemoryBudgetLedger(): BudgetLedger {
  const logs = new Map<string, number[]>();
  return {
    async take(key, limit, windowMs, now): Promise<BudgetTake> {
      const at = now.getTime();
      let log = logs.get(key);
      if (log === undefined) {
        log = [];
        logs.set(key, log);
      }
      let expired = 0;
      while (expired < log.length && (log[expired] ?? 0) <= at - windowMs) expired++;
      if (expired > 0) log.splice(0, expired);
      if (log.length < limit) {
        log.push(at);
        return { ok: true };
      }
      // The slot frees up when the oldest entry inside the window leaves it.
      return { ok: false, retryAt: new Date((log[log.length - limit] ?? at) + windowMs) };
    },
  };
}
