import type Database from "better-sqlite3";
import { checkCounterAdd } from "../check-counter-add.js";
import type { CounterStore } from "../counter-store.js";
import { toEpochMs } from "../to-epoch-ms.js";

/** Counters as rows; an add is one IMMEDIATE transaction, so two processes never lose an increment. */
export class SqliteCounters implements CounterStore {
  private readonly addTx: (key: string, by: number, now: number, keepUntil: number) => number;
  private readonly live: Database.Statement;

  constructor(db: Database.Database) {
    const purge = db.prepare("DELETE FROM counters WHERE keep_until_ms <= ?");
    const upsert = db
      .prepare(
        `INSERT INTO counters (key, total, keep_until_ms) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET total = total + excluded.total,
           keep_until_ms = max(keep_until_ms, excluded.keep_until_ms)
         RETURNING total`,
      )
      .pluck();
    const tx = db.transaction((key: string, by: number, now: number, keepUntil: number): number => {
      purge.run(now);
      return upsert.get(key, by, keepUntil) as number;
    });
    this.addTx = (key, by, now, keepUntil) => tx.immediate(key, by, now, keepUntil);
    this.live = db.prepare("SELECT total FROM counters WHERE key = ? AND keep_until_ms > ?").pluck();
  }

  async add(key: string, by: number, now: Date | string, keepUntil: Date | string): Promise<number> {
    checkCounterAdd(key, by);
    return this.addTx(
      key,
      by,
      toEpochMs(now, "counters.add now"),
      toEpochMs(keepUntil, "counters.add keepUntil"),
    );
  }

  async read(key: string, now: Date | string): Promise<number> {
    return (this.live.get(key, toEpochMs(now, "counters.read now")) as number | undefined) ?? 0;
  }
}
