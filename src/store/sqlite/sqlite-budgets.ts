import type Database from "better-sqlite3";
import type { BudgetEntry, BudgetStore, BudgetTakeResult } from "../budget-store.js";
import { checkBudgetEntries } from "../check-budget-entries.js";
import { findBudgetRefusal } from "../find-budget-refusal.js";
import { toEpochMs } from "../to-epoch-ms.js";

/**
 * Budget slots as rows (key, time taken, time it leaves its window). A take is one IMMEDIATE
 * transaction: purge, count every entry's window, then insert a slot for each or for none, so
 * two processes on the file never both take a budget's last slot.
 */
export class SqliteBudgets implements BudgetStore {
  private readonly takeTx: (entries: readonly BudgetEntry[], now: number) => BudgetTakeResult;

  constructor(db: Database.Database) {
    // Every slot carries its own window's end, so one indexed delete purges all keys at once.
    const purge = db.prepare("DELETE FROM budget_slots WHERE expires_ms <= ?");
    const live = db.prepare("SELECT count(*) FROM budget_slots WHERE key = ? AND at_ms > ?").pluck();
    const nth = db
      .prepare("SELECT at_ms FROM budget_slots WHERE key = ? AND at_ms > ? ORDER BY at_ms LIMIT 1 OFFSET ?")
      .pluck();
    const insert = db.prepare("INSERT INTO budget_slots (key, at_ms, expires_ms) VALUES (?, ?, ?)");
    const tx = db.transaction((entries: readonly BudgetEntry[], now: number): BudgetTakeResult => {
      purge.run(now);
      const refusal = findBudgetRefusal(entries, ({ key, limit, windowMs }) => {
        const count = live.get(key, now - windowMs) as number;
        return count < limit ? undefined : (nth.get(key, now - windowMs, count - limit) as number);
      });
      if (refusal !== undefined)
        return { ok: false, retryAt: new Date(refusal.retryAtMs).toISOString(), key: refusal.key };
      for (const { key, windowMs } of entries) insert.run(key, now, now + windowMs);
      return { ok: true };
    });
    this.takeTx = (entries, now) => tx.immediate(entries, now);
  }

  async take(entries: readonly BudgetEntry[], now: Date | string): Promise<BudgetTakeResult> {
    const nowMs = toEpochMs(now, "budgets.take now");
    if (checkBudgetEntries(entries).length === 0) return { ok: true };
    return this.takeTx(entries, nowMs);
  }
}
