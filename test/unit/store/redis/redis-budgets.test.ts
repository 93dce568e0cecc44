import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { RedisStore } from "../../../../src/store/redis/redis-store.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../../../helpers/redis.js";

const available = await redisAvailable();
const prefix = randomKeyPrefix("budgets");
afterAll(async () => {
  if (available) await deleteKeys(prefix);
});

describe.skipIf(!available)("RedisStore budgets", () => {
  it("lets a budget's key expire a window after its newest slot, so idle keys free their memory", async () => {
    const store = await RedisStore.open({ url: TEST_REDIS_URL, keyPrefix: prefix });
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const now = new Date("2021-03-22T02:00:00Z");
      await store.budgets.take([{ key: "wecom:member-per-minute:c1", limit: 5, windowMs: 60_000 }], now);
      await store.budgets.take([{ key: "wecom:app-per-day", limit: 5, windowMs: 86_400_000 }], now);
      const minute = await raw.pttl(`${prefix}budget:k:wecom:member-per-minute:c1`);
      const day = await raw.pttl(`${prefix}budget:k:wecom:app-per-day`);
      expect(minute).toBeGreaterThan(0);
      expect(minute).toBeLessThanOrEqual(60_000);
      expect(day).toBeGreaterThan(60_000);
      expect(day).toBeLessThanOrEqual(86_400_000);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});
