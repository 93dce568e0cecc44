import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import { createReminderSweepJob } from "../../src/reminders/reminder-sweep.js";
import { openStore } from "../../src/store/open-store.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";
import { importSeed, seedWorldLoader } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// 09:00 on Monday 22 March 2021 in Shanghai: T-3 for March's reports, due Thursday the 25th.
const MONDAY = new Date("2021-03-22T01:00:00Z");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("the reminder sweep on SQLite", () => {
  const dir = makeTempDir("duban-sweep");
  afterAll(() => dir.remove());

  it("enqueues each of the day's messages once, however often it runs", async () => {
    const store = await openStore({
      spec: `sqlite:${dir.path}/a.sqlite`,
      dataDir: dir.path,
      redisKeyPrefix: "x:",
    });
    await importSeed(store);
    const job = createReminderSweepJob({
      store,
      calendar: createChineseDaysCalendar(),
      loadWorld: seedWorldLoader(store),
    });
    expect(await job.run(MONDAY)).toEqual({ date: "2021-03-22", planned: 66, enqueued: 66 });
    expect(await job.run(new Date(MONDAY.getTime() + 15 * 60_000))).toEqual({
      date: "2021-03-22",
      planned: 66,
      enqueued: 0,
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
    const store = await openStore({
      spec: `sqlite:${dir.path}/b.sqlite`,
      dataDir: dir.path,
      redisKeyPrefix: "x:",
    });
    await importSeed(store);
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
    const job = createReminderSweepJob({
      store,
      calendar: createChineseDaysCalendar(),
      loadWorld: seedWorldLoader(store),
    });
    const thursday = new Date("2021-03-25T01:00:00Z");
    expect(await job.run(thursday)).toMatchObject({ planned: 65, enqueued: 65 });
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
