import { describe, expect, it, onTestFinished } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import { sparePort, startRedisServer } from "../helpers/inbox-faults.js";
import { runBuiltCli, SEED_NOTICE, startServiceProcess, waitFor } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";
import { countWecomRepeats } from "../helpers/wecom-repeats.js";

/**
 * Friday 26 March 2021, a few seconds before the 12:07 sweep: the sweep enqueues the day's reminders
 * (overdue notices, first reminders, escalations), all planned for the morning and so all due at
 * once. The demo clock runs with WeCom because its API is the fake on loopback; at 30× the outbox's
 * two-minute lease is 4 s of real time and WeCom's duplicate window (29 min) about a minute.
 */
const DAY = "2021-03-26";
const START = `${DAY}T12:06:45+08:00`;
const SPEED = "30";
/** The dispatcher's sends at the same time (create-dispatcher.ts): at most this many are in flight. */
const LANES = 4;

interface Planned {
  toId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issue 11, items 2 and 8: a one-minute Redis outage made 56 duplicate reminders, the dispatcher
// sending on while it could not record results. Here the test's own redis-server is SIGKILLed while
// the round's sends are in flight at a slow WeCom, kept down for seconds, and started again on the
// same append-only file.
describe("duban serve on Redis: redis-server killed in the middle of a reminder round, then restarted", () => {
  it("delivers every planned reminder once, keeps the outcomes in memory until Redis is back, and dead-letters nothing", async () => {
    const dir = makeTempDir("duban-dispatch-redis");
    onTestFinished(dir.remove);
    const port = await sparePort();
    let redis = await startRedisServer(port, dir.path);
    const env = {
      ...V1_ENV,
      DUBAN_DATA_DIR: dir.path,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: "dispatch-fault:",
    };
    expect(runBuiltCli(["import", SEED_NOTICE], env).code).toBe(0);
    // What the ladder plans for the day, per person, as the operator sees it (`duban plan`).
    const plan = runBuiltCli(["plan", "--from", DAY, "--to", DAY, "--json"], env);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as Planned[];
    expect(planned.length).toBeGreaterThan(50);
    const plannedPerUser = countBy(planned.map((p) => p.toId.replace(/^wecom:/, "")));

    // Each send takes 250 ms at WeCom: the four lanes always have sends in flight.
    const wecom = await startFakeWecomApi({ sendDelayMs: 250 });
    const service = await startServiceProcess({
      ...env,
      WECOM_API_BASE_URL: wecom.baseUrl,
      DUBAN_CLOCK: START,
      DUBAN_CLOCK_SPEED: SPEED,
    });
    expect((await service.get("/healthz")).status).toBe(200);

    // A fifth of the round has reached WeCom and more is on its way: the kill lands mid-dispatch.
    await waitFor(
      "a fifth of the round at WeCom, with sends in flight",
      async () => wecom.received() >= planned.length / 5 && wecom.received() > wecom.sends.length,
      { timeoutMs: 30_000, everyMs: 10 },
    );
    redis.kill("SIGKILL");
    await new Promise((resolve) => redis.once("exit", resolve));
    const receivedAtKill = wecom.received();

    // Down for longer than the client's retries of one command (about 1.2 s): writes fail, not wait.
    const down = await service.get<{ status: string; store: { error?: string } }>("/healthz");
    expect(down.status).toBe(503);
    expect(down.body.store.error).toMatch(/does not answer/);
    await sleep(4_000);
    // Nothing new went out while the store was down: what reached WeCom since the kill had been
    // noted as started before it (at most one send per lane, already on its way).
    const receivedWhileDown = wecom.received() - receivedAtKill;
    expect(receivedWhileDown).toBeLessThanOrEqual(LANES);
    redis = await startRedisServer(port, dir.path);
    await waitFor(
      "/healthz 200 once Redis is back",
      async () => (await service.get("/healthz")).status === 200,
      {
        timeoutMs: 15_000,
        everyMs: 200,
      },
    );

    // Every planned reminder reaches its person; then 3 s more, for a late copy to show.
    await waitFor(
      "every planned reminder at WeCom",
      async () => countWecomRepeats(wecom.sends).distinct >= planned.length,
      { timeoutMs: 40_000, everyMs: 200 },
    );
    await sleep(3_000);
    const repeats = countWecomRepeats(wecom.sends);
    const distinctPerUser = countBy([
      ...new Map(wecom.sends.map((s) => [JSON.stringify(s.body), s.touser])).values(),
    ]);
    expect(Object.fromEntries(distinctPerUser)).toEqual(Object.fromEntries(plannedPerUser));
    // Sent again only where WeCom drops the copy (its duplicate check, within the interval); none
    // is expected, since the outcomes waited in memory instead of the messages going out again.
    expect(repeats.unabsorbed).toBe(0);

    // The sends answered while Redis was down were recorded once it was back, and not sent again.
    const logs = service.logs();
    const kept = logs.filter((r) => r.msg.startsWith("send outcome not recorded (the store failed)"));
    const recorded = logs.filter((r) => r.msg === "send outcome recorded after the store came back");
    console.info(
      `redis-dispatch-outage: ${planned.length} planned, ${repeats.distinct} delivered; ` +
        `${receivedAtKill} sends had reached WeCom at the kill, ${receivedWhileDown} more while Redis was down; ` +
        `${kept.length} outcome(s) kept in memory and recorded after; ` +
        `${repeats.absorbed} repeat(s) WeCom's duplicate check would drop, ${repeats.unabsorbed} not`,
    );
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(recorded.map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
    expect(logs.filter((r) => r.msg.startsWith("sending again a message whose earlier send"))).toEqual([]);

    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    // The outbox, as the operator lists it: every message sent, nothing dead or left behind.
    const outbox = runBuiltCli(["outbox", "--json"], env);
    expect(outbox.code, outbox.stderr).toBe(0);
    const { counts } = JSON.parse(outbox.stdout) as { counts: Record<string, number> };
    expect(counts).toMatchObject({ pending: 0, claimed: 0, failed: 0, dead: 0, sent: planned.length });
  }, 90_000);
});

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
