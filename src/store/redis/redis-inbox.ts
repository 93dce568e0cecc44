import type { Redis } from "ioredis";
import { checkTtl } from "../check-ttl.js";
import type { InboxAcceptOptions, InboxEntry, InboxRow, InboxStore } from "../inbox-entry.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// Every script reads the server's clock, so that all instances agree on leases (as with PX).
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// KEYS: pending zset, then one entry hash per entry. ARGV: ttl, lease, worker, then key and JSON
// per entry. A new entry is stored and leased (pending score = lease end); a held key answers 0.
const ACCEPT = new RedisScript(`${NOW}
local out = {}
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    out[i - 1] = 0
  else
    redis.call('HSET', KEYS[i], 'json', ARGV[2 + 2 * (i - 1) + 1], 'received', now, 'ttl', ARGV[1],
      'attempts', 1, 'owner', ARGV[3])
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[2 + 2 * (i - 1)])
    out[i - 1] = 1
  end
end
return out
`);

// KEYS: pending zset. ARGV: the entry keys' prefix, limit, lease, worker. Leases the entries whose
// lease is over; answers key, JSON, received, attempts for each.
const CLAIM_STALE = new RedisScript(`${NOW}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, member in ipairs(due) do
  local entry = ARGV[1] .. member
  local json = redis.call('HGET', entry, 'json')
  if not json then
    redis.call('ZREM', KEYS[1], member)
  else
    local attempts = redis.call('HINCRBY', entry, 'attempts', 1)
    redis.call('HSET', entry, 'owner', ARGV[4])
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), member)
    table.insert(out, member)
    table.insert(out, json)
    table.insert(out, redis.call('HGET', entry, 'received'))
    table.insert(out, attempts)
  end
end
return out
`);

// KEYS: pending zset, then the entry hashes. ARGV: worker, then the keys. A processed entry
// leaves the pending set and expires at the end of its dedupe window.
const MARK_PROCESSED = new RedisScript(`${NOW}
local out = {}
for i = 2, #KEYS do
  local entry = KEYS[i]
  if redis.call('HGET', entry, 'owner') == ARGV[1] and redis.call('HGET', entry, 'done') ~= '1' then
    redis.call('HSET', entry, 'done', '1')
    redis.call('HDEL', entry, 'owner', 'json')
    redis.call('ZREM', KEYS[1], ARGV[i])
    local left = tonumber(redis.call('HGET', entry, 'received')) + tonumber(redis.call('HGET', entry, 'ttl')) - now
    if left < 1 then left = 1 end
    redis.call('PEXPIRE', entry, left)
    out[i - 1] = 1
  else
    out[i - 1] = 0
  end
end
return out
`);

/**
 * The inbox on Redis: one hash per entry (no expiry until processed, then the rest of its dedupe
 * window) and a sorted set of unprocessed keys scored by lease end. Each operation is one script,
 * atomic on the server.
 */
export class RedisInbox implements InboxStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  private get pending(): string {
    return this.keys.key("inbox:pending");
  }

  private entry(key: string): string {
    return this.keys.key(`inbox:e:${key}`);
  }

  async accept(entries: readonly InboxEntry[], options: InboxAcceptOptions): Promise<boolean[]> {
    const ttl = checkTtl(options.ttlMs, "inbox.accept ttlMs");
    const lease = checkTtl(options.leaseMs, "inbox.accept leaseMs");
    if (entries.length === 0) return [];
    const args: (string | number)[] = [ttl, lease, options.worker];
    for (const entry of entries) args.push(entry.key, JSON.stringify(entry.event));
    const keys = [this.pending, ...entries.map((entry) => this.entry(entry.key))];
    return ((await ACCEPT.run(this.redis, keys, args)) as number[]).map((one) => one === 1);
  }

  async claimStale(options: { limit: number; leaseMs: number; worker: string }): Promise<InboxRow[]> {
    const lease = checkTtl(options.leaseMs, "inbox.claimStale leaseMs");
    const flat = (await CLAIM_STALE.run(
      this.redis,
      [this.pending],
      [this.entry(""), options.limit, lease, options.worker],
    )) as (string | number)[];
    const rows: InboxRow[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      rows.push({
        key: String(flat[i]),
        event: JSON.parse(String(flat[i + 1])),
        receivedAt: new Date(Number(flat[i + 2])).toISOString(),
        attempts: Number(flat[i + 3]),
      });
    }
    return rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.key.localeCompare(b.key));
  }

  async markProcessed(keys: readonly string[], worker: string): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const redisKeys = [this.pending, ...keys.map((key) => this.entry(key))];
    const done = (await MARK_PROCESSED.run(this.redis, redisKeys, [worker, ...keys])) as number[];
    return done.map((one) => one === 1);
  }

  async pendingCount(): Promise<number> {
    return this.redis.zcard(this.pending);
  }
}
