import type Database from "better-sqlite3";
import type { Clock } from "../../shared/clock.js";
import type { RetentionKind, RetentionStore } from "../retention-store.js";
import { toEpochMs } from "../to-epoch-ms.js";

/**
 * An ISO instant in a column or JSON field (any offset) as epoch ms, in SQL. Migration 4 indexes
 * exactly these expressions for `sent_at` and a card's `createdAt`: change both together.
 */
const epochMs = (iso: string) => `CAST(round(unixepoch(${iso}, 'subsec') * 1000) AS INTEGER)`;

/**
 * Retention on SQLite: each batch is one IMMEDIATE transaction that deletes at most `limit` rows,
 * chosen in SQL by an indexed instant: `due_ms`, `at_ms`, `expires_ms`, or (migration 4) a sent
 * message's `sent_at` and a card's `createdAt` read as epoch ms.
 */
export class SqliteRetention implements RetentionStore {
  private readonly purgeTx: (kind: RetentionKind, beforeMs: number, limit: number) => number;

  constructor(db: Database.Database, clock: Clock) {
    const byStatement = (sql: string) => {
      const statement = db.prepare(sql);
      return (beforeMs: number, limit: number) => statement.run(beforeMs, limit).changes;
    };
    const claims = byStatement(
      "DELETE FROM claims WHERE key IN (SELECT key FROM claims WHERE expires_ms <= ? LIMIT ?)",
    );
    const batch: Record<RetentionKind, (beforeMs: number, limit: number) => number> = {
      "outbox-sent": byStatement(
        // Named: without statistics SQLite picked outbox_lease (status) and read every sent row.
        `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_sent_ms WHERE status = 'sent' AND ${epochMs("sent_at")} < ? LIMIT ?)`,
      ),
      "outbox-dead": byStatement(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'dead' AND due_ms < ? ORDER BY due_ms, id LIMIT ?)",
      ),
      audit: byStatement(
        "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at_ms < ? ORDER BY at_ms, seq LIMIT ?)",
      ),
      cards: byStatement(
        `DELETE FROM cards WHERE card_id IN (SELECT card_id FROM cards WHERE ${epochMs("json_extract(json, '$.createdAt')")} < ? LIMIT ?)`,
      ),
      prompts: byStatement(
        "DELETE FROM prompts WHERE rowid IN (SELECT rowid FROM prompts WHERE expires_ms < ? LIMIT ?)",
      ),
      // A slot's expires_ms is the end of its window.
      "budget-slots": byStatement(
        "DELETE FROM budget_slots WHERE seq IN (SELECT seq FROM budget_slots WHERE expires_ms <= ? LIMIT ?)",
      ),
      // Claims expire on the store's clock, like their TTLs.
      claims: (_beforeMs, limit) => claims(clock.now().getTime(), limit),
    };
    const run = db.transaction((kind: RetentionKind, beforeMs: number, limit: number) =>
      batch[kind](beforeMs, limit),
    );
    this.purgeTx = (kind, beforeMs, limit) => run.immediate(kind, beforeMs, limit);
  }

  async purge(kind: RetentionKind, before: Date | string, limit: number): Promise<number> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`retention.purge: limit must be 1 or more, not ${limit}`);
    return this.purgeTx(kind, toEpochMs(before, "retention.purge before"), limit);
  }
}
