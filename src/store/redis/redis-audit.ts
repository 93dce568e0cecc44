import type { ChainableCommander, Redis } from "ioredis";
import {
  type AuditEntry,
  type AuditQuery,
  type AuditStore,
  type NewAuditEntry,
  newAuditEntrySchema,
} from "../audit-entry.js";
import { capStoredText } from "../cap-stored-text.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

/**
 * Lua: appends one entry (its JSON without seq, its time in ms) under the seq counter and entries
 * hash, to every index given; answers its seq. Shared with the inbox's markProcessed, which
 * appends a handled event's entries in the script that marks it.
 */
export const APPEND_AUDIT_LUA = `
local function appendAudit(seqKey, allKey, indexes, json, atMs)
  local seq = redis.call('INCR', seqKey)
  redis.call('HSET', allKey, seq, '{"seq":' .. seq .. ',' .. string.sub(json, 2))
  local member = string.format('%012d', seq)
  for _, index in ipairs(indexes) do redis.call('ZADD', index, atMs, member) end
  return seq
end
`;

// KEYS: seq counter, entries hash, then every index the entry belongs in. ARGV: JSON, at ms.
const APPEND = new RedisScript(`${APPEND_AUDIT_LUA}
return appendAudit(KEYS[1], KEYS[2], {unpack(KEYS, 3)}, ARGV[1], ARGV[2])
`);

const PAGE = 500;

/**
 * Entries as JSON in one hash by seq; sorted sets by time (score: epoch ms, member: padded seq,
 * so equal times come in append order) for all entries and per task, unit and person.
 */
export class RedisAudit implements AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const valid = capStoredText(validateInput(newAuditEntrySchema, entry, "audit.append"));
    const atMs = toEpochMs(valid.at, "audit.append at");
    const keys = [this.keys.key("audit:seq"), this.keys.key("audit:all"), ...this.indexes(valid)];
    const seq = (await APPEND.run(this.redis, keys, [JSON.stringify(valid), atMs])) as number;
    return { ...valid, seq };
  }

  /** The seq counter and entries hash, for `appendAudit` in another script. */
  get appendKeys(): [string, string] {
    return [this.keys.key("audit:seq"), this.keys.key("audit:all")];
  }

  /** `appendAudit`'s arguments for a valid entry, flat: JSON, at ms, index count, indexes. */
  appendArgs(valid: NewAuditEntry): (string | number)[] {
    const indexes = this.indexes(valid);
    return [JSON.stringify(valid), toEpochMs(valid.at, "audit.append at"), indexes.length, ...indexes];
  }

  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    // The most selective index answers; the other criteria are checked on the entries.
    const index = this.keys.key(
      query.taskNo !== undefined
        ? `audit:task:${query.taskNo}`
        : query.person !== undefined
          ? `audit:person:${query.person}`
          : query.unit !== undefined
            ? `audit:unit:${query.unit}`
            : "audit:t",
    );
    const min = query.from === undefined ? "-inf" : toEpochMs(query.from, "audit.query from");
    const max = query.to === undefined ? "+inf" : `(${toEpochMs(query.to, "audit.query to")}`;
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const found: AuditEntry[] = [];
    for (let offset = 0; found.length < limit; offset += PAGE) {
      const members =
        query.order === "desc"
          ? await this.redis.zrevrangebyscore(index, max, min, "LIMIT", offset, PAGE)
          : await this.redis.zrangebyscore(index, min, max, "LIMIT", offset, PAGE);
      if (members.length === 0) break;
      const rows = await this.redis.hmget(this.keys.key("audit:all"), ...members.map(Number).map(String));
      for (const json of rows) {
        if (json === null) continue;
        const entry = JSON.parse(json) as AuditEntry;
        if (matches(entry, query) && found.length < limit) found.push(entry);
      }
      if (members.length < PAGE) break;
    }
    return found;
  }

  async dump(): Promise<AuditEntry[]> {
    const rows = await this.redis.hvals(this.keys.key("audit:all"));
    return rows.map((json) => JSON.parse(json) as AuditEntry).sort((a, b) => a.seq - b.seq);
  }

  restore(tx: ChainableCommander, entries: AuditEntry[]): void {
    for (const entry of entries) {
      tx.hset(this.keys.key("audit:all"), entry.seq, JSON.stringify(entry));
      const member = String(entry.seq).padStart(12, "0");
      for (const index of this.indexes(entry)) tx.zadd(index, toEpochMs(entry.at, "audit at"), member);
    }
    const last = entries.reduce((max, e) => Math.max(max, e.seq), 0);
    if (last > 0) tx.set(this.keys.key("audit:seq"), last);
  }

  private indexes(entry: NewAuditEntry): string[] {
    const names = ["audit:t"];
    if (entry.taskNo !== undefined) names.push(`audit:task:${entry.taskNo}`);
    if (entry.unit !== undefined) names.push(`audit:unit:${entry.unit}`);
    if (entry.person !== undefined) names.push(`audit:person:${entry.person}`);
    return names.map((name) => this.keys.key(name));
  }
}

function matches(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.taskNo === undefined || entry.taskNo === query.taskNo) &&
    (query.unit === undefined || entry.unit === query.unit) &&
    (query.person === undefined || entry.person === query.person)
  );
}
