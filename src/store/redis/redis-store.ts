import type { Redis } from "ioredis";
import { redactUrl } from "../redact-url.js";
import { sortDump } from "../sort-dump.js";
import type { Store } from "../store.js";
import { DUMP_FORMAT, DUMP_VERSION, type StoreDump } from "../store-dump.js";
import { StoreConflictError, StoreUnavailableError } from "../store-errors.js";
import { connectRedis, type RedisConnectOptions } from "./connect-redis.js";
import { RedisAudit } from "./redis-audit.js";
import { RedisBudgets } from "./redis-budgets.js";
import { RedisCards } from "./redis-cards.js";
import { RedisClaims } from "./redis-claims.js";
import { RedisCounters } from "./redis-counters.js";
import { RedisInbox } from "./redis-inbox.js";
import { RedisKeys } from "./redis-keys.js";
import { RedisOutages } from "./redis-outages.js";
import { RedisOutbox } from "./redis-outbox.js";
import { RedisOverrides } from "./redis-overrides.js";
import { RedisPeople } from "./redis-people.js";
import { RedisProgress } from "./redis-progress.js";
import { RedisPrompts } from "./redis-prompts.js";
import { RedisRegistry } from "./redis-registry.js";
import { RedisRequests } from "./redis-requests.js";
import { RedisRetention } from "./redis-retention.js";

/** Where the Redis store lives: the server and the key prefix. */
export interface RedisStoreOptions extends RedisConnectOptions {
  /** redis://[user:password@]host:port[/db], or rediss:// for TLS. */
  url: string;
  /** Put before every key, e.g. "duban:"; lets several deployments share one Redis. */
  keyPrefix: string;
}

/**
 * The store for several instances: one Redis (not Cluster, unless the prefix is a hash tag),
 * every multi-key change in one Lua script or MULTI, so that instances never see half a change.
 */
export class RedisStore implements Store {
  readonly kind = "redis" as const;
  readonly label: string;
  readonly registry: RedisRegistry;
  readonly progress: RedisProgress;
  readonly requests: RedisRequests;
  readonly outbox: RedisOutbox;
  readonly cards: RedisCards;
  readonly prompts: RedisPrompts;
  readonly people: RedisPeople;
  readonly audit: RedisAudit;
  readonly overrides: RedisOverrides;
  readonly budgets: RedisBudgets;
  readonly counters: RedisCounters;
  readonly outages: RedisOutages;
  readonly retention: RedisRetention;
  readonly inbox: RedisInbox;
  private readonly claims: RedisClaims;
  private readonly keys: RedisKeys;

  private constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions,
  ) {
    this.label = `${redactUrl(options.url)} (prefix ${options.keyPrefix})`;
    this.keys = new RedisKeys(options.keyPrefix);
    this.registry = new RedisRegistry(redis, this.keys);
    this.progress = new RedisProgress(redis, this.keys);
    this.requests = new RedisRequests(redis, this.keys);
    this.outbox = new RedisOutbox(redis, this.keys);
    this.cards = new RedisCards(redis, this.keys);
    this.prompts = new RedisPrompts(redis, this.keys);
    this.people = new RedisPeople(redis, this.keys);
    this.audit = new RedisAudit(redis, this.keys);
    this.overrides = new RedisOverrides(redis, this.keys);
    this.budgets = new RedisBudgets(redis, this.keys);
    this.counters = new RedisCounters(redis, this.keys);
    this.outages = new RedisOutages(redis, this.keys);
    this.claims = new RedisClaims(redis, this.keys);
    this.retention = new RedisRetention(redis, this.keys);
    this.inbox = new RedisInbox(redis, this.keys, { audit: this.audit, outbox: this.outbox });
  }

  /** Connects (failing fast with StoreUnavailableError) and returns the store. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    if (options.keyPrefix === "") throw new RangeError("RedisStore: keyPrefix must not be empty");
    return new RedisStore(await connectRedis(options.url, options), options);
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.claims.claimOnce(key, ttlMs);
  }

  claimMany(keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    return this.claims.claimMany(keys, ttlMs);
  }

  acquireLock(name: string, ttlMs: number): Promise<string | null> {
    return this.claims.acquireLock(name, ttlMs);
  }

  extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    return this.claims.extendLock(name, token, ttlMs);
  }

  releaseLock(name: string, token: string): Promise<boolean> {
    return this.claims.releaseLock(name, token);
  }

  /**
   * Reads section by section, not in one snapshot: each record is read whole, but a write made
   * during the export may or may not be in it. Stop the instances for a point-in-time backup.
   */
  async exportAll(): Promise<StoreDump> {
    return sortDump({
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      registry: await this.registry.dump(),
      progress: await this.progress.dump(),
      requests: await this.requests.list(),
      outbox: await this.outbox.dump(),
      cards: await this.cards.dump(),
      prompts: await this.prompts.dump(),
      people: await this.people.dump(),
      audit: await this.audit.dump(),
      overrides: await this.overrides.dump(),
    });
  }

  async importAll(dump: StoreDump, options: { replace?: boolean } = {}): Promise<void> {
    if (options.replace) await this.erase();
    else if (!(await this.isEmpty())) {
      throw new StoreConflictError(`${this.label} holds data already; restore only into an empty store.`);
    }
    const tx = this.redis.multi();
    this.registry.restore(tx, dump.registry);
    this.progress.restore(tx, dump.progress);
    this.requests.restore(tx, dump.requests);
    this.outbox.restore(tx, dump.outbox);
    this.cards.restore(tx, dump.cards);
    this.prompts.restore(tx, dump.prompts);
    this.people.restore(tx, dump.people);
    this.audit.restore(tx, dump.audit);
    this.overrides.restore(tx, dump.overrides);
    const results = (await tx.exec()) ?? [];
    const failed = results.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  async isEmpty(): Promise<boolean> {
    return (await this.redis.exists(...this.keys.recordIndexes())) === 0;
  }

  async ping(): Promise<void> {
    try {
      await this.redis.ping();
    } catch (cause) {
      throw new StoreUnavailableError(`${this.label}: does not answer (${(cause as Error).message}).`, {
        cause,
      });
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === "end") return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Deletes every key under the prefix, claims, locks and budget slots included. */
  private async erase(): Promise<void> {
    const stream = this.redis.scanStream({ match: this.keys.pattern(), count: 1000 });
    for await (const batch of stream as AsyncIterable<string[]>) {
      if (batch.length > 0) await this.redis.unlink(...batch);
    }
  }
}
