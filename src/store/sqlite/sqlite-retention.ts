import type Database from "better-sqlite3";
import type { Clock } from "../../shared/clock.js";
import type { RetentionKind, RetentionStore } from "../retention-store.js";
import { toEpochMs } from "../to-epoch-ms.js";

/** How many rows a scan reads at a time while it looks for rows past their window. */
const PAGE = 1_000;

/**
 * Retention on SQLite: each batch is one IMMEDIATE transaction that deletes at most `limit` rows.
 * Kinds with an indexed instant (`due_ms`, `at_ms`, `expires_ms`) delete by it; sent messages and
 * cards keep their instant only in the JSON or as ISO text, so their rows are scanned by id, a
 * page at a time, until `limit` are found.
 */
export class SqliteRetention implements RetentionStore {
  private readonly batch: Record<RetentionKind, (beforeMs: number, limit: number) => number>;

  constructor(db: Database.Database, clock: Clock) {
    const byStatement = (sql: string) => {
      const statement = db.prepare(sql);
      return (beforeMs: number, limit: number) => statement.run(beforeMs, limit).changes;
    };
    const sentPage = db.prepare(
      "SELECT id, sent_at AS at FROM outbox WHERE status = 'sent' AND id > ? ORDER BY id LIMIT ?",
    );
    const deleteSent = db.prepare("DELETE FROM outbox WHERE id = ? AND status = 'sent'");
    const cardPage = db.prepare(
      "SELECT card_id AS id, json FROM cards WHERE card_id > ? ORDER BY card_id LIMIT ?",
    );
    const deleteCard = db.prepare("DELETE FROM cards WHERE card_id = ?");
    const claims = byStatement(
      "DELETE FROM claims WHERE key IN (SELECT key FROM claims WHERE expires_ms <= ? LIMIT ?)",
    );
    this.batch = {
      "outbox-sent": (beforeMs, limit) =>
        scan<{ id: number; at: string }>(
          (after) => sentPage.all(after ?? 0, PAGE) as { id: number; at: string }[],
          (row) => Date.parse(row.at) < beforeMs,
          limit,
        ).reduce((sum, row) => sum + deleteSent.run(row.id).changes, 0),
      "outbox-dead": byStatement(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'dead' AND due_ms < ? ORDER BY due_ms, id LIMIT ?)",
      ),
      audit: byStatement(
        "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at_ms < ? ORDER BY at_ms, seq LIMIT ?)",
      ),
      cards: (beforeMs, limit) =>
        scan<{ id: string; json: string }>(
          (after) => cardPage.all(after ?? "", PAGE) as { id: string; json: string }[],
          (row) => Date.parse((JSON.parse(row.json) as { createdAt: string }).createdAt) < beforeMs,
          limit,
        ).reduce((sum, row) => sum + deleteCard.run(row.id).changes, 0),
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
      this.batch[kind](beforeMs, limit),
    );
    this.purgeTx = (kind, beforeMs, limit) => run.immediate(kind, beforeMs, limit);
  }

  private readonly purgeTx: (kind: RetentionKind, beforeMs: number, limit: number) => number;

  async purge(kind: RetentionKind, before: Date | string, limit: number): Promise<number> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`retention.purge: limit must be 1 or more, not ${limit}`);
    return this.purgeTx(kind, toEpochMs(before, "retention.purge before"), limit);
  }
}

/** Reads pages (each after the last row's id) and keeps the rows that pass, up to `limit`. */
function scan<Row extends { id: number | string }>(
  page: (after: Row["id"] | undefined) => Row[],
  past: (row: Row) => boolean,
  limit: number,
): Row[] {
  const found: Row[] = [];
  let after: Row["id"] | undefined;
  for (;;) {
    const rows = page(after);
    for (const row of rows) {
      if (past(row)) found.push(row);
      if (found.length === limit) return found;
    }
    if (rows.length < PAGE) return found;
    after = rows[rows.length - 1]?.id;
  }
}
