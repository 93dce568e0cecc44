import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { AccessTokenCache, CachedToken } from "./access-token-cache.js";
import type { ChannelName } from "./channel.js";

// Atomic on the server: nothing runs between the GET and the DEL.
const DISCARD_IF_SAME = `
local value = redis.call('GET', KEYS[1])
if value and cjson.decode(value).token == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RELEASE_IF_HOLDER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Tokens shared by every instance through Redis (one shared cache, a distributed lock,
 * compare-and-delete when the platform refuses a token: WeCom brief §5, DingTalk brief §3.1).
 * Keys live under the deployment's `keyPrefix` (REDIS_KEY_PREFIX):
 * `<prefix><platform>:token:<key>` and `<prefix><platform>:token-lock:<key>`. WeCom's keys are
 * `<prefix>wecom:token:…` as they were before the cache was shared, so that a running deployment
 * keeps finding its token across the upgrade.
 */
export function createRedisTokenCache(
  redis: Redis,
  keyPrefix: string,
  /** The channel's name: each platform's tokens are a family of keys of their own. */
  platform: ChannelName,
): AccessTokenCache {
  const tokenKey = (key: string) => `${keyPrefix}${platform}:token:${key}`;
  const lockKey = (key: string) => `${keyPrefix}${platform}:token-lock:${key}`;
  return {
    read: async (key) => parse(await redis.get(tokenKey(key))),
    write: async (key, token, ttlMs) => {
      await redis.set(tokenKey(key), JSON.stringify(token), "PX", Math.max(1, Math.floor(ttlMs)));
    },
    discard: async (key, token) => {
      await redis.eval(DISCARD_IF_SAME, 1, tokenKey(key), token);
    },
    lock: async (key, ttlMs) => {
      const holder = randomUUID();
      const ok = await redis.set(lockKey(key), holder, "PX", Math.max(1, Math.floor(ttlMs)), "NX");
      if (ok !== "OK") return undefined;
      return async () => {
        await redis.eval(RELEASE_IF_HOLDER, 1, lockKey(key), holder);
      };
    },
  };
}

/** A value another version wrote in another shape counts as absent: the token is fetched again. */
function parse(value: string | null): CachedToken | undefined {
  if (value === null) return undefined;
  try {
    const { token, expiresAtMs } = JSON.parse(value) as Partial<CachedToken>;
    return typeof token === "string" && typeof expiresAtMs === "number" ? { token, expiresAtMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The platform's connection for its token cache, ioredis loaded only then: the plugin table is
 * also read by commands that need only the platforms' names (duban export, duban plan), and
 * loading ioredis would cost each of them ~0.15 s.
 */
async function connectTokenRedis(url: string): Promise<Redis> {
  const { connectRedis } = await import("../store/redis/connect-redis.js");
  return connectRedis(url);
}

/**
 * A platform's shared token cache where the deployment has Redis (REDIS_URL), on a connection of
 * its own that `close` ends; none (each instance fetches its own token) without Redis.
 */
export async function openSharedTokenCache(
  deps: { redisUrl?: string; redisKeyPrefix: string },
  platform: ChannelName,
): Promise<{ tokenCache?: AccessTokenCache; close(): void }> {
  if (!deps.redisUrl) return { close: () => {} };
  const redis = await connectTokenRedis(deps.redisUrl);
  return {
    tokenCache: createRedisTokenCache(redis, deps.redisKeyPrefix, platform),
    close: () => redis.disconnect(),
  };
}
