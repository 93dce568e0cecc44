import { afterAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../../src/scheduler/create-scheduler.js";
import { createLogger, type Logger, silentLogger } from "../../../src/shared/logger.js";
import type { Store } from "../../../src/store/store.js";
import { virtualClock } from "../../fixtures/delivery/delivery-world.js";
import { fakeCron, gatedJob } from "../../fixtures/delivery/fake-cron.js";
import { storeTargets } from "../../fixtures/store/store-targets.js";

const NOW = "2021-03-22T00:07:00.000Z"; // 08:07 in Shanghai

const { targets, cleanup } = await storeTargets("scheduler-locks");
afterAll(cleanup);

/** Two instances of the service: each its own store connection, cron and scheduler, one shared clock. */
async function twoInstances(
  target: (typeof targets)[number],
  job: ReturnType<typeof gatedJob>["job"],
  options: { lockTtlMs?: number; logger?: Logger } = {},
) {
  const location = target.fresh();
  const clock = virtualClock(NOW);
  const stores: Store[] = [await target.open(location), await target.open(location)];
  const instances = stores.map((store) => {
    const cron = fakeCron();
    const scheduler = createScheduler({
      jobs: [job],
      store,
      clock,
      logger: options.logger ?? silentLogger,
      schedule: cron.schedule,
      ...(options.lockTtlMs === undefined ? {} : { lockTtlMs: options.lockTtlMs }),
    });
    return { cron, scheduler };
  });
  return { clock, instances, close: () => Promise.all(stores.map((s) => s.close())) };
}

describe.each(targets)("$name: two schedulers on one store", (target) => {
  it.skipIf(!target.available)("run a job once per tick between them", async () => {
    const gated = gatedJob("sweep");
    gated.release();
    const { clock, instances, close } = await twoInstances(target, gated.job);
    try {
      await Promise.all(instances.map((i) => i.cron.fire("sweep")));
      expect(gated.runs).toHaveLength(1);
      clock.advance(60_000);
      await Promise.all(instances.map((i) => i.cron.fire("sweep")));
      expect(gated.runs).toHaveLength(2);
      // One instance's timer firing late, within the same minute, still finds the tick taken.
      clock.advance(20_000);
      await instances[0]?.cron.fire("sweep");
      expect(gated.runs).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it.skipIf(!target.available)("never start a run while the other instance's run is going on", async () => {
    const gated = gatedJob("sweep");
    const { clock, instances, close } = await twoInstances(target, gated.job);
    const [a, b] = instances;
    try {
      const first = a?.cron.fire("sweep");
      await gated.started();
      clock.advance(60_000);
      await b?.cron.fire("sweep");
      expect(await b?.scheduler.runNow("sweep")).toEqual({ status: "skipped", reason: "running-elsewhere" });
      expect(gated.runs).toHaveLength(1);
      gated.release();
      await first;
      expect(await b?.scheduler.runNow("sweep")).toMatchObject({ status: "ran" });
      expect(gated.runs).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it.skipIf(!target.available)(
    "keep the lock while a run outlasts its TTL, and release it at the end",
    async () => {
      const lines: string[] = [];
      const logger = createLogger({ write: (line) => lines.push(line) });
      const gated = gatedJob("sweep");
      const lockTtlMs = 1_000;
      const { instances, close } = await twoInstances(target, gated.job, { lockTtlMs, logger });
      const [a, b] = instances;
      try {
        const first = a?.scheduler.runNow("sweep");
        await gated.started();
        // Real time, as the lock's TTL runs on it: without renewal the lock would be free by now.
        await new Promise((resolve) => setTimeout(resolve, 2.5 * lockTtlMs));
        expect(await b?.scheduler.runNow("sweep")).toEqual({
          status: "skipped",
          reason: "running-elsewhere",
        });
        gated.release();
        expect(await first).toMatchObject({ status: "ran" });
        expect(await b?.scheduler.runNow("sweep")).toMatchObject({ status: "ran" });
        const warnings = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
        expect(warnings.filter((w) => w.level === "warn")).toEqual([]);
      } finally {
        await close();
      }
    },
  );
});
