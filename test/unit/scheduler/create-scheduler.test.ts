import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../../src/scheduler/create-scheduler.js";
import type { Job } from "../../../src/scheduler/job.js";
import { createLogger, silentLogger } from "../../../src/shared/logger.js";
import { tempSqliteStore, virtualClock } from "../../fixtures/delivery/delivery-world.js";
import { fakeCron, gatedJob } from "../../fixtures/delivery/fake-cron.js";

const NOW = "2021-03-22T00:07:00.000Z"; // 08:07 in Shanghai
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function store() {
  const temp = tempSqliteStore("duban-scheduler");
  cleanups.push(temp.remove);
  return temp.store;
}

const noop = (name: string, expression: string): Job => ({
  name,
  cron: expression,
  run: async () => ({ ok: true }),
});

describe("createScheduler", () => {
  it("registers each job's expression in Asia/Shanghai, named, without overlap, and starts and stops them", async () => {
    const fake = fakeCron();
    const scheduler = createScheduler({
      jobs: [noop("reminder-sweep", "7 8 * * *"), noop("digest", "13 17 * * 1-5")],
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
      schedule: fake.schedule,
    });
    expect(fake.registered.map((r) => [r.expression, r.options, r.started])).toEqual([
      ["7 8 * * *", { name: "reminder-sweep", timezone: "Asia/Shanghai", noOverlap: true }, false],
      ["13 17 * * 1-5", { name: "digest", timezone: "Asia/Shanghai", noOverlap: true }, false],
    ]);
    await scheduler.start();
    expect(fake.registered.every((r) => r.started)).toBe(true);
    await scheduler.stop();
    expect(fake.registered.some((r) => r.started)).toBe(false);
  });

  it("hands node-cron the expression and the business time zone by default", async () => {
    const scheduler = createScheduler({
      jobs: [noop("duban-test-default-cron", "0 9 * * *")],
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
    });
    const task = [...cron.getTasks().values()].find((t) => t.name === "duban-test-default-cron");
    try {
      expect(task?.getPattern()).toBe("0 9 * * *");
      // 09:00 in Shanghai is 01:00 UTC, whatever the host's zone (the tests run with TZ=UTC).
      expect(task?.match(new Date("2021-03-22T01:00:00Z"))).toBe(true);
      expect(task?.match(new Date("2021-03-22T09:00:00Z"))).toBe(false);
    } finally {
      await scheduler.stop();
      await task?.destroy();
    }
  });

  it("refuses an expression that is not cron, and two jobs with one name", () => {
    const base = {
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
      schedule: fakeCron().schedule,
    };
    expect(() => createScheduler({ ...base, jobs: [noop("bad", "every day at 8")] })).toThrow(
      /"bad": "every day at 8"/,
    );
    expect(() =>
      createScheduler({ ...base, jobs: [noop("a", "* * * * *"), noop("a", "* * * * *")] }),
    ).toThrow(/two/);
  });

  it("runs a job with the injected clock's time", async () => {
    const gated = gatedJob("sweep");
    gated.release();
    const fake = fakeCron();
    createScheduler({
      jobs: [gated.job],
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
      schedule: fake.schedule,
    });
    await fake.fire("sweep");
    expect(gated.runs).toEqual([new Date(NOW)]);
  });

  it("logs a failing job and carries on", async () => {
    const lines: string[] = [];
    const failing: Job = {
      name: "broken",
      cron: "* * * * *",
      run: async () => {
        throw new Error("the registry is empty");
      },
    };
    const scheduler = createScheduler({
      jobs: [failing],
      store: store(),
      clock: virtualClock(NOW),
      logger: createLogger({ write: (line) => lines.push(line) }),
      schedule: fakeCron().schedule,
    });
    expect(await scheduler.runNow("broken")).toEqual({ status: "failed", error: "the registry is empty" });
    expect(await scheduler.runNow("broken")).toMatchObject({ status: "failed" });
    expect(lines.map((l) => JSON.parse(l)).filter((r) => r.msg === "job failed")).toHaveLength(2);
  });

  it("tells each run's outcome and how long it took in real time, whatever the clock says", async () => {
    const told: { job: string; status: string; durationMs: number }[] = [];
    const slow: Job = {
      name: "slow",
      cron: "* * * * *",
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        return { ok: true };
      },
    };
    const scheduler = createScheduler({
      jobs: [slow],
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
      schedule: fakeCron().schedule,
      onRun: (job, run, durationMs) => void told.push({ job, status: run.status, durationMs }),
    });
    await scheduler.runNow("slow");
    expect(told).toEqual([{ job: "slow", status: "ran", durationMs: expect.any(Number) }]);
    expect(told[0]?.durationMs).toBeGreaterThanOrEqual(55);
    expect(told[0]?.durationMs).toBeLessThan(5_000);
  });

  it("refuses to run a job it does not know", () => {
    const scheduler = createScheduler({
      jobs: [],
      store: store(),
      clock: virtualClock(NOW),
      logger: silentLogger,
    });
    expect(() => scheduler.runNow("nope")).toThrow(/no job named "nope"/);
  });

  it("never overlaps a job with itself in one process", async () => {
    const gated = gatedJob("sweep");
    const fake = fakeCron();
    const clock = virtualClock(NOW);
    const scheduler = createScheduler({
      jobs: [gated.job],
      store: store(),
      clock,
      logger: silentLogger,
      schedule: fake.schedule,
    });
    const first = fake.fire("sweep");
    await gated.started();
    clock.advance(60_000);
    await fake.fire("sweep");
    expect(await scheduler.runNow("sweep")).toEqual({ status: "skipped", reason: "running-here" });
    gated.release();
    await first;
    expect(gated.runs).toHaveLength(1);
    expect(await scheduler.runNow("sweep")).toMatchObject({ status: "ran" });
  });
});
