import type { Redis } from "ioredis";
import { checkCounterAdd } from "../check-counter-add.js";
import type { CounterStore } from "../counter-store.js";
import { toEpochMs } from "../to-epoch-ms.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

/*
 * KEYS: the totals (a hash), the keep-until instants (a sorted set, score ms). ARGV: now ms, the
 * counter's key, the increment, keep-until ms. Forgets counters kept until now or earlier, then
 * adds, keeping the later keep-until; returns the new total. Expiry runs on the caller's clock
 * (Redis' own PEXPIREAT would run on the server's, and a virtual clock would mean nothing to it).
 */
const ADD = new RedisScript(`
local now = tonumber(ARGV[1])
local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
if #gone > 0 then
  redis.call('HDEL', KEYS[1], unpack(gone))
  redis.call('ZREM', KEYS[2], unpack(gone))
end
local total = redis.call('HINCRBY', KEYS[1], ARGV[2], ARGV[3])
local kept = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[2]) or '0')
if tonumber(ARGV[4]) > kept then redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2]) end
return total
`);

/** Counters as one hash and one sorted set of keep-until instants; an add is one Lua script. */
export class RedisCounters implements CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async add(key: string, by: number, now: Date | string, keepUntil: Date | string): Promise<number> {
    checkCounterAdd(key, by);
    const args = [
      toEpochMs(now, "counters.add now"),
      key,
      by,
      toEpochMs(keepUntil, "counters.add keepUntil"),
    ];
    return (await ADD.run(
      this.redis,
      [this.keys.key("counter:totals"), this.keys.key("counter:until")],
      args,
    )) as number;
  }

  async read(key: string, now: Date | string): Promise<number> {
    const nowMs = toEpochMs(now, "counters.read now");
    const [total, until] = await this.redis
      .multi()
      .hget(this.keys.key("counter:totals"), key)
      .zscore(this.keys.key("counter:until"), key)
      .exec()
      .then((replies) => (replies ?? []).map(([, value]) => value as string | null));
    return total !== null &&
      total !== undefined &&
      until !== null &&
      until !== undefined &&
      Number(until) > nowMs
      ? Number(total)
      : 0;
  }
}
