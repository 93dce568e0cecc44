import type Database from "better-sqlite3";
import { type Clock, systemClock } from "../../shared/clock.js";
import { sortDump } from "../sort-dump.js";
import type { Store } from "../store.js";
import { DUMP_FORMAT, DUMP_VERSION, type StoreDump } from "../store-dump.js";
import { StoreConflictError, StoreUnavailableError } from "../store-errors.js";
import { type BackgroundCheckpoints, startBackgroundCheckpoints } from "./background-checkpoints.js";
import { openSqliteDatabase, type SqliteOpenOptions } from "./open-sqlite-database.js";
import { SqliteAudit } from "./sqlite-audit.js";
import { SqliteBudgets } from "./sqlite-budgets.js";
import { SqliteCards } from "./sqlite-cards.js";
import { SqliteClaims } from "./sqlite-claims.js";
import { SqliteCounters } from "./sqlite-counters.js";
import { SqliteInbox } from "./sqlite-inbox.js";
import { SqliteOutages } from "./sqlite-outages.js";
import { SqliteOutbox } from "./sqlite-outbox.js";
import { SqliteOverrides } from "./sqlite-overrides.js";
import { SqlitePeople } from "./sqlite-people.js";
import { SqliteProgress } from "./sqlite-progress.js";
import { SqlitePrompts } from "./sqlite-prompts.js";
import { SqliteRegistry } from "./sqlite-registry.js";
import { SqliteRequests } from "./sqlite-requests.js";
import { SqliteRetention } from "./sqlite-retention.js";

const RECORD_TABLES = [
  "registry_current",
  "registry_imports",
  "registry_tasks",
  "assignments",
  "progress",
  "requests",
  "outbox",
  "cards",
  "prompts",
  "people",
  "audit",
  "overrides",
];
/** Working state that guards work in flight: not records, erased by a replacing restore. */
const WORKING_TABLES = ["claims", "locks", "budget_slots", "channel_outages", "inbox", "counters"];

/** Where the SQLite store lives, and the clock its TTLs run on. */
export interface SqliteStoreOptions extends SqliteOpenOptions {
  /** The data file, e.g. data/duban.sqlite. */
  path: string;
  /** Runs the TTLs of claims and locks; the system clock unless a test injects one. */
  clock?: Clock;
  /**
   * For a long-running service: WAL checkpoints in a thread of their own, off the event loop
   * (background-checkpoints.ts); told of a checkpoint that failed. Without it, SQLite checkpoints
   * inside the commits, as a one-shot command wants.
   */
  backgroundCheckpoints?: { onError(message: string): void };
}

/**
 * The embedded store: one SQLite file in WAL mode. Safe for several processes on one machine
 * (every write is an IMMEDIATE transaction); not for a network file system.
 */
export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly label: string;
  readonly registry: SqliteRegistry;
  readonly progress: SqliteProgress;
  readonly requests: SqliteRequests;
  readonly outbox: SqliteOutbox;
  readonly cards: SqliteCards;
  readonly prompts: SqlitePrompts;
  readonly people: SqlitePeople;
  readonly audit: SqliteAudit;
  readonly overrides: SqliteOverrides;
  readonly budgets: SqliteBudgets;
  readonly counters: SqliteCounters;
  readonly outages: SqliteOutages;
  readonly retention: SqliteRetention;
  readonly inbox: SqliteInbox;
  private readonly db: Database.Database;
  private readonly claims: SqliteClaims;
  private readonly checkpoints: BackgroundCheckpoints | undefined;

  constructor(options: SqliteStoreOptions) {
    this.label = `sqlite:${options.path}`;
    this.db = openSqliteDatabase(options.path, options);
    this.registry = new SqliteRegistry(this.db);
    this.progress = new SqliteProgress(this.db);
    this.requests = new SqliteRequests(this.db);
    this.outbox = new SqliteOutbox(this.db);
    this.cards = new SqliteCards(this.db);
    this.prompts = new SqlitePrompts(this.db);
    this.people = new SqlitePeople(this.db);
    this.audit = new SqliteAudit(this.db);
    this.overrides = new SqliteOverrides(this.db);
    this.budgets = new SqliteBudgets(this.db);
    this.counters = new SqliteCounters(this.db);
    this.outages = new SqliteOutages(this.db);
    this.claims = new SqliteClaims(this.db, options.clock ?? systemClock);
    this.retention = new SqliteRetention(this.db, options.clock ?? systemClock);
    this.inbox = new SqliteInbox(this.db, options.clock ?? systemClock, (effects) => {
      for (const entry of effects.audit) this.audit.appendSync(entry);
      for (const message of effects.outbox) this.outbox.enqueueSync(message);
    });
    // An in-memory database has no WAL, and no other connection could reach it.
    this.checkpoints =
      options.backgroundCheckpoints && options.path !== ":memory:"
        ? startBackgroundCheckpoints(this.db, options.backgroundCheckpoints.onError)
        : undefined;
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.claims.claimOnce(key, ttlMs);
  }

  async claimMany(keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    return this.claims.claimMany(keys, ttlMs);
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | null> {
    return this.claims.acquireLock(name, ttlMs);
  }

  async extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    return this.claims.extendLock(name, token, ttlMs);
  }

  async releaseLock(name: string, token: string): Promise<boolean> {
    return this.claims.releaseLock(name, token);
  }

  async exportAll(): Promise<StoreDump> {
    // One read transaction: in WAL mode it sees a single snapshot, whatever other processes write.
    const read = this.db.transaction(
      (): StoreDump => ({
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        registry: this.registry.dumpSync(),
        progress: this.progress.dumpSync(),
        requests: this.requests.dumpSync(),
        outbox: this.outbox.dumpSync(),
        cards: this.cards.dumpSync(),
        prompts: this.prompts.dumpSync(),
        people: this.people.dumpSync(),
        audit: this.audit.dumpSync(),
        overrides: this.overrides.dumpSync(),
      }),
    );
    return sortDump(read.deferred());
  }

  async importAll(dump: StoreDump, options: { replace?: boolean } = {}): Promise<void> {
    const load = this.db.transaction(() => {
      if (options.replace) {
        for (const table of [...RECORD_TABLES, ...WORKING_TABLES]) this.db.exec(`DELETE FROM ${table}`);
        this.db.exec("DELETE FROM sqlite_sequence");
      } else if (!this.isEmptySync()) {
        throw new StoreConflictError(`${this.label} holds data already; restore only into an empty store.`);
      }
      this.registry.restoreSync(dump.registry);
      this.progress.restoreSync(dump.progress);
      this.requests.restoreSync(dump.requests);
      this.outbox.restoreSync(dump.outbox);
      this.cards.restoreSync(dump.cards);
      this.prompts.restoreSync(dump.prompts);
      this.people.restoreSync(dump.people);
      this.audit.restoreSync(dump.audit);
      this.overrides.restoreSync(dump.overrides);
    });
    load.immediate();
  }

  async isEmpty(): Promise<boolean> {
    return this.isEmptySync();
  }

  async ping(): Promise<void> {
    try {
      this.db.prepare("SELECT 1").get();
    } catch (cause) {
      throw new StoreUnavailableError(`${this.label}: does not answer (${(cause as Error).message}).`, {
        cause,
      });
    }
  }

  /**
   * Runs `work` with every write it makes inside one transaction, committed when it ends, whether
   * it returns or throws: what it wrote stays, as it would have one statement at a time (the
   * transactions within it become savepoints, and roll back by themselves). Each commit costs
   * about as much as a small write; a caller that makes many writes in a row, and owns the store
   * alone meanwhile (the simulation's in-memory copy), saves one commit for each. Not for a store
   * that other processes write: it holds the write lock until `work` ends.
   */
  async inOneTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return work();
    this.db.exec("BEGIN IMMEDIATE");
    try {
      return await work();
    } finally {
      if (this.db.inTransaction) this.db.exec("COMMIT");
    }
  }

  async close(): Promise<void> {
    await this.checkpoints?.stop();
    if (this.db.open) this.db.close();
  }

  private isEmptySync(): boolean {
    const any = RECORD_TABLES.map((table) => `EXISTS (SELECT 1 FROM ${table})`).join(" OR ");
    return this.db.prepare(`SELECT ${any}`).pluck().get() === 0;
  }
}
