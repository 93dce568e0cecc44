import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { redactUrl } from "../../src/store/redact-url.js";
import { RedisKeys } from "../../src/store/redis/redis-keys.js";

/** The Redis the tests use; CI and DEVELOPERS.md point it at a real server. */
export const TEST_REDIS_URL = process.env.DUBAN_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** When set (CI sets DUBAN_REQUIRE_REDIS=1), a missing Redis fails the run instead of skipping. */
export const REDIS_REQUIRED = isSet(process.env.DUBAN_REQUIRE_REDIS) || isSet(process.env.CI);

function isSet(value: string | undefined): boolean {
  return value !== undefined && !["", "0", "false"].includes(value.toLowerCase());
}

/**
 * Whether the Redis suites run. Unreachable Redis: false (the suite is skipped), except when
 * Redis is required, where it throws so that the test file fails with the reason.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (REDIS_REQUIRED) {
      throw new Error(
        `Redis is required (DUBAN_REQUIRE_REDIS or CI is set) but does not answer at ${redactUrl(TEST_REDIS_URL)}: ` +
          `${(error as Error).message.replace(/\.$/, "")}. Start redis-server, or point DUBAN_TEST_REDIS_URL at one.`,
      );
    }
    return false;
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other test file or run uses: duban-test:<random>:. */
export function randomKeyPrefix(label = ""): string {
  return `duban-test:${label}${label ? "-" : ""}${randomBytes(6).toString("hex")}:`;
}

/** Deletes every key under `prefix`; returns how many. */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    for await (const keys of client.scanStream({
      match: new RedisKeys(prefix).pattern(),
      count: 500,
    }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await client.del(...keys);
    }
  } finally {
    client.disconnect();
  }
  return deleted;
}
