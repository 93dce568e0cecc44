import type { Redis } from "ioredis";
import type { RetentionKind, RetentionStore } from "../retention-store.js";
import { toEpochMs } from "../to-epoch-ms.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

/** How many ids a scan reads at a time while it looks for records past their window. */
const PAGE = 500;

/*
 * KEYS: none (cluster: the prefix is a hash tag). ARGV: prefix, the status the message must still
 * have, then ids. Removes each message that still has that status, with every index that points
 * at it (its idempotency key only while the key still names it). Returns how many it removed.
 */
const REMOVE_MESSAGES = new RedisScript(`
local P, status, removed = ARGV[1], ARGV[2], 0
for i = 3, #ARGV do
  local id = ARGV[i]
  local key = P .. 'ob:m:' .. id
  if redis.call('HGET', key, 'status') == status then
    local m = string.format('%012d', tonumber(id))
    local idem = redis.call('HGET', key, 'idempotencyKey')
    if idem and redis.call('HGET', P .. 'ob:keys', idem) == id then redis.call('HDEL', P .. 'ob:keys', idem) end
    redis.call('DEL', key)
    for _, index in ipairs({'ob:ids', 'ob:st:' .. status, 'ob:due', 'ob:lease'}) do redis.call('ZREM', P .. index, m) end
    removed = removed + 1
  end
end
return removed
`);

/*
 * ARGV: prefix, then card id and the JSON read, in pairs. Removes a card (its update code and its
 * index entries too) only when it is still the card that was read: a card put again since stays.
 */
const REMOVE_CARDS = new RedisScript(`
local P, removed = ARGV[1], 0
for i = 2, #ARGV, 2 do
  local id, json = ARGV[i], ARGV[i + 1]
  if redis.call('GET', P .. 'card:m:' .. id) == json then
    local taskNo = cjson.decode(json).taskNo
    redis.call('DEL', P .. 'card:m:' .. id, P .. 'card:code:' .. id)
    redis.call('SREM', P .. 'card:ids', id)
    redis.call('SREM', P .. 'card:task:' .. string.format('%d', taskNo), id)
    removed = removed + 1
  end
end
return removed
`);

/*
 * ARGV: prefix, person id, then prompt key and the JSON read, in pairs. Removes a prompt only when
 * it is still the one read (a prompt set again since stays); the person leaves the set of people
 * with prompts with their last one, as prompts.clear does.
 */
const REMOVE_PROMPTS = new RedisScript(`
local P, person, removed = ARGV[1], ARGV[2], 0
local hash = P .. 'prompt:p:' .. person
for i = 3, #ARGV, 2 do
  if redis.call('HGET', hash, ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', hash, ARGV[i])
    removed = removed + 1
  end
end
if redis.call('EXISTS', hash) == 0 then redis.call('SREM', P .. 'prompt:people', person) end
return removed
`);

/*
 * ARGV: prefix, then padded seqs. Removes audit entries with their index entries (by time, task,
 * unit, person). Entries never change, so what was read is what is removed.
 */
const REMOVE_AUDIT = new RedisScript(`
local P, removed = ARGV[1], 0
for i = 2, #ARGV do
  local m = ARGV[i]
  local seq = tostring(tonumber(m))
  local json = redis.call('HGET', P .. 'audit:all', seq)
  if json then
    local entry = cjson.decode(json)
    redis.call('ZREM', P .. 'audit:t', m)
    if entry.taskNo then redis.call('ZREM', P .. 'audit:task:' .. string.format('%d', entry.taskNo), m) end
    if entry.unit then redis.call('ZREM', P .. 'audit:unit:' .. entry.unit, m) end
    if entry.person then redis.call('ZREM', P .. 'audit:person:' .. entry.person, m) end
    redis.call('HDEL', P .. 'audit:all', seq)
    removed = removed + 1
  else
    redis.call('ZREM', P .. 'audit:t', m)
  end
end
return removed
`);

/**
 * Retention on Redis: each batch is one Lua script that removes at most `limit` records with every
 * index entry that points at them. Audit entries are found by their time index; messages, cards
 * and prompts have no index by the instant retention uses, so their ids are scanned a page at a
 * time. Budget slots and claims carry TTLs (PEXPIRE, PX): Redis removes them itself.
 */
export class RedisRetention implements RetentionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async purge(kind: RetentionKind, before: Date | string, limit: number): Promise<number> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`retention.purge: limit must be 1 or more, not ${limit}`);
    const beforeMs = toEpochMs(before, "retention.purge before");
    switch (kind) {
      case "outbox-sent":
        return this.purgeMessages("sent", "sentAt", beforeMs, limit);
      case "outbox-dead":
        return this.purgeMessages("dead", "dueAt", beforeMs, limit);
      case "audit":
        return this.purgeAudit(beforeMs, limit);
      case "cards":
        return this.purgeCards(beforeMs, limit);
      case "prompts":
        return this.purgePrompts(beforeMs, limit);
      case "budget-slots":
      case "claims":
        return 0;
    }
  }

  private async purgeMessages(
    status: "sent" | "dead",
    field: "sentAt" | "dueAt",
    beforeMs: number,
    limit: number,
  ): Promise<number> {
    const index = this.keys.key(`ob:st:${status}`);
    const found: string[] = [];
    let min = "-inf";
    while (found.length < limit) {
      const members = await this.redis.zrangebyscore(index, min, "+inf", "LIMIT", 0, PAGE);
      if (members.length === 0) break;
      const pipeline = this.redis.pipeline();
      for (const m of members) pipeline.hget(this.keys.key(`ob:m:${Number(m)}`), field);
      const results = (await pipeline.exec()) ?? [];
      members.forEach((m, i) => {
        const at = results[i]?.[1];
        if (typeof at === "string" && Date.parse(at) < beforeMs && found.length < limit)
          found.push(String(Number(m)));
      });
      if (members.length < PAGE) break;
      min = `(${Number(members[members.length - 1])}`;
    }
    if (found.length === 0) return 0;
    return (await REMOVE_MESSAGES.run(this.redis, [], [this.keys.prefix, status, ...found])) as number;
  }

  private async purgeAudit(beforeMs: number, limit: number): Promise<number> {
    const members = await this.redis.zrangebyscore(
      this.keys.key("audit:t"),
      "-inf",
      `(${beforeMs}`,
      "LIMIT",
      0,
      limit,
    );
    if (members.length === 0) return 0;
    return (await REMOVE_AUDIT.run(this.redis, [], [this.keys.prefix, ...members])) as number;
  }

  private async purgeCards(beforeMs: number, limit: number): Promise<number> {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, ids] = await this.redis.sscan(this.keys.key("card:ids"), cursor, "COUNT", PAGE);
      cursor = next;
      if (ids.length === 0) continue;
      const rows = await this.redis.mget(ids.map((id) => this.keys.key(`card:m:${id}`)));
      ids.forEach((id, i) => {
        const json = rows[i];
        if (json == null || found.length >= 2 * limit) return;
        if (Date.parse((JSON.parse(json) as { createdAt: string }).createdAt) < beforeMs)
          found.push(id, json);
      });
    } while (cursor !== "0" && found.length < 2 * limit);
    if (found.length === 0) return 0;
    return (await REMOVE_CARDS.run(this.redis, [], [this.keys.prefix, ...found])) as number;
  }

  private async purgePrompts(beforeMs: number, limit: number): Promise<number> {
    let removed = 0;
    let cursor = "0";
    do {
      const [next, people] = await this.redis.sscan(this.keys.key("prompt:people"), cursor, "COUNT", PAGE);
      cursor = next;
      for (const person of people) {
        if (removed >= limit) return removed;
        const prompts = await this.redis.hgetall(this.keys.key(`prompt:p:${person}`));
        const expired = Object.entries(prompts)
          .filter(([, json]) => Date.parse((JSON.parse(json) as { expiresAt: string }).expiresAt) < beforeMs)
          .slice(0, limit - removed);
        if (expired.length === 0) continue;
        removed += (await REMOVE_PROMPTS.run(
          this.redis,
          [],
          [this.keys.prefix, person, ...expired.flat()],
        )) as number;
      }
    } while (cursor !== "0");
    return removed;
  }
}
