import type { Redis } from "ioredis";
import { checkTtl } from "../check-ttl.js";
import type {
  InboxAcceptOptions,
  InboxCompletion,
  InboxEntry,
  InboxRow,
  InboxStore,
} from "../inbox-entry.js";
import { APPEND_AUDIT_LUA, type RedisAudit } from "./redis-audit.js";
import type { RedisKeys } from "./redis-keys.js";
import type { RedisOutbox } from "./redis-outbox.js";
import { ENQUEUE_LUA } from "./redis-outbox-scripts.js";
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

// KEYS: pending zset, then the entry hashes. ARGV: the key prefix, worker, the audit's seq
// counter and entries hash, then for each entry: its key, its audit entries (count, then JSON, at
// ms, index count and indexes of each), its outbox messages (count, then key, due ms, field count
// and fields of each). A processed entry leaves the pending set and expires at the end of its
// dedupe window; its effects are written with it, and only when it was still the worker's.
const MARK_PROCESSED = new RedisScript(`${NOW}${ENQUEUE_LUA}${APPEND_AUDIT_LUA}
local out = {}
local a = 5
for i = 2, #KEYS do
  local entry = KEYS[i]
  local name = ARGV[a]
  a = a + 1
  local held = redis.call('HGET', entry, 'owner') == ARGV[2] and redis.call('HGET', entry, 'done') ~= '1'
  if held then
    redis.call('HSET', entry, 'done', '1')
    redis.call('HDEL', entry, 'owner', 'json')
    redis.call('ZREM', KEYS[1], name)
    local left = tonumber(redis.call('HGET', entry, 'received')) + tonumber(redis.call('HGET', entry, 'ttl')) - now
    if left < 1 then left = 1 end
    redis.call('PEXPIRE', entry, left)
    out[i - 1] = 1
  else
    out[i - 1] = 0
  end
  for _ = 1, tonumber(ARGV[a]) do
    local count = tonumber(ARGV[a + 3])
    if held then appendAudit(ARGV[3], ARGV[4], {unpack(ARGV, a + 4, a + 3 + count)}, ARGV[a + 1], ARGV[a + 2]) end
    a = a + 3 + count
  end
  a = a + 1
  for _ = 1, tonumber(ARGV[a]) do
    local count = tonumber(ARGV[a + 3])
    if held then enqueue(ARGV[a + 1], ARGV[a + 2], {unpack(ARGV, a + 4, a + 3 + count)}) end
    a = a + 3 + count
  end
  a = a + 1
end
return out
`);

/** What markProcessed needs of the audit and the outbox to write an event's effects in its script. */
export interface RedisEffectWriters {
  audit: Pick<RedisAudit, "appendKeys" | "appendArgs">;
  outbox: Pick<RedisOutbox, "enqueueArgs">;
}

/**
 * The inbox on Redis: one hash per entry (no expiry until processed, then the rest of its dedupe
 * window) and a sorted set of unprocessed keys scored by lease end. Each operation is one script,
 * atomic on the server.
 */
export class RedisInbox implements InboxStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly effects: RedisEffectWriters,
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

  async markProcessed(entries: readonly InboxCompletion[], worker: string): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const redisKeys = [this.pending, ...entries.map(({ key }) => this.entry(key))];
    const args: (string | number)[] = [this.keys.prefix, worker, ...this.effects.audit.appendKeys];
    for (const { key, effects } of entries) {
      args.push(key, effects?.audit.length ?? 0);
      for (const entry of effects?.audit ?? []) args.push(...this.effects.audit.appendArgs(entry));
      args.push(effects?.outbox.length ?? 0);
      for (const message of effects?.outbox ?? []) args.push(...this.effects.outbox.enqueueArgs(message));
    }
    const done = (await MARK_PROCESSED.run(this.redis, redisKeys, args)) as number[];
    return done.map((one) => one === 1);
  }

  /**
   * The two scripts, sent together (ioredis pipelines them on one connection): Redis has no commit
   * to share, and the accepted callbacks and handled events in them do not depend on each other.
   */
  async acceptAndMark(
    accept: readonly InboxEntry[],
    processed: readonly InboxCompletion[],
    options: InboxAcceptOptions,
  ): Promise<{ accepted: boolean[]; processed: boolean[] }> {
    const [accepted, marked] = await Promise.all([
      this.accept(accept, options),
      this.markProcessed(processed, options.worker),
    ]);
    return { accepted, processed: marked };
  }

  async pendingCount(): Promise<number> {
    return this.redis.zcard(this.pending);
  }
}
