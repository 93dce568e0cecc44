import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Clock } from "../../shared/clock.js";
import { checkTtl } from "../check-ttl.js";

/**
 * `claimOnce`, `claimMany` and locks on SQLite. Their TTLs run on the store's clock (the system clock unless
 * one is injected): they guard real concurrency between processes, not business time.
 */
export class SqliteClaims {
  private readonly claimTx: (key: string, now: number, ttlMs: number) => boolean;
  private readonly claimManyTx: (keys: readonly string[], now: number, ttlMs: number) => boolean[];
  private readonly lockTx: (name: string, token: string, now: number, ttlMs: number) => boolean;
  private readonly release: Database.Statement;
  private readonly extend: Database.Statement;
  private readonly clock: Clock;

  constructor(db: Database.Database, clock: Clock) {
    this.clock = clock;
    const purge = db.prepare("DELETE FROM claims WHERE expires_ms <= ?");
    const claim = db.prepare(
      "INSERT INTO claims (key, expires_ms) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
    );
    const claimTx = db.transaction((key: string, now: number, ttlMs: number): boolean => {
      purge.run(now);
      return claim.run(key, now + ttlMs).changes === 1;
    });
    this.claimTx = (key, now, ttlMs) => claimTx.immediate(key, now, ttlMs);
    // The same purge and insert as claimOnce, in one transaction: one WAL commit for all the keys.
    // A repeated key hits ON CONFLICT the second time, so it is true once; a throw rolls all back.
    const claimManyTx = db.transaction((keys: readonly string[], now: number, ttlMs: number): boolean[] => {
      purge.run(now);
      return keys.map((key) => claim.run(key, now + ttlMs).changes === 1);
    });
    this.claimManyTx = (keys, now, ttlMs) => claimManyTx.immediate(keys, now, ttlMs);
    const expire = db.prepare("DELETE FROM locks WHERE name = ? AND expires_ms <= ?");
    const lock = db.prepare(
      "INSERT INTO locks (name, token, expires_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
    );
    const lockTx = db.transaction((name: string, token: string, now: number, ttlMs: number): boolean => {
      expire.run(name, now);
      return lock.run(name, token, now + ttlMs).changes === 1;
    });
    this.lockTx = (name, token, now, ttlMs) => lockTx.immediate(name, token, now, ttlMs);
    this.release = db.prepare("DELETE FROM locks WHERE name = ? AND token = ? AND expires_ms > ?");
    this.extend = db.prepare(
      "UPDATE locks SET expires_ms = @now + @ttlMs WHERE name = @name AND token = @token AND expires_ms > @now",
    );
  }

  claimOnce(key: string, ttlMs: number): boolean {
    return this.claimTx(key, this.clock.now().getTime(), checkTtl(ttlMs, "claimOnce"));
  }

  claimMany(keys: readonly string[], ttlMs: number): boolean[] {
    const ttl = checkTtl(ttlMs, "claimMany");
    // No keys, no write lock: nothing to purge for.
    return keys.length === 0 ? [] : this.claimManyTx(keys, this.clock.now().getTime(), ttl);
  }

  acquireLock(name: string, ttlMs: number): string | null {
    const token = randomUUID();
    return this.lockTx(name, token, this.clock.now().getTime(), checkTtl(ttlMs, "acquireLock"))
      ? token
      : null;
  }

  extendLock(name: string, token: string, ttlMs: number): boolean {
    const params = { name, token, now: this.clock.now().getTime(), ttlMs: checkTtl(ttlMs, "extendLock") };
    return this.extend.run(params).changes === 1;
  }

  releaseLock(name: string, token: string): boolean {
    return this.release.run(name, token, this.clock.now().getTime()).changes === 1;
  }
}
