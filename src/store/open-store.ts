import { join } from "node:path";
import type { Clock } from "../shared/clock.js";
import { parseStoreSpec } from "./parse-store-spec.js";
import type { Store } from "./store.js";
import type { StoreSpec } from "./store-spec.js";

/** What decides the store: an explicit spec, else the configuration. */
export interface OpenStoreOptions {
  /** `--store`, when given: sqlite:<path> or redis://…; wins over everything else. */
  spec?: string;
  /** DUBAN_DATA_DIR: the SQLite file is `<dataDir>/duban.sqlite`. */
  dataDir: string;
  /** REDIS_URL: when set (and no spec), the Redis store. */
  redisUrl?: string;
  /** REDIS_KEY_PREFIX. */
  redisKeyPrefix: string;
  /** Runs SQLite's claim and lock TTLs; the system clock by default. */
  clock?: Clock;
  /** A long-running service's SQLite checkpoints in a thread of their own (told of failures). */
  backgroundCheckpoints?: { onError(message: string): void };
}

/** The configured store when no `--store` is given: DUBAN_DATA_DIR, REDIS_URL, REDIS_KEY_PREFIX. */
export type StoreDefaults = Omit<OpenStoreOptions, "spec" | "clock" | "backgroundCheckpoints">;

/** The configured store: `spec` if given, else Redis when a URL is set, else SQLite under `dataDir`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const spec: StoreSpec =
    options.spec !== undefined
      ? parseStoreSpec(options.spec)
      : options.redisUrl
        ? parseStoreSpec(options.redisUrl, "REDIS_URL")
        : { kind: "sqlite", path: join(options.dataDir, "duban.sqlite") };
  // Errors about the URL name where it came from.
  const source = options.spec !== undefined ? "--store" : "REDIS_URL";
  // Each driver is loaded by the store that uses it: a SQLite deployment never loads ioredis.
  if (spec.kind === "redis") {
    const { RedisStore } = await import("./redis/redis-store.js");
    return RedisStore.open({ url: spec.url, keyPrefix: options.redisKeyPrefix, source });
  }
  const { SqliteStore } = await import("./sqlite/sqlite-store.js");
  return new SqliteStore({
    path: spec.path,
    synchronous: spec.synchronous,
    clock: options.clock,
    ...(options.backgroundCheckpoints ? { backgroundCheckpoints: options.backgroundCheckpoints } : {}),
  });
}
