import { afterAll, describe, expect, it } from "vitest";
import { retentionSettingsSchema } from "../../src/config/retention-settings.js";
import { createRetentionJob } from "../../src/retention/retention-job.js";
import { RedisStore } from "../../src/store/redis/redis-store.js";
import type { Store } from "../../src/store/store.js";
import { tempSqliteStore } from "../fixtures/delivery/delivery-world.js";
import { sampleAudit, sampleCard, sampleMessage, samplePrompt } from "../fixtures/store/sample-records.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";

const available = await redisAvailable();
const prefix = randomKeyPrefix("retention");
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (available) await deleteKeys(prefix);
});

const NOW = new Date("2024-06-30T19:40:00Z"); // 03:40 Beijing time, 1 July 2024
const DAY = 86_400_000;
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY + extraMs).toISOString();

/** The defaults, with small batches so that a few hundred records take several. */
const settings = retentionSettingsSchema.parse({ batchSize: 100 });

/** Records on both sides of every window (defaults: 90, 90, 1096, 120 and 7 days). */
async function fill(store: Store) {
  for (let i = 0; i < 450; i++)
    await store.audit.append(sampleAudit({ at: daysAgo(1_096, -(i + 1) * 60_000), actor: "old" }));
  await store.audit.append(sampleAudit({ at: daysAgo(1_096), actor: "kept-at-window" }));
  await store.audit.append(sampleAudit({ at: daysAgo(1), actor: "kept-recent" }));

  const sent: [string, string][] = [
    ...Array.from({ length: 230 }, (_, i): [string, string] => [`sent-old-${i}`, daysAgo(91)]),
    ["sent-at-window", daysAgo(90)],
    ["sent-recent", daysAgo(2)],
  ];
  const dead: [string, string][] = [
    ["dead-old", daysAgo(90, -1)],
    ["dead-recent", daysAgo(89)],
  ];
  const ids = new Map<string, number>();
  for (const [key, at] of [...sent, ...dead])
    ids.set(key, (await store.outbox.enqueue(sampleMessage(key, { notBefore: at, createdAt: at }))).id);
  await store.outbox.claimDue(NOW, { limit: 1_000, leaseMs: 60_000, worker: "w" });
  for (const [key, at] of sent)
    await store.outbox.markSent(ids.get(key) as number, { platformMessageId: key, at });
  for (const [key] of dead) await store.outbox.markDead(ids.get(key) as number, { error: "unknown account" });
  await store.outbox.enqueue(sampleMessage("pending-old", { notBefore: daysAgo(400) }));

  await store.cards.put(sampleCard("card-old", { createdAt: daysAgo(121) }));
  await store.cards.put(sampleCard("card-kept", { createdAt: daysAgo(119) }));
  await store.prompts.set("zhangsan", samplePrompt("p-old", { expiresAt: daysAgo(8) }));
  await store.prompts.set("zhangsan", samplePrompt("p-kept", { expiresAt: daysAgo(6) }));

  // Working state: a budget slot whose one-minute window ended yesterday, and an expired claim.
  await store.budgets.take([{ key: "wecom:app", limit: 10, windowMs: 60_000 }], daysAgo(1));
  await store.claimOnce("event-1", 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
}

async function check(store: Store) {
  await fill(store);
  const job = createRetentionJob({ store, settings });
  const report = await job.run(NOW);
  // SQLite removes its working state itself; Redis lets the keys' TTLs do it.
  const working = store.kind === "sqlite" ? 1 : 0;
  expect(report).toEqual({
    "outbox-sent": 230,
    "outbox-dead": 1,
    audit: 450,
    cards: 1,
    prompts: 1,
    "budget-slots": working,
    claims: working,
    // audit 5 (100 × 4 + 50), sent 3 (100, 100, 30), one each for the five other kinds.
    batches: 13,
    unfinished: false,
  });
  expect((await store.audit.query()).map((e) => e.actor)).toEqual(["kept-at-window", "kept-recent"]);
  expect((await store.outbox.list()).map((m) => m.idempotencyKey).sort()).toEqual(
    ["dead-recent", "pending-old", "sent-at-window", "sent-recent"].sort(),
  );
  expect((await store.cards.list({ taskNo: 52 })).map((c) => c.cardId)).toEqual(["card-kept"]);
  expect((await store.prompts.active("zhangsan", daysAgo(400))).map((p) => p.key)).toEqual(["p-kept"]);
  // A second run the same night finds nothing more.
  expect(await job.run(NOW)).toMatchObject({ "outbox-sent": 0, audit: 0, batches: 7 });
}

describe("the retention job", () => {
  it("on SQLite: removes exactly what is past its window, in batches", async () => {
    const temp = tempSqliteStore("duban-retention");
    cleanups.push(temp.remove);
    await check(temp.store);
  });

  it.skipIf(!available)("on Redis: removes exactly what is past its window, in batches", async () => {
    const store = await RedisStore.open({ url: TEST_REDIS_URL, keyPrefix: prefix });
    cleanups.push(() => store.close());
    await check(store);
  });

  it("stops after maxBatchesPerRun batches of a kind, and says so; the next run goes on", async () => {
    const temp = tempSqliteStore("duban-retention");
    cleanups.push(temp.remove);
    for (let i = 0; i < 35; i++) await temp.store.audit.append(sampleAudit({ at: daysAgo(2_000) }));
    const job = createRetentionJob({
      store: temp.store,
      settings: retentionSettingsSchema.parse({ batchSize: 10, maxBatchesPerRun: 2 }),
    });
    expect(await job.run(NOW)).toMatchObject({ audit: 20, unfinished: true });
    expect(await job.run(NOW)).toMatchObject({ audit: 15, unfinished: false });
    expect(await temp.store.audit.query()).toEqual([]);
  });
});
