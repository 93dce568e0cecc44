import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import { createReminderSweepJob } from "../../src/reminders/reminder-sweep.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";
import { importSeed, openSeededStore, seedWorldLoader } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// 09:00 on Monday 22 March 2021 in Shanghai: T-3 for March's reports, due Thursday the 25th.
const MONDAY = new Date("2021-03-22T01:00:00Z");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("the reminder sweep on SQLite", () => {
  const dir = makeTempDir("duban-sweep");
  afterAll(() => dir.remove());

  const seededStore = (file: string) => openSeededStore(dir.path, file);
  /** The sweep over `store`'s world, writing to `writes` (the store itself by default). */
  const sweepOf = (store: Store, writes: Store = store) =>
    createReminderSweepJob({
      store: writes,
      calendar: createChineseDaysCalendar(),
      loadWorld: seedWorldLoader(store),
    });

  it("enqueues each of the day's messages once, however often it runs", async () => {
    const store = await seededStore("a.sqlite");
    const job = sweepOf(store);
    expect(await job.run(MONDAY)).toEqual({ date: "2021-03-22", planned: 66, enqueued: 66 });
    // Nothing the ladder reads has changed: the day's plan is the one enqueued already.
    expect(await job.run(new Date(MONDAY.getTime() + 15 * 60_000))).toEqual({
      date: "2021-03-22",
      skipped: "unchanged",
    });
    const messages = await store.outbox.list();
    expect(messages).toHaveLength(66);
    const payload = outboxPayloadSchema.parse(messages[0]?.payload);
    expect(payload.message.kind).toBe("card");
    const card = await store.cards.get(payload.cardId as string);
    expect(card).toMatchObject({ cycle: "2021-03", channel: "local" });
    expect(await store.audit.query({ taskNo: card?.taskNo })).toHaveLength(1);
    for (const m of messages) expect(m.notBefore).toMatch(/^2021-03-22T(09|10|11):\d{2}:\d{2}\+08:00$/);
    await store.close();
  });

  it("stops asking a unit once it has reported", async () => {
    const store = await seededStore("b.sqlite");
    await store.progress.append({
      taskNo: 52,
      unit: "区人力资源和社会保障局",
      cycle: "2021-03",
      reportedBy: "wecom:demo.u06.contact",
      reportedAt: "2021-03-24T02:00:00.000Z",
      status: "on-track",
      values: [{ indicator: 0, value: 1500, unit: "人" }],
      note: "",
      source: "text",
    });
    const job = sweepOf(store);
    const thursday = new Date("2021-03-25T01:00:00Z");
    expect(await job.run(thursday)).toMatchObject({ planned: 65, enqueued: 65 });
    await store.close();
  });

  it("plans the day again once something it reads has changed, and every new day", async () => {
    const store = await seededStore("c.sqlite");
    const job = sweepOf(store);
    const at = (minutes: number) => new Date(MONDAY.getTime() + minutes * 60_000);
    expect(await job.run(at(0))).toMatchObject({ planned: 66, enqueued: 66 });
    await store.overrides.put({
      kind: "mute-task",
      taskNo: 52,
      setBy: "wecom:demo.admin1",
      setAt: at(30).toISOString(),
    });
    expect(await job.run(at(60))).toEqual({ date: "2021-03-22", planned: 65, enqueued: 0 });
    expect(await job.run(at(120))).toEqual({ date: "2021-03-22", skipped: "unchanged" });
    // Tuesday: T-2, nothing due for the seed's monthly reports; planned afresh all the same.
    expect(await job.run(at(24 * 60))).toMatchObject({ date: "2021-03-23", enqueued: 0 });
    expect(await job.run(at(24 * 60 + 120))).toEqual({ date: "2021-03-23", skipped: "unchanged" });
    await store.close();
  });

  it("runs in full again after a sweep that failed part way", async () => {
    const store = await seededStore("d.sqlite");
    // The third enqueue fails, as a store that lost its connection would.
    let enqueues = 0;
    const outbox = new Proxy(store.outbox, {
      get(target, name) {
        if (name === "enqueue")
          return (...args: Parameters<typeof target.enqueue>) => {
            if (++enqueues === 3) return Promise.reject(new Error("store unavailable"));
            return target.enqueue(...args);
          };
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const failing = new Proxy(store, {
      get(target, name) {
        if (name === "outbox") return outbox;
        const value = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const job = sweepOf(store, failing);
    await expect(job.run(MONDAY)).rejects.toThrow("store unavailable");
    expect(await job.run(new Date(MONDAY.getTime() + 60_000))).toEqual({
      date: "2021-03-22",
      planned: 66,
      enqueued: 64,
    });
    expect(await store.outbox.list()).toHaveLength(66);
    await store.close();
  });
});

describe("the reminder sweep on Redis, from two processes at once", async () => {
  const available = await redisAvailable();
  const prefix = randomKeyPrefix("sweep");
  afterAll(async () => {
    if (available) await deleteKeys(prefix);
  });

  it.runIf(available)("enqueues each message once across both", async () => {
    const store = await openStore({ spec: TEST_REDIS_URL, dataDir: "unused", redisKeyPrefix: prefix });
    await importSeed(store);
    const run = () =>
      new Promise<{ enqueued: number }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "test/fixtures/reminders/sweep-child.ts",
            TEST_REDIS_URL,
            prefix,
            MONDAY.toISOString(),
          ],
          { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
        );
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
        });
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`)),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect((a?.enqueued ?? 0) + (b?.enqueued ?? 0)).toBe(66);
    expect(await store.outbox.list()).toHaveLength(66);
    await store.close();
  });
});
