import type Database from "better-sqlite3";
import { checkClaimOptions } from "../check-claim-options.js";
import {
  type ClaimOptions,
  type NewOutboxMessage,
  newOutboxMessageSchema,
  type OutboxDeferral,
  type OutboxMessage,
  type OutboxStats,
  type OutboxStatus,
  type OutboxStore,
  outboxStatusSchema,
} from "../outbox-message.js";
import { RecordNotFoundError } from "../store-errors.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import { prepareOutboxUpdates } from "./prepare-outbox-updates.js";
import { type OutboxRow, toOutboxMessage, toOutboxRow } from "./sqlite-outbox-row.js";

/**
 * Each status's candidates come sorted from the (status, due_ms, id) index, the claimed ones from
 * the lease index (named: without statistics SQLite would read every claimed row through the
 * status index); the union is small.
 * The limit is written into the SQL (a whole number, checkClaimOptions): SQLite's planner reads a
 * bound LIMIT, so binding one makes it prepare the statement again at every claim, which cost
 * more than the claim's queries themselves.
 */
const claimable = (limit: number) => `
  SELECT id FROM (
    SELECT * FROM (SELECT id, due_ms FROM outbox WHERE status = 'pending' AND due_ms <= @now
                   ORDER BY due_ms, id LIMIT ${limit})
    UNION ALL
    SELECT * FROM (SELECT id, due_ms FROM outbox WHERE status = 'failed' AND due_ms <= @now
                   ORDER BY due_ms, id LIMIT ${limit})
    UNION ALL
    SELECT * FROM (SELECT id, due_ms FROM outbox INDEXED BY outbox_lease
                   WHERE status = 'claimed' AND lease_ms <= @now
                   ORDER BY due_ms, id LIMIT ${limit})
  ) ORDER BY due_ms, id LIMIT ${limit}`;

// The first of each status from its index: pending and failed by due time, claimed by lease end
// (the lease index named, as in the claim).
export const NEXT_DUE = `
  SELECT min(ms) FROM (
    SELECT * FROM (SELECT due_ms AS ms FROM outbox WHERE status = 'pending' ORDER BY due_ms LIMIT 1)
    UNION ALL
    SELECT * FROM (SELECT due_ms FROM outbox WHERE status = 'failed' ORDER BY due_ms LIMIT 1)
    UNION ALL
    SELECT * FROM (SELECT lease_ms FROM outbox INDEXED BY outbox_lease WHERE status = 'claimed'
                   ORDER BY lease_ms LIMIT 1)
  )`;

/** The outbox as one table; claiming is a select-then-update inside one write transaction. */
export class SqliteOutbox implements OutboxStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertNew: Database.Statement;
  private readonly idOfKey: Database.Statement;
  private readonly row: Database.Statement;
  private readonly claimTx: (now: number, options: ClaimOptions) => OutboxMessage[];
  private readonly updates: ReturnType<typeof prepareOutboxUpdates>;
  private readonly nextDue: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    this.insert = db.prepare(`
      INSERT INTO outbox (id, idempotency_key, channel, recipient, payload, not_before, created_at, status,
        attempts, deferrals, due_at, due_ms, claimed_by, lease_until, lease_ms, last_error, sent_at,
        platform_message_id, sending_since)
      VALUES (@id, @idempotency_key, @channel, @recipient, @payload, @not_before, @created_at, @status,
        @attempts, @deferrals, @due_at, @due_ms, @claimed_by, @lease_until, @lease_ms, @last_error, @sent_at,
        @platform_message_id, @sending_since)
      ON CONFLICT (idempotency_key) DO NOTHING`);
    // A new message binds its eight values by position: binding the nineteen columns of a whole row
    // by name took as long as the insert itself, and an answer is enqueued for most inbound events.
    this.insertNew = db.prepare(`
      INSERT INTO outbox (idempotency_key, channel, recipient, payload, not_before, created_at, status,
        attempts, due_at, due_ms)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
      ON CONFLICT (idempotency_key) DO NOTHING`);
    this.idOfKey = db.prepare("SELECT id FROM outbox WHERE idempotency_key = ?").pluck();
    this.row = db.prepare("SELECT * FROM outbox WHERE id = ?");
    // One statement per limit asked for (a dispatcher asks with one batch size).
    const candidates = new Map<number, Database.Statement>();
    const candidatesFor = (limit: number) => {
      let statement = candidates.get(limit);
      if (statement === undefined) {
        statement = db.prepare(claimable(limit)).pluck();
        candidates.set(limit, statement);
      }
      return statement;
    };
    const claim = db.prepare(`
      UPDATE outbox SET status = 'claimed', attempts = attempts + 1, claimed_by = @worker,
        lease_until = @leaseUntil, lease_ms = @leaseMs
      WHERE id = @id RETURNING *`);
    const tx = db.transaction((now: number, { limit, leaseMs, worker }: ClaimOptions) => {
      const leaseUntil = new Date(now + leaseMs).toISOString();
      const ids = candidatesFor(limit).all({ now }) as number[];
      return ids.map((id) =>
        toOutboxMessage(claim.get({ id, worker, leaseUntil, leaseMs: now + leaseMs }) as OutboxRow),
      );
    });
    this.claimTx = (now, options) => tx.immediate(now, options);
    this.updates = prepareOutboxUpdates(db);
    this.nextDue = db.prepare(NEXT_DUE).pluck();
  }

  async enqueue(message: NewOutboxMessage): Promise<{ id: number; created: boolean }> {
    const valid = validateInput(newOutboxMessageSchema, message, "outbox.enqueue");
    const id = this.enqueueSync(valid);
    if (id !== undefined) return { id, created: true };
    return { id: this.idOfKey.get(valid.idempotencyKey) as number, created: false };
  }

  /**
   * Enqueues a message validated by the caller, inside the caller's transaction (the inbox's
   * effects): its id, or undefined when its idempotency key is held already.
   */
  enqueueSync(valid: NewOutboxMessage): number | undefined {
    const dueMs = toEpochMs(valid.notBefore, "outbox.enqueue notBefore");
    const { idempotencyKey, channel, recipient, payload, notBefore, createdAt } = valid;
    const json = JSON.stringify(payload);
    const result = this.insertNew.run(
      idempotencyKey,
      channel,
      recipient,
      json,
      notBefore,
      createdAt,
      notBefore,
      dueMs,
    );
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  async claimDue(now: Date | string, options: ClaimOptions): Promise<OutboxMessage[]> {
    return this.claimTx(toEpochMs(now, "outbox.claimDue now"), checkClaimOptions(options));
  }

  async markSending(id: number, start: { at: string; worker: string }): Promise<boolean> {
    toEpochMs(start.at, "outbox.markSending at");
    return this.updates.sending.run({ id, ...start }).changes === 1;
  }

  async markSent(id: number, result: { platformMessageId: string; at: string }): Promise<boolean> {
    toEpochMs(result.at, "outbox.markSent at");
    return this.applied(id, this.updates.sent.run({ id, ...result }).changes, "markSent");
  }

  async markFailed(
    id: number,
    failure: { error: string; retryAt: string; worker?: string },
  ): Promise<boolean> {
    const dueMs = toEpochMs(failure.retryAt, "outbox.markFailed retryAt");
    const params = {
      id,
      error: failure.error,
      retryAt: failure.retryAt,
      dueMs,
      worker: failure.worker ?? null,
    };
    return this.applied(id, this.updates.failed.run(params).changes, "markFailed");
  }

  async defer(id: number, deferral: OutboxDeferral): Promise<boolean> {
    const dueMs = toEpochMs(deferral.until, "outbox.defer until");
    const params = {
      id,
      reason: deferral.reason,
      until: deferral.until,
      dueMs,
      worker: deferral.worker,
      answered: deferral.answered ? 1 : 0,
    };
    return this.applied(id, this.updates.deferred.run(params).changes, "defer");
  }

  async markDead(id: number, failure: { error: string; worker?: string }): Promise<boolean> {
    const params = { id, error: failure.error, worker: failure.worker ?? null };
    return this.applied(id, this.updates.dead.run(params).changes, "markDead");
  }

  async nextDueAt(): Promise<string | undefined> {
    const ms = this.nextDue.get() as number | null;
    return ms === null ? undefined : new Date(ms).toISOString();
  }

  async get(id: number): Promise<OutboxMessage | undefined> {
    const row = this.row.get(id) as OutboxRow | undefined;
    return row === undefined ? undefined : toOutboxMessage(row);
  }

  async findByKey(idempotencyKey: string): Promise<OutboxMessage | undefined> {
    const id = this.idOfKey.get(idempotencyKey) as number | undefined;
    return id === undefined ? undefined : this.get(id);
  }

  async findIdByKey(idempotencyKey: string): Promise<number | undefined> {
    return this.idOfKey.get(idempotencyKey) as number | undefined;
  }

  async requeue(id: number, options: { at: string; revive?: boolean }): Promise<boolean> {
    const params = { id, at: options.at, dueMs: toEpochMs(options.at, "outbox.requeue at") };
    let changes = this.updates.requeued.run(params).changes;
    if (changes === 0 && options.revive) changes = this.updates.revived.run(params).changes;
    return this.applied(id, changes, "requeue");
  }

  async list(filter: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxMessage[]> {
    return this.listSync(filter);
  }

  dumpSync(): OutboxMessage[] {
    return this.listSync({});
  }

  private listSync(filter: { status?: OutboxStatus; limit?: number }): OutboxMessage[] {
    if (filter.limit !== undefined && filter.limit <= 0) return [];
    const where = filter.status === undefined ? "" : "WHERE status = @status";
    const rows = this.db
      .prepare(`SELECT * FROM outbox ${where} ORDER BY id LIMIT @limit`)
      .all({ status: filter.status, limit: filter.limit ?? -1 }) as OutboxRow[];
    return rows.map(toOutboxMessage);
  }

  async stats(): Promise<OutboxStats> {
    const stats = Object.fromEntries(outboxStatusSchema.options.map((s) => [s, 0])) as OutboxStats;
    const rows = this.db.prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as {
      status: OutboxStatus;
      n: number;
    }[];
    for (const { status, n } of rows) stats[status] = n;
    return stats;
  }

  restoreSync(messages: OutboxMessage[]): void {
    for (const message of messages) this.insert.run(toOutboxRow(message));
  }

  /** True when the update applied; false when the message's state refused it; throws if unknown. */
  private applied(id: number, changes: number, what: string): boolean {
    if (changes === 1) return true;
    if (this.row.get(id) === undefined)
      throw new RecordNotFoundError(`outbox.${what}: no message with id ${id}`);
    return false;
  }
}
