import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { createApp } from "../../src/app.js";
import type { OutboundMessage } from "../../src/channels/message.js";
import { CHANNEL_PLUGINS } from "../../src/channels/plugins.js";
import { loadConfig } from "../../src/config/load-config.js";
import { assessUnit } from "../../src/lights/assess-unit.js";
import { loadReminderWorld } from "../../src/reminders/load-reminder-world.js";
import type { Clock } from "../../src/shared/clock.js";
import { businessDate } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { loadUnitView } from "../../src/unit-view/load-unit-view.js";
import { loadTaskContext } from "../../src/workflow/load-task-context.js";
import { importSeed } from "./seed-world.js";
import { makeTempDir } from "./temp-dir.js";

/** Demo-directory people the scenarios use (config/examples/directory.yaml). */
export const PEOPLE = {
  /** 徐勇, contact of 区人力资源和社会保障局: host of tasks 52 and 53. */
  hrContact: "wecom:demo.u06.contact",
  /** 赵宏伟, contact of 区退役军人事务局: co-unit of task 52. */
  veteransContact: "wecom:demo.u54.contact",
  /** 袁军, contact of 区财政局: no part in tasks 52 and 53. */
  financeContact: "wecom:demo.u17.contact",
  admin1: "wecom:demo.admin1",
  admin2: "wecom:demo.admin2",
} as const;
export const HR = "区人力资源和社会保障局";

/** One message the local channel sent, as GET /dev/outbox lists it. */
export interface SentMessage {
  n: number;
  to: string;
  message: OutboundMessage;
  cardId?: string;
  idempotencyKey?: string;
  at: string;
  /** Set on a card update (after a click) rather than a new message. */
  update?: true;
  /** A closed card: the label in place of its buttons. */
  closedWith?: string;
}

/**
 * The real Koa app over HTTP on 127.0.0.1:0, with a temp DUBAN_DATA_DIR holding the seed notice
 * (imported with the demo directory), the local channel, and a clock the test sets; `env` adds to
 * the configuration (e.g. DUBAN_SETTINGS). The sweep and
 * the dispatcher are run by the test through `app.services`, never by timers.
 */
export async function startProgressApp(at: string, env: Record<string, string> = {}) {
  const dir = makeTempDir("duban-progress");
  const seeded = await openStore({ dataDir: dir.path, redisKeyPrefix: "unused:" });
  await importSeed(seeded);
  await seeded.close();
  let now = new Date(at);
  const clock: Clock & { set(at: string): void } = {
    now: () => new Date(now.getTime()),
    set: (next) => {
      now = new Date(next);
    },
  };
  const app = await createApp(loadConfig({ DUBAN_DATA_DIR: dir.path, ...env }), silentLogger, {
    clock,
    env: {},
  });
  const server = app.http.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { store } = app.services;
  let eventNo = 0;

  const post = async (body: Record<string, unknown>): Promise<void> => {
    const response = await fetch(`${base}/dev/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventId: `e-${++eventNo}`, ...body }),
    });
    if (response.status !== 202)
      throw new Error(`POST /dev/inbound: ${response.status} ${await response.text()}`);
    await app.services.dispatcher.dispatchDue();
  };

  return {
    app,
    store,
    clock,
    /** http://127.0.0.1:<port> of the app. */
    base,
    /** Runs the reminder sweep at the clock's time, then sends whatever is due by `sendAt`. */
    async sweep(sendAt?: string) {
      const job = app.services.jobs.find((j) => j.name === "reminder-sweep");
      if (!job) throw new Error("no reminder-sweep job");
      const report = await job.run(clock.now());
      if (sendAt) clock.set(sendAt);
      await app.services.dispatcher.dispatchDue();
      return report;
    },
    /** A text message from `from`, then the dispatcher's round. */
    say: (from: string, text: string, eventId?: string) =>
      post({ kind: "text", from, text, ...(eventId ? { eventId } : {}) }),
    /** A button click, then the dispatcher's round. */
    click: (from: string, cardId: string, actionKey: string, eventId?: string, updateToken?: string) =>
      post({
        kind: "card-action",
        from,
        cardId,
        actionKey,
        ...(eventId ? { eventId } : {}),
        ...(updateToken ? { updateToken } : {}),
      }),
    /** A file sent to the service (the local channel keeps it behind a ref), then the dispatcher's round. */
    sendFile: (from: string, fileName: string, content: Buffer | string, eventId?: string) =>
      post({
        kind: "file",
        from,
        fileName,
        contentBase64: Buffer.from(content).toString("base64"),
        ...(eventId ? { eventId } : {}),
      }),
    /** What the local channel sent to `to` (everything when omitted), oldest first. */
    async outbox(to?: string): Promise<SentMessage[]> {
      const query = to ? `?to=${encodeURIComponent(to)}` : "";
      const body = (await (await fetch(`${base}/dev/outbox${query}`)).json()) as { messages: SentMessage[] };
      return body.messages;
    },
    /** The texts sent to `to`, oldest first. */
    async texts(to: string): Promise<string[]> {
      return (await this.outbox(to)).flatMap((m) => (m.message.kind === "text" ? [m.message.text] : []));
    },
    /** The last text sent to `to`. */
    async lastText(to: string): Promise<string> {
      return (await this.texts(to)).at(-1) ?? "";
    },
    /** The id of the last card sent to `to` whose title contains `title`. */
    async cardId(to: string, title: string): Promise<string> {
      const card = (await this.outbox(to))
        .filter((m) => m.message.kind === "card" && m.message.card.title.includes(title))
        .at(-1);
      if (!card?.cardId) throw new Error(`no card "${title}" sent to ${to}`);
      return card.cardId;
    },
    /** The unit's view of a task, as the workflow reads it. */
    async view(taskNo: number, unit: string) {
      const context = await loadTaskContext(store, app.services.directory, taskNo);
      if (!context) throw new Error(`no task ${taskNo}`);
      return { context, view: await loadUnitView(store, context.task, unit, context.assignments) };
    },
    /** The unit's light on the clock's day. */
    async light(taskNo: number, unit: string) {
      const { context, view } = await this.view(taskNo, unit);
      const date = businessDate(clock.now());
      return assessUnit(view, { date, start: context.start, year: context.year }, app.services);
    },
    /** The reminder ladder's view of the store, as the sweep reads it. */
    async world() {
      const { directory, settings, calendar } = app.services;
      const world = await loadReminderWorld({
        ...{ store, directory, settings, calendar },
        channels: ["local"],
        accountOrder: CHANNEL_PLUGINS.map((plugin) => plugin.name),
      });
      if (!world) throw new Error("no registry");
      return world;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
      dir.remove();
    },
  };
}

export type ProgressApp = Awaited<ReturnType<typeof startProgressApp>>;

/**
 * Apps for one test file, closed after each test. `remindedMonday` is the usual start: 09:00 on
 * Monday 22 March 2021 in Shanghai (T-3 for March's reports, due Thursday the 25th), after the
 * sweep, with the morning's cards sent by 12:00: 徐勇 has the cards for tasks 52 and 53.
 */
export function useProgressApps() {
  const apps: ProgressApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  const start = async (at: string, env?: Record<string, string>) => {
    const app = await startProgressApp(at, env);
    apps.push(app);
    return app;
  };
  return {
    start,
    async remindedMonday() {
      const app = await start("2021-03-22T01:00:00Z");
      await app.sweep(MONDAY_1200);
      return app;
    },
  };
}

export const MONDAY_1200 = "2021-03-22T04:00:00Z";
