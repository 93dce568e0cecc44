import type { Redis } from "ioredis";
import type { BudgetEntry, BudgetStore, BudgetTakeResult } from "../budget-store.js";
import { checkBudgetEntries } from "../check-budget-entries.js";
import { toEpochMs } from "../to-epoch-ms.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

/*
 * KEYS: the slot counter, then one sorted set per entry (score: the caller's time in ms; member:
 * a slot number, so slots taken in the same millisecond stay apart). ARGV: now ms, then limit and
 * window ms per entry. Purges each set's expired slots, and refuses when any window is full,
 * naming the one that frees up last (ties: the earlier entry); else adds a slot to every set and
 * lets each set expire a window after its newest slot (an idle key's memory comes back).
 * Returns {1} or {0, retry at ms, entry index}.
 */
const TAKE = new RedisScript(`
local now = tonumber(ARGV[1])
local retryAt, refused = nil, 0
for i = 2, #KEYS do
  local limit, window = tonumber(ARGV[2 * i - 2]), tonumber(ARGV[2 * i - 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    local slot = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    local at = tonumber(slot[2]) + window
    if retryAt == nil or at > retryAt then retryAt, refused = at, i - 1 end
  end
end
if retryAt then return {0, retryAt, refused} end
local slot = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], now, slot)
  redis.call('PEXPIRE', KEYS[i], ARGV[2 * i - 1])
end
return {1}
`);

/** Budgets as one sorted set per key; a take is one Lua script, so instances never both take a last slot. */
export class RedisBudgets implements BudgetStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async take(entries: readonly BudgetEntry[], now: Date | string): Promise<BudgetTakeResult> {
    const nowMs = toEpochMs(now, "budgets.take now");
    if (checkBudgetEntries(entries).length === 0) return { ok: true };
    const keys = [this.keys.key("budget:seq"), ...entries.map((e) => this.keys.key(`budget:k:${e.key}`))];
    const args = [nowMs, ...entries.flatMap((e) => [e.limit, e.windowMs])];
    const [ok, retryAtMs, index] = (await TAKE.run(this.redis, keys, args)) as number[];
    if (ok === 1) return { ok: true };
    const key = entries[(index ?? 1) - 1]?.key ?? "";
    return { ok: false, retryAt: new Date(retryAtMs ?? nowMs).toISOString(), key };
  }
}
