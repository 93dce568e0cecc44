import type Database from "better-sqlite3";
import type { Clock } from "../../shared/clock.js";
import { checkTtl } from "../check-ttl.js";
import type {
  InboxAcceptOptions,
  InboxCompletion,
  InboxEffects,
  InboxEntry,
  InboxRow,
  InboxStore,
} from "../inbox-entry.js";

/**
 * How long `accept` waits for another connection's write lock. WeCom gives up on a callback after
 * 5 s and retries it; better to answer 503 within a second (the caller's 5xx) than to freeze the
 * event loop for the connection's whole busy timeout while WeCom has stopped listening.
 */
const ACCEPT_BUSY_MS = 1_000;

/** Processed entries past their dedupe window, removed a bounded batch at a time by `accept`. */
const PURGE_BATCH = 200;

/**
 * The inbox on SQLite: one row per event. `accept` is one IMMEDIATE transaction for a whole batch
 * of callbacks (one WAL commit), so the acknowledgement waits for one commit, not one per event;
 * `markProcessed` likewise, with every handled event's audit entries and outbox messages.
 * Leases run on the store's clock, as claims do.
 */
export class SqliteInbox implements InboxStore {
  private readonly acceptTx: (
    entries: readonly InboxEntry[],
    now: number,
    o: InboxAcceptOptions,
  ) => boolean[];
  private readonly claimTx: (now: number, limit: number, leaseMs: number, worker: string) => InboxRow[];
  private readonly markTx: (entries: readonly InboxCompletion[], now: number, worker: string) => boolean[];
  private readonly bothTx: (
    accepted: readonly InboxEntry[],
    processed: readonly InboxCompletion[],
    now: number,
    o: InboxAcceptOptions,
  ) => { accepted: boolean[]; processed: boolean[] };
  private readonly pending: Database.Statement;

  /**
   * `writeEffects` appends an event's audit entries and outbox messages on the same connection,
   * synchronously, so that they share the transaction that marks the event processed.
   */
  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    writeEffects: (effects: InboxEffects) => void,
  ) {
    const purge = db.prepare(
      `DELETE FROM inbox WHERE key IN (SELECT key FROM inbox
         WHERE processed_ms IS NOT NULL AND expires_ms <= ? LIMIT ${PURGE_BATCH})`,
    );
    const insert = db.prepare(
      `INSERT INTO inbox (key, json, received_ms, expires_ms, attempts, lease_owner, lease_ms)
       VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (key) DO NOTHING`,
    );
    const acceptRows = (entries: readonly InboxEntry[], now: number, o: InboxAcceptOptions) => {
      purge.run(now);
      const expires = now + o.ttlMs;
      const lease = now + o.leaseMs;
      return entries.map(
        (entry) =>
          insert.run(entry.key, JSON.stringify(entry.event), now, expires, o.worker, lease).changes === 1,
      );
    };
    const accept = db.transaction(acceptRows);
    const previous = Number(db.pragma("busy_timeout", { simple: true }));
    const shortWait = db.prepare(`PRAGMA busy_timeout = ${Math.min(ACCEPT_BUSY_MS, previous)}`);
    const usualWait = db.prepare(`PRAGMA busy_timeout = ${previous}`);
    // The callbacks in an accept wait for its answer: the lock is not waited for long.
    const withShortWait = <T>(write: () => T): T => {
      shortWait.get();
      try {
        return write();
      } finally {
        usualWait.get();
      }
    };
    this.acceptTx = (entries, now, o) => withShortWait(() => accept.immediate(entries, now, o));
    const stale = db.prepare(
      `SELECT key, json, received_ms AS receivedMs, attempts FROM inbox
       WHERE processed_ms IS NULL AND lease_ms <= ? ORDER BY received_ms, key LIMIT ?`,
    );
    const lease = db.prepare(
      "UPDATE inbox SET lease_owner = ?, lease_ms = ?, attempts = attempts + 1 WHERE key = ?",
    );
    const claim = db.transaction((now: number, limit: number, leaseMs: number, worker: string) =>
      (stale.all(now, limit) as { key: string; json: string; receivedMs: number; attempts: number }[]).map(
        (row): InboxRow => {
          lease.run(worker, now + leaseMs, row.key);
          return {
            key: row.key,
            event: JSON.parse(row.json),
            receivedAt: new Date(row.receivedMs).toISOString(),
            attempts: row.attempts + 1,
          };
        },
      ),
    );
    // Looked at first without the write lock (WAL readers never wait): the sweep runs every few
    // seconds and nearly always finds nothing, so it need not queue for the lock to learn that.
    const anyStale = db
      .prepare("SELECT EXISTS (SELECT 1 FROM inbox WHERE processed_ms IS NULL AND lease_ms <= ?)")
      .pluck();
    this.claimTx = (now, limit, leaseMs, worker) =>
      anyStale.get(now) === 1 ? claim.immediate(now, limit, leaseMs, worker) : [];
    // A processed entry is kept for its dedupe window by its key alone, as on Redis: the event
    // (a person's message, up to the body cap) is never read again once handled.
    const mark = db.prepare(
      `UPDATE inbox SET processed_ms = ?, lease_owner = NULL, lease_ms = NULL, json = ''
       WHERE key = ? AND lease_owner = ? AND processed_ms IS NULL`,
    );
    const markRows = (entries: readonly InboxCompletion[], now: number, worker: string) =>
      entries.map(({ key, effects }) => {
        const held = mark.run(now, key, worker).changes === 1;
        if (held && effects) writeEffects(effects);
        return held;
      });
    const markAll = db.transaction(markRows);
    this.markTx = (entries, now, worker) => markAll.immediate(entries, now, worker);
    // The plain functions, not the transactions above: nested, those would each open a savepoint,
    // and SQLite then copies every page the marks' effects touch to a statement journal (a temp
    // file) in case of a rollback to it, which nothing here asks for: the commit is whole or not at
    // all. Measured with 13 receipts and 13 marks (an audit entry and an answer each) a commit:
    // 35 µs of CPU per event instead of 43.
    const both = db.transaction(
      (
        accepted: readonly InboxEntry[],
        processed: readonly InboxCompletion[],
        now: number,
        o: InboxAcceptOptions,
      ) => ({ accepted: acceptRows(accepted, now, o), processed: markRows(processed, now, o.worker) }),
    );
    this.bothTx = (accepted, processed, now, o) =>
      withShortWait(() => both.immediate(accepted, processed, now, o));
    this.pending = db.prepare("SELECT COUNT(*) FROM inbox WHERE processed_ms IS NULL").pluck();
  }

  async accept(entries: readonly InboxEntry[], options: InboxAcceptOptions): Promise<boolean[]> {
    checkAcceptOptions(options, "inbox.accept");
    return entries.length === 0 ? [] : this.acceptTx(entries, this.now(), options);
  }

  async claimStale(options: { limit: number; leaseMs: number; worker: string }): Promise<InboxRow[]> {
    checkTtl(options.leaseMs, "inbox.claimStale leaseMs");
    return this.claimTx(this.now(), options.limit, options.leaseMs, options.worker);
  }

  async markProcessed(entries: readonly InboxCompletion[], worker: string): Promise<boolean[]> {
    return entries.length === 0 ? [] : this.markTx(entries, this.now(), worker);
  }

  async acceptAndMark(
    accept: readonly InboxEntry[],
    processed: readonly InboxCompletion[],
    options: InboxAcceptOptions,
  ): Promise<{ accepted: boolean[]; processed: boolean[] }> {
    checkAcceptOptions(options, "inbox.acceptAndMark");
    return this.bothTx(accept, processed, this.now(), options);
  }

  async pendingCount(): Promise<number> {
    return this.pending.get() as number;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function checkAcceptOptions(options: InboxAcceptOptions, what: string): void {
  checkTtl(options.ttlMs, `${what} ttlMs`);
  checkTtl(options.leaseMs, `${what} leaseMs`);
}
