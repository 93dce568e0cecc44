import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Channel, SendResult } from "../../src/channels/channel.js";
import { COMMON_LIMITS } from "../../src/channels/channel-limits.js";
import { startDispatchLoop } from "../../src/delivery/start-dispatch-loop.js";
import { createHealthCheck } from "../../src/health/check-health.js";
import { createRuntimeStatus } from "../../src/health/runtime-status.js";
import { createServer } from "../../src/http/create-server.js";
import { createScheduler } from "../../src/scheduler/create-scheduler.js";
import type { Job } from "../../src/scheduler/job.js";
import { silentLogger } from "../../src/shared/logger.js";
import {
  calendar2021,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../fixtures/delivery/delivery-world.js";
import { fakeCron } from "../fixtures/delivery/fake-cron.js";
import { demoDirectory } from "../helpers/seed-world.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real Koa app with the real health check over a SQLite store, on a virtual clock, over HTTP. */
async function world(jobs: Job[], channel: Channel) {
  const temp = tempSqliteStore("duban-health");
  cleanups.push(temp.remove);
  const clock = virtualClock("2021-03-22T02:00:00.000Z");
  const runtime = createRuntimeStatus(clock);
  const cron = fakeCron();
  const scheduler = createScheduler({
    jobs,
    store: temp.store,
    clock,
    logger: silentLogger,
    schedule: cron.schedule,
    onRun: runtime.jobRan,
    onRunning: runtime.schedulerRunning,
  });
  const dispatcher = testDispatcher(temp.store, channel, clock, { onSend: runtime.channelSent });
  const http = createServer({
    logger: silentLogger,
    health: createHealthCheck({
      store: temp.store,
      directory: demoDirectory,
      directoryFile: "config/examples/directory.yaml",
      calendar: calendar2021(),
      clock,
      runtime,
      jobs: jobs.map((job) => job.name),
      channels: [channel.name],
    }),
  });
  const server = http.listen(0, "127.0.0.1");
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  const health = async () => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { store: temp.store, clock, scheduler, cron, dispatcher, runtime, health };
}

const sweep: Job = { name: "reminder-sweep", cron: "7 8 * * *", run: async () => ({ enqueued: 3 }) };
const broken: Job = {
  name: "calendar-warnings",
  cron: "5 8 * * *",
  run: async () => {
    throw new Error("the registry cannot be read");
  },
};

/** A channel that answers each send with the next of `results`. */
function scriptedChannel(results: SendResult[]): Channel {
  return {
    name: "local",
    budgets: [],
    limits: COMMON_LIMITS,
    send: async (request) =>
      new Map(request.recipients.map((r) => [r.personId, results.shift() as SendResult])),
  };
}

describe("GET /healthz: the background parts", () => {
  it("shows each job's last run, success and error, and answers 503 once the started scheduler stops", async () => {
    const w = await world([sweep, broken], scriptedChannel([]));
    await w.scheduler.start();
    w.clock.set("2021-03-22T00:07:00.000Z");
    await w.cron.fire("reminder-sweep");
    w.clock.set("2021-03-23T00:05:00.000Z");
    await w.cron.fire("calendar-warnings");
    const running = await w.health();
    expect(running.status).toBe(200);
    expect(running.body.scheduler).toEqual({
      running: true,
      startedAt: "2021-03-22T02:00:00.000Z",
      jobs: {
        "reminder-sweep": {
          lastRunAt: "2021-03-22T00:07:00.000Z",
          lastStatus: "ran",
          lastSuccessAt: "2021-03-22T00:07:00.000Z",
        },
        "calendar-warnings": {
          lastRunAt: "2021-03-23T00:05:00.000Z",
          lastStatus: "failed",
          lastError: { at: "2021-03-23T00:05:00.000Z", message: "the registry cannot be read" },
        },
      },
    });

    await w.scheduler.stop();
    const stopped = await w.health();
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({
      status: "unavailable",
      problems: ["the scheduler has stopped"],
      store: { kind: "sqlite" },
      scheduler: { running: false, stoppedAt: "2021-03-23T00:05:00.000Z" },
    });
  });

  it("shows the dispatch loop's last round and each channel's last success and error; 503 once the loop stops", async () => {
    const w = await world(
      [sweep],
      scriptedChannel([
        { status: "sent", platformMessageId: "m1" },
        { status: "transient-error", reason: "企业微信暂时无法访问" },
      ]),
    );
    await w.store.outbox.enqueue(
      textMessage("a", "wecom:c1", "2021-03-22T01:59:00.000Z", { immediate: true }),
    );
    await w.store.outbox.enqueue(
      textMessage("b", "wecom:c2", "2021-03-22T01:59:30.000Z", { immediate: true }),
    );
    const lagging = await w.health();
    expect(lagging.body.dispatcher).toEqual({
      running: false,
      lagMs: 60_000,
      oldestDueAt: "2021-03-22T01:59:00.000Z",
    });

    let rounds = 0;
    let roundDone: () => void = () => {};
    const firstRound = new Promise<void>((resolve) => {
      roundDone = resolve;
    });
    const loop = startDispatchLoop(w.dispatcher, {
      logger: silentLogger,
      intervalMs: 60_000,
      onRound: (outcome) => {
        w.runtime.dispatchRound(outcome);
        if (++rounds === 1) roundDone();
      },
      onRunning: w.runtime.dispatchLoopRunning,
    });
    cleanups.push(() => loop.stop());
    await firstRound;
    const after = await w.health();
    expect(after.status).toBe(200);
    expect(after.body.dispatcher).toMatchObject({
      running: true,
      lastRoundAt: "2021-03-22T02:00:00.000Z",
      lastRound: { claimed: 2, sent: 1, retried: 1 },
      // The retried message waits for its retry time, in the future: nothing is late now.
      lagMs: 0,
    });
    expect(after.body.channels).toEqual({
      local: {
        configured: true,
        lastSuccessAt: "2021-03-22T02:00:00.000Z",
        lastError: {
          at: "2021-03-22T02:00:00.000Z",
          status: "transient-error",
          message: "企业微信暂时无法访问",
        },
      },
    });

    await loop.stop();
    const stopped = await w.health();
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({
      problems: ["the dispatch loop has stopped"],
      dispatcher: { running: false },
    });
  });

  it("answers 503 when the dispatch loop gives up on its own, with the round's error", async () => {
    const w = await world([sweep], scriptedChannel([]));
    let fatal: unknown;
    const loop = startDispatchLoop(
      {
        dispatchDue: async () => {
          throw new Error("the store is unreachable");
        },
        settle: async () => {},
      },
      {
        logger: silentLogger,
        maxFailingMs: 0,
        onFatal: (error) => {
          fatal = error;
        },
        onRound: w.runtime.dispatchRound,
        onRunning: w.runtime.dispatchLoopRunning,
      },
    );
    cleanups.push(() => loop.stop());
    await vi.waitFor(() => expect(fatal).toBeDefined());
    const dead = await w.health();
    expect(dead.status).toBe(503);
    expect(dead.body).toMatchObject({
      problems: ["the dispatch loop has stopped"],
      dispatcher: {
        running: false,
        stoppedAt: "2021-03-22T02:00:00.000Z",
        lastError: { at: "2021-03-22T02:00:00.000Z", message: "the store is unreachable" },
      },
    });
  });
});
