/**
 * Dispatch throughput: 10,000 due messages through the real dispatcher and the local channel,
 * on SQLite and on Redis (skipped, and said so, when no server answers). Enqueueing is not timed;
 * the figure is claim + budget check + send + mark sent, per second, from one process.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalChannel } from "../src/channels/local/local-channel.js";
import { fixedClock } from "../src/shared/clock.js";
import { silentLogger } from "../src/shared/logger.js";
import { RedisStore } from "../src/store/redis/redis-store.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { Store } from "../src/store/store.js";
import { enqueueMessages, testDispatcher } from "../test/fixtures/delivery/delivery-world.js";
import { deleteKeys } from "../test/helpers/redis.js";
import type { BenchResult } from "./run.js";

const MESSAGES = 10_000;
const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai: inside the sending hours
const REDIS_URL =
  process.env.DUBAN_BENCH_REDIS_URL ?? process.env.DUBAN_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "duban-dispatch-bench-"));
  try {
    const results = [await measure("SQLite", new SqliteStore({ path: join(dir, "bench.sqlite") }))];
    const prefix = `duban-bench:${randomBytes(4).toString("hex")}:`;
    let redis: RedisStore;
    try {
      redis = await RedisStore.open({ url: REDIS_URL, keyPrefix: prefix, connectTimeoutMs: 2_000 });
    } catch (error) {
      process.stderr.write(`dispatch.bench: Redis skipped: ${(error as Error).message}\n`);
      return [
        ...results,
        { group: "dispatch", name: "Redis: skipped, no Redis answers", value: 0, unit: "" },
      ];
    }
    try {
      results.push(await measure("Redis", redis));
    } finally {
      await deleteKeys(prefix);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(label: string, store: Store): Promise<BenchResult> {
  try {
    await enqueueMessages(store, "bench", MESSAGES, NOW);
    const clock = fixedClock(NOW);
    const channel = createLocalChannel({ clock, logger: silentLogger });
    const dispatcher = testDispatcher(store, channel, clock, { batchSize: 100 });
    const start = performance.now();
    const report = await dispatcher.dispatchDue();
    const seconds = (performance.now() - start) / 1000;
    if (report.sent !== MESSAGES || channel.sent().length !== MESSAGES)
      throw new Error(`dispatch bench (${label}): sent ${report.sent} of ${MESSAGES}`);
    return {
      group: "dispatch",
      name: `${label}: ${MESSAGES.toLocaleString("en-US")} messages through the local channel`,
      value: MESSAGES / seconds,
      unit: "messages/s",
    };
  } finally {
    await store.close();
  }
}
