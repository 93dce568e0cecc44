import type Database from "better-sqlite3";
import {
  type AuditEntry,
  type AuditQuery,
  type AuditStore,
  type NewAuditEntry,
  newAuditEntrySchema,
} from "../audit-entry.js";
import { capStoredText } from "../cap-stored-text.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";

const CONDITIONS = {
  taskNo: "task_no = @taskNo",
  unit: "unit = @unit",
  person: "person = @person",
  from: "at_ms >= @from",
  to: "at_ms < @to",
};

/** The audit log as an append-only table, indexed by time and by task, unit and person. */
export class SqliteAudit implements AuditStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    this.insert = db.prepare(
      // By position: binding by name costs a property lookup per column, on every inbound event.
      "INSERT INTO audit (seq, at_ms, task_no, unit, person, json) VALUES (?, ?, ?, ?, ?, ?)",
    );
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const valid = capStoredText(validateInput(newAuditEntrySchema, entry, "audit.append"));
    const seq = Number(this.insertSync(valid, null));
    return { ...valid, seq };
  }

  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.querySync(query);
  }

  dumpSync(): AuditEntry[] {
    return this.querySync({}).sort((a, b) => a.seq - b.seq);
  }

  private querySync(query: AuditQuery): AuditEntry[] {
    const params: Record<string, unknown> = {
      taskNo: query.taskNo,
      unit: query.unit,
      person: query.person,
      from: query.from === undefined ? undefined : toEpochMs(query.from, "audit.query from"),
      to: query.to === undefined ? undefined : toEpochMs(query.to, "audit.query to"),
    };
    const where = Object.entries(CONDITIONS)
      .filter(([name]) => params[name] !== undefined)
      .map(([, condition]) => condition);
    const dir = query.order === "desc" ? "DESC" : "ASC";
    const sql =
      `SELECT seq, json FROM audit ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ` +
      `ORDER BY at_ms ${dir}, seq ${dir} LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ ...params, limit: query.limit ?? -1 }) as {
      seq: number;
      json: string;
    }[];
    return rows.map(({ seq, json }) => ({ ...(JSON.parse(json) as NewAuditEntry), seq }));
  }

  /** Appends an entry validated and capped by the caller, inside the caller's transaction (the inbox's effects). */
  appendSync(entry: NewAuditEntry): void {
    this.insertSync(entry, null);
  }

  restoreSync(entries: AuditEntry[]): void {
    for (const { seq, ...entry } of entries) this.insertSync(entry, seq);
  }

  private insertSync(entry: NewAuditEntry, seq: number | null): number | bigint {
    const atMs = toEpochMs(entry.at, "audit.append at");
    const { taskNo = null, unit = null, person = null } = entry;
    return this.insert.run(seq, atMs, taskNo, unit, person, JSON.stringify(entry)).lastInsertRowid;
  }
}
