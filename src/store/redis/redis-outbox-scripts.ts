import { RedisScript } from "./redis-script.js";

/*
 * The outbox's state changes, one Lua script each, so that a message's hash and the indexes
 * that point at it (status sets, the due and lease queues) always change together. Every
 * script takes the key prefix as ARGV[1]; the keys it derives all live under it (see
 * docs/storage.md on Redis Cluster). Members of the sorted sets are ids padded to 12 digits,
 * so that ties in score are broken by id.
 */
const PRELUDE = `
local P = ARGV[1]
local function member(id) return string.format('%012d', tonumber(id)) end
local function msg(id) return P .. 'ob:m:' .. tonumber(id) end
local function current(id)
  local key = msg(id)
  return key, redis.call('HGET', key, 'status')
end
local function release(key) redis.call('HDEL', key, 'claimedBy', 'leaseUntil', 'leaseMs') end
-- A recorded outcome: the started send, if any, is no longer in doubt.
local function settle(key) redis.call('HDEL', key, 'sendingSince') end
local function heldBy(key, worker) return redis.call('HGET', key, 'claimedBy') == worker end
local function move(m, from, to)
  redis.call('ZREM', P .. 'ob:st:' .. from, m)
  redis.call('ZADD', P .. 'ob:st:' .. to, tonumber(m), m)
  redis.call('ZREM', P .. 'ob:due', m)
  redis.call('ZREM', P .. 'ob:lease', m)
end
`;

/**
 * Lua, after the prelude: enqueues a message (its field/value pairs as a table) unless its
 * idempotency key is held; answers {id, created}. Shared with the inbox's markProcessed, which
 * enqueues a handled event's messages in the script that marks it.
 */
export const ENQUEUE_LUA = `${PRELUDE}
local function enqueue(key, dueMs, fields)
  local existing = redis.call('HGET', P .. 'ob:keys', key)
  if existing then return {tonumber(existing), 0} end
  local id = redis.call('INCR', P .. 'ob:seq')
  local m = member(id)
  redis.call('HSET', P .. 'ob:keys', key, id)
  redis.call('HSET', msg(id), 'id', id, unpack(fields))
  redis.call('ZADD', P .. 'ob:ids', id, m)
  redis.call('ZADD', P .. 'ob:st:pending', id, m)
  redis.call('ZADD', P .. 'ob:due', dueMs, m)
  return {id, 1}
end
`;

/** ARGV: prefix, idempotency key, due ms, then the message's field/value pairs. Returns {id, created}. */
export const ENQUEUE = new RedisScript(`${ENQUEUE_LUA}
return enqueue(ARGV[2], ARGV[3], {unpack(ARGV, 4)})
`);

/**
 * ARGV: prefix, now ms, limit, lease end ms, lease end ISO, worker. Due messages come from the
 * due queue (at most `limit`); expired leases are all read (there are few), then both are
 * ordered by due time and id. Returns each claimed message's HGETALL.
 */
export const CLAIM_DUE = new RedisScript(`${PRELUDE}
local limit = tonumber(ARGV[3])
local candidates = {}
local due = redis.call('ZRANGEBYSCORE', P .. 'ob:due', '-inf', ARGV[2], 'WITHSCORES', 'LIMIT', 0, limit)
for i = 1, #due, 2 do candidates[#candidates + 1] = {tonumber(due[i + 1]), due[i]} end
for _, m in ipairs(redis.call('ZRANGEBYSCORE', P .. 'ob:lease', '-inf', ARGV[2])) do
  candidates[#candidates + 1] = {tonumber(redis.call('HGET', msg(m), 'dueMs')), m}
end
table.sort(candidates, function(a, b)
  if a[1] ~= b[1] then return a[1] < b[1] end
  return a[2] < b[2]
end)
local claimed = {}
for i = 1, math.min(limit, #candidates) do
  local m = candidates[i][2]
  local key = msg(m)
  move(m, redis.call('HGET', key, 'status'), 'claimed')
  redis.call('ZADD', P .. 'ob:lease', ARGV[4], m)
  redis.call('HSET', key, 'status', 'claimed', 'claimedBy', ARGV[6], 'leaseUntil', ARGV[5], 'leaseMs', ARGV[4])
  redis.call('HINCRBY', key, 'attempts', 1)
  claimed[#claimed + 1] = redis.call('HGETALL', key)
end
return claimed
`);

/** ARGV: prefix, id, at ISO, worker. Notes that the worker starts sending its claimed message. */
export const MARK_SENDING = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
if status ~= 'claimed' or not heldBy(key, ARGV[4]) then return 0 end
redis.call('HSET', key, 'sendingSince', ARGV[3])
return 1
`);

/** ARGV: prefix, id, sent at, platform message id. Returns 1 applied, 0 refused, -1 unknown. */
export const MARK_SENT = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
if status == 'sent' then return 0 end
move(member(ARGV[2]), status, 'sent')
redis.call('HSET', key, 'status', 'sent', 'sentAt', ARGV[3], 'platformMessageId', ARGV[4])
release(key)
settle(key)
return 1
`);

/** ARGV: prefix, id, error, retry at ISO, retry at ms, worker ("" for any). */
export const MARK_FAILED = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
if status ~= 'claimed' then return 0 end
if ARGV[6] ~= '' and not heldBy(key, ARGV[6]) then return 0 end
local m = member(ARGV[2])
move(m, status, 'failed')
redis.call('ZADD', P .. 'ob:due', ARGV[5], m)
redis.call('HSET', key, 'status', 'failed', 'lastError', ARGV[3], 'dueAt', ARGV[4], 'dueMs', ARGV[5])
release(key)
settle(key)
return 1
`);

/**
 * ARGV: prefix, id, until ISO, until ms, reason, worker, answered ("1": a send was answered, so
 * its start is settled; "": deferred before sending, the start of an earlier send is kept).
 * Back to pending without counting the claim as an attempt.
 */
export const DEFER = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
if status ~= 'claimed' or not heldBy(key, ARGV[6]) then return 0 end
local m = member(ARGV[2])
move(m, status, 'pending')
redis.call('ZADD', P .. 'ob:due', ARGV[4], m)
redis.call('HSET', key, 'status', 'pending', 'lastError', ARGV[5], 'dueAt', ARGV[3], 'dueMs', ARGV[4])
if tonumber(redis.call('HGET', key, 'attempts')) > 0 then redis.call('HINCRBY', key, 'attempts', -1) end
redis.call('HINCRBY', key, 'deferrals', 1)
release(key)
if ARGV[7] == '1' then settle(key) end
return 1
`);

/** ARGV: prefix, id, error, worker ("" for any message not final; else only that worker's claim). */
export const MARK_DEAD = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
if status == 'sent' or status == 'dead' then return 0 end
if ARGV[4] ~= '' and (status ~= 'claimed' or not heldBy(key, ARGV[4])) then return 0 end
move(member(ARGV[2]), status, 'dead')
redis.call('HSET', key, 'status', 'dead', 'lastError', ARGV[3])
release(key)
settle(key)
return 1
`);

/**
 * ARGV: prefix, id, at ISO, at ms, revive ("1" or ""). A pending or failed message becomes due at
 * `at`; with revive, a dead one starts over: pending, not before `at`, attempts and deferrals reset.
 */
export const REQUEUE = new RedisScript(`${PRELUDE}
local key, status = current(ARGV[2])
if not status then return -1 end
local m = member(ARGV[2])
if status == 'pending' or status == 'failed' then
  redis.call('ZADD', P .. 'ob:due', ARGV[4], m)
  redis.call('HSET', key, 'dueAt', ARGV[3], 'dueMs', ARGV[4])
  return 1
end
if status ~= 'dead' or ARGV[5] ~= '1' then return 0 end
move(m, status, 'pending')
redis.call('ZADD', P .. 'ob:due', ARGV[4], m)
redis.call('HSET', key, 'status', 'pending', 'attempts', 0, 'notBefore', ARGV[3], 'dueAt', ARGV[3], 'dueMs', ARGV[4])
redis.call('HDEL', key, 'deferrals')
settle(key)
return 1
`);
