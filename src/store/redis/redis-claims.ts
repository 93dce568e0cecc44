import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { checkTtl } from "../check-ttl.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// Deletes the lock only if the token still holds it. KEYS: the lock. ARGV: token.
const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

// Renews the lock's TTL only if the token still holds it. KEYS: the lock. ARGV: token, ttl ms.
const EXTEND = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

// claimOnce's SET NX PX for every key, in order, atomically and in one round trip; a key repeated
// in KEYS finds itself already set, so it is claimed once. KEYS: the claims. ARGV: ttl ms.
const CLAIM_MANY = new RedisScript(`
local claimed = {}
for i, key in ipairs(KEYS) do
  claimed[i] = redis.call('SET', key, '1', 'NX', 'PX', ARGV[1]) and 1 or 0
end
return claimed
`);

/**
 * `claimOnce`, `claimMany` and locks as SET NX PX: the TTL runs on the Redis server's clock, so every
 * instance agrees on when a claim or lock expires.
 */
export class RedisClaims {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs, "claimOnce");
    return (await this.redis.set(this.keys.key(`claim:${key}`), "1", "PX", ttl, "NX")) === "OK";
  }

  async claimMany(keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    const ttl = checkTtl(ttlMs, "claimMany");
    if (keys.length === 0) return [];
    const claimKeys = keys.map((key) => this.keys.key(`claim:${key}`));
    const claimed = (await CLAIM_MANY.run(this.redis, claimKeys, [ttl])) as number[];
    return claimed.map((one) => one === 1);
  }

  async acquireLock(name: string, ttlMs: number): Promise<string | null> {
    const ttl = checkTtl(ttlMs, "acquireLock");
    const token = randomUUID();
    const ok = await this.redis.set(this.keys.key(`lock:${name}`), token, "PX", ttl, "NX");
    return ok === "OK" ? token : null;
  }

  async extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs, "extendLock");
    return (await EXTEND.run(this.redis, [this.keys.key(`lock:${name}`)], [token, ttl])) === 1;
  }

  async releaseLock(name: string, token: string): Promise<boolean> {
    return (await RELEASE.run(this.redis, [this.keys.key(`lock:${name}`)], [token])) === 1;
  }
}
