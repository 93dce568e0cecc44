import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { COMMON_LIMITS } from "../../src/channels/channel-limits.js";
import { chooseChannel } from "../../src/channels/choose-channel.js";
import { CHANNEL_PLUGINS } from "../../src/channels/plugins.js";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "../../src/config/settings.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import { createDemoClock } from "../../src/demo/demo-clock.js";
import { indexPeople } from "../../src/directory/people.js";
import { createDigestJob } from "../../src/reports/digest/digest-job.js";
import { clockSchedule } from "../../src/scheduler/clock-schedule.js";
import { createScheduler } from "../../src/scheduler/create-scheduler.js";
import type { JobReport, JobRun } from "../../src/scheduler/job.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { recordDigestScenario } from "../helpers/digest-scenario.js";
import { readPng } from "../helpers/read-png.js";
import { demoDirectory, importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 14, item 1: on the demo clock, the week of 5 April 2021 (Monday 清明) gets its digest on
 * Tuesday the 6th at 09:10, once, to 寇宁 and to the group chat configured for him.
 */
const CHAT = "区政府领导群";
const KOU = "wecom:demo.leader01";
const dir = makeTempDir("duban-digest-schedule");
afterAll(() => dir.remove());

/** The digest job over the demo directory, everyone on the local channel, no charts. */
function plainDigestJob(store: SqliteStore, settings: Settings) {
  return createDigestJob({
    store,
    directory: demoDirectory,
    people: indexPeople(demoDirectory),
    calendar: createChineseDaysCalendar(),
    settings,
    limits: COMMON_LIMITS,
    channelFor: () => "local",
    canSendMedia: () => false,
    charts: false,
    logger: silentLogger,
  });
}

describe("the scheduled leader digest", () => {
  it("goes out on the first working day of a week that starts with a holiday, once", async () => {
    const store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
    await importSeed(store);
    await recordDigestScenario(store);
    const directory = { ...demoDirectory, chats: [{ name: CHAT, accounts: { wecom: "robot-key" } }] };
    const settings = settingsSchema.parse({ digest: { chats: { 寇宁: [CHAT] } } });
    const job = createDigestJob({
      store,
      directory,
      people: indexPeople(
        directory,
        CHANNEL_PLUGINS.map((p) => p.name),
      ),
      calendar: createChineseDaysCalendar(),
      settings,
      limits: COMMON_LIMITS,
      channelFor: (recipient) => chooseChannel(recipient, ["local"]),
      // 寇宁 sees images; the group chat's channel here does not, so it gets the text alone.
      canSendMedia: (recipient) => !recipient.personId.startsWith("chat:"),
      charts: true,
      logger: silentLogger,
    });
    expect(job.cron).toBe("10 9 * * *");

    // The demo clock on a wall clock the test moves: Sunday 4 April 20:00 to Wednesday the 7th noon.
    let wall = 0;
    const clock = createDemoClock({
      start: new Date("2021-04-04T20:00:00+08:00"),
      speed: 1,
      wall: () => wall,
    });
    const runs: { at: string; run: JobRun }[] = [];
    const scheduler = createScheduler({
      jobs: [job],
      store,
      clock,
      logger: silentLogger,
      schedule: clockSchedule(clock, { pollMs: 1 }),
      onRun: (_name, run) => runs.push({ at: clock.now().toISOString(), run }),
    });
    await scheduler.start();
    const end = Date.parse("2021-04-07T12:00:00+08:00");
    while (clock.now().getTime() < end) {
      wall += 10 * 60_000;
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    for (let i = 0; i < 400 && runs.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await scheduler.stop();

    const reports: JobReport[] = runs.map((r) =>
      r.run.status === "ran" ? r.run.report : { status: r.run.status },
    );
    expect(reports).toHaveLength(3);
    expect(reports[0]).toEqual({ skipped: "not-digest-day", week: "2021-W14" });
    expect(reports[1]).toMatchObject({ week: "2021-W14" });
    expect(reports[2]).toEqual({ skipped: "not-digest-day", week: "2021-W14" });

    const digests = (await store.outbox.list()).filter(
      (m) => outboxPayloadSchema.parse(m.payload).meta?.kind === "digest",
    );
    expect(digests.length).toBe(reports[1]?.enqueued);
    // Nothing on Monday (清明); everything on Tuesday from 09:10.
    for (const m of digests) {
      expect(m.createdAt >= "2021-04-06T01:10:00.000Z" && m.createdAt < "2021-04-06T02:00:00.000Z").toBe(
        true,
      );
      expect(m.notBefore).toBe(m.createdAt);
    }
    const toKou = digests.filter((m) => m.recipient === KOU);
    const toChat = digests.filter((m) => m.recipient === `chat:${CHAT}`);
    const messageOf = (m: { payload: unknown }) => outboxPayloadSchema.parse(m.payload).message;
    const kouTexts = toKou.filter((m) => messageOf(m).kind === "text");
    expect(kouTexts.length).toBeGreaterThan(0);
    // The group chat gets the same text; the pace chart goes only where images are shown.
    expect(toChat.map(messageOf)).toEqual(kouTexts.map(messageOf));
    const first = messageOf(kouTexts[0] ?? expect.fail());
    expect(first.kind === "text" && first.text.split("\n")[0]).toBe("寇宁同志：督办周报（2021年第14周）");
    expect(toKou.map((m) => m.idempotencyKey)).toEqual([
      ...kouTexts.map((_, i) => `digest/2021-W14/寇宁/${KOU}/${i + 1}`),
      `digest/2021-W14/寇宁/${KOU}/chart`,
    ]);
    // Task 1's 30% against 序时进度, drawn: a PNG a phone shows sharp.
    const chart = messageOf(toKou.at(-1) ?? expect.fail());
    if (chart.kind !== "image") expect.fail("the last message to 寇宁 is not the chart");
    expect(chart.fileName).toBe("督办周报-寇宁-2021-W14.png");
    expect(readPng(Buffer.from(chart.base64, "base64")).width).toBe(1280);
    // Every leader who leads a task, and no one else, got theirs.
    const leaders = new Set(digests.map((m) => outboxPayloadSchema.parse(m.payload).meta?.leader));
    expect(leaders.size).toBe(reports[1]?.leaders);
    expect(leaders.has("寇宁")).toBe(true);

    // The job run again that day (a restart, a second instance) adds nothing.
    const before = (await store.outbox.list()).length;
    expect(await job.run(new Date("2021-04-06T02:30:00.000Z"))).toMatchObject({
      week: "2021-W14",
      enqueued: 0,
    });
    expect((await store.outbox.list()).length).toBe(before);
    await store.close();
  });

  it("does not go before its time when the service starts early on the digest day", async () => {
    const store = new SqliteStore({ path: join(dir.path, "early.sqlite") });
    await importSeed(store);
    const job = plainDigestJob(store, DEFAULT_SETTINGS);
    // The scheduler runs every job once at start: Tuesday 6 April 2021 at 09:00, before 09:10.
    expect(await job.run(new Date("2021-04-06T01:00:00.000Z"))).toEqual({
      skipped: "before-time",
      week: "2021-W14",
    });
    expect(await store.outbox.list()).toEqual([]);
    expect(await job.run(new Date("2021-04-06T01:10:00.000Z"))).toMatchObject({ week: "2021-W14" });
    await store.close();
  });

  it("does nothing when the digest is turned off", async () => {
    const store = new SqliteStore({ path: join(dir.path, "off.sqlite") });
    await importSeed(store);
    const job = plainDigestJob(store, settingsSchema.parse({ digest: { enabled: false } }));
    expect(await job.run(new Date("2021-04-06T01:10:00.000Z"))).toEqual({ skipped: "disabled" });
    expect(await store.outbox.list()).toEqual([]);
    await store.close();
  });
});
