import { afterAll, describe } from "vitest";
import { RedisStore } from "../../src/store/redis/redis-store.js";
import type { Store } from "../../src/store/store.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";
import { storeContract } from "./store-contract.js";

// Skipped without a Redis, except where one is required (CI): then this line fails the file.
const available = await redisAvailable();
const suitePrefix = randomKeyPrefix("contract");
const prefixes = new WeakMap<Store, string>();
let count = 0;

afterAll(async () => {
  if (available) await deleteKeys(suitePrefix);
});

describe.skipIf(!available)("Redis", () => {
  storeContract("RedisStore", {
    async open() {
      const keyPrefix = `${suitePrefix}${++count}:`;
      const store = await RedisStore.open({ url: TEST_REDIS_URL, keyPrefix });
      prefixes.set(store, keyPrefix);
      return store;
    },
    async openAnother(store) {
      const keyPrefix = prefixes.get(store);
      if (keyPrefix === undefined) throw new Error("openAnother: not a store this harness opened");
      return RedisStore.open({ url: TEST_REDIS_URL, keyPrefix });
    },
  });
});
