import type { AuditStore } from "./audit-entry.js";
import type { BudgetStore } from "./budget-store.js";
import type { CardStore } from "./card-instance.js";
import type { OutageStore } from "./channel-outage.js";
import type { CounterStore } from "./counter-store.js";
import type { InboxStore } from "./inbox-entry.js";
import type { OverrideStore } from "./office-override.js";
import type { OutboxStore } from "./outbox-message.js";
import type { PeopleStore } from "./person-settings.js";
import type { ProgressStore } from "./progress-report.js";
import type { PromptStore } from "./prompt.js";
import type { RegistryStore } from "./registry-import.js";
import type { RetentionStore } from "./retention-store.js";
import type { StoreDump } from "./store-dump.js";
import type { RequestStore } from "./workflow-request.js";

/**
 * Everything Duban keeps, behind one interface with two implementations: SQLite (embedded, the
 * default) and Redis (several instances). Both pass the same contract suite
 * (test/contracts/store-contract.ts).
 *
 * Time: every instant the store compares (due times, leases, expiries, budget windows, audit
 * ranges) is passed in by the caller, so a virtual clock drives it. The TTLs of `claimOnce`/`claimMany` and locks are the
 * exception: they guard real concurrency and run on the store's own clock (SQLite: the clock
 * given to the store, the system clock by default; Redis: the server's clock, via PX).
 *
 * @example
 * const store = await openStore({ dataDir: "data", redisKeyPrefix: "duban:" });
 * const { id } = await store.outbox.enqueue({ idempotencyKey: "52/区人社局/2021-03/T-3/u1", … });
 * const batch = await store.outbox.claimDue(clock.now(), { limit: 20, leaseMs: 60_000, worker });
 */
export interface Store {
  readonly kind: "sqlite" | "redis";
  /** Where the data lives, safe to log: "sqlite:data/duban.sqlite", "redis://:***@host:6379 (duban:)". */
  readonly label: string;
  readonly registry: RegistryStore;
  readonly progress: ProgressStore;
  readonly requests: RequestStore;
  readonly outbox: OutboxStore;
  readonly cards: CardStore;
  readonly prompts: PromptStore;
  readonly people: PeopleStore;
  readonly audit: AuditStore;
  /** What the office changed in chat (mutes, local calendar days): a short list read whole. */
  readonly overrides: OverrideStore;
  /** Sending budgets shared by every instance (sliding windows, taken all or nothing). */
  readonly budgets: BudgetStore;
  /** Counters shared by every instance (a platform's monthly API quota): working state, not in dumps. */
  readonly counters: CounterStore;
  /** Channels in an outage (working state, like claims: not in dumps, erased by a replacing restore). */
  readonly outages: OutageStore;
  /** Removes what is past its retention window, in bounded batches (retention/retention-job.ts). */
  readonly retention: RetentionStore;
  /** Inbound events stored before they are acknowledged (working state, like claims: not in dumps). */
  readonly inbox: InboxStore;
  /** True for exactly one caller per `key` until `ttlMs` has passed (inbound dedupe). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /**
   * `claimOnce(key, ttlMs)` for each key, answered in order, in one transaction: one commit for
   * many claims (the WeCom route batches its callbacks' dedupe this way). A key repeated within
   * `keys` is true at most once, the first time. Rejects, claiming nothing, when the transaction
   * fails; `[]` for no keys.
   */
  claimMany(keys: readonly string[], ttlMs: number): Promise<boolean[]>;
  /** A token when the lock was free (or its holder's TTL ran out), null when it is held. */
  acquireLock(name: string, ttlMs: number): Promise<string | null>;
  /**
   * Sets the lock's TTL to `ttlMs` from now if `token` still holds it (so a long run keeps its
   * lock); false when the lock expired or is someone else's.
   */
  extendLock(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if `token` still holds it; false otherwise. */
  releaseLock(name: string, token: string): Promise<boolean>;
  /** A consistent copy of every record (not claims, locks or budget slots), in the dump's canonical order. */
  exportAll(): Promise<StoreDump>;
  /**
   * Loads a dump. Refuses (StoreConflictError) when the store holds any record, unless `replace`,
   * which first erases everything the store holds, claims, locks and budget slots included.
   */
  importAll(dump: StoreDump, options?: { replace?: boolean }): Promise<void>;
  /** True when the store holds no record (claims, locks and budget slots do not count). */
  isEmpty(): Promise<boolean>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
