import { findBudgetRefusal } from "../store/find-budget-refusal.js";
import type { BudgetLedger, BudgetTake } from "./budget-ledger.js";

/**
 * A sliding-window log per key, in memory: exact, and cheap for the limits channels declare
 * (WeCom's largest per-member window holds 1000 entries). One process only; for several, the
 * store's ledger (store-budget-ledger.ts).
 */
export function createMemoryBudgetLedger(): BudgetLedger {
  const logs = new Map<string, number[]>();
  /** The key's log with the slots that left the window dropped. */
  const live = (key: string, windowStart: number): number[] => {
    const log = logs.get(key) ?? [];
    logs.set(key, log);
    let expired = 0;
    while (expired < log.length && (log[expired] ?? 0) <= windowStart) expired++;
    if (expired > 0) log.splice(0, expired);
    return log;
  };
  return {
    async take(entries, now): Promise<BudgetTake> {
      const at = now.getTime();
      const refusal = findBudgetRefusal(entries, ({ key, limit, windowMs }) => {
        const log = live(key, at - windowMs);
        return log.length < limit ? undefined : (log[log.length - limit] ?? at);
      });
      if (refusal !== undefined) return { ok: false, retryAt: new Date(refusal.retryAtMs), key: refusal.key };
      for (const { key } of entries) logs.get(key)?.push(at);
      return { ok: true };
    },
  };
}
