import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { virtualClock } from "../fixtures/delivery/delivery-world.js";
import { fakeCron } from "../fixtures/delivery/fake-cron.js";
import { V1_ENV, V2, V2_BODY } from "../fixtures/wecom/vectors.js";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";
import { parsePrometheusText, type Sample, sampleValue } from "../helpers/prometheus-text.js";
import { importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const apps = useProgressApps();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scrape(base: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text()).samples;
}

/** The real app on `host` over an empty data directory (or one with the seed), as `duban serve` builds it. */
async function startApp(
  env: Record<string, string>,
  options: { host?: string; seed?: boolean; background?: boolean } = {},
) {
  const dir = makeTempDir("duban-metrics");
  cleanups.push(dir.remove);
  if (options.seed) {
    const store = await openStore({ dataDir: dir.path, redisKeyPrefix: "unused:" });
    await importSeed(store);
    await store.close();
  }
  const fullEnv = { DUBAN_DATA_DIR: dir.path, ...env };
  // Monday 22 March 2021, 09:00 in Shanghai: the seed's reminders are due.
  const clock = virtualClock("2021-03-22T01:00:00.000Z");
  const app = await createApp(loadConfig(fullEnv), silentLogger, {
    env: fullEnv,
    clock,
    schedule: fakeCron().schedule,
  });
  cleanups.push(() => app.stop());
  // A long pause between dispatch rounds: only the first runs while the test reads.
  if (options.background) await app.startBackground({ dispatchIntervalMs: 3_600_000 });
  const server = app.http.listen(0, options.host ?? "127.0.0.1");
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return { app, clock, port, base: `http://127.0.0.1:${port}` };
}

describe("GET /metrics", () => {
  it("counts an event injected through /dev/inbound, its redelivery, and the sends the outbox recorded", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "/help", "metrics-1");
    await app.say(PEOPLE.hrContact, "/help", "metrics-1");
    await app.say(PEOPLE.financeContact, "帮助", "metrics-2");

    const samples = await scrape(app.base);
    const inbound = (outcome: string) =>
      sampleValue(samples, "duban_inbound_events_total", { channel: "local", outcome });
    expect(inbound("accepted")).toBe(2);
    expect(inbound("duplicate")).toBe(1);
    expect(inbound("store-failed")).toBe(0);
    expect(inbound("refused")).toBe(0);

    // Each message the local channel sent (card updates aside) is one send result and one sent row.
    const sent = (await app.outbox()).filter((m) => !m.update).length;
    expect(sent).toBeGreaterThan(2);
    expect(sampleValue(samples, "duban_sends_total", { channel: "local", status: "sent" })).toBe(sent);
    expect(sampleValue(samples, "duban_sends_total", { channel: "local", status: "transient-error" })).toBe(
      0,
    );
    expect(sampleValue(samples, "duban_outbox_messages", { state: "sent" })).toBe(sent);
    expect(sampleValue(samples, "duban_channel_outage", { channel: "local" })).toBe(0);
    expect(sampleValue(samples, "duban_store_up")).toBe(1);
    expect(sampleValue(samples, "duban_store_ping_duration_seconds_count")).toBe(1);
    expect(sampleValue(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("counts the scheduler's job runs with their durations, and ages what the outbox holds", async () => {
    const { app, base, clock } = await startApp({}, { seed: true, background: true });
    const samples = await scrape(base);
    const jobs = app.services.jobs.map((job) => job.name);
    expect(jobs).toContain("reminder-sweep");
    for (const job of jobs) {
      expect(sampleValue(samples, "duban_job_runs_total", { job, status: "ran" })).toBe(1);
      expect(sampleValue(samples, "duban_job_runs_total", { job, status: "failed" })).toBe(0);
      expect(sampleValue(samples, "duban_job_duration_seconds_count", { job })).toBe(1);
    }
    const counts = Object.fromEntries(
      samples.filter((s) => s.name === "duban_outbox_messages").map((s) => [String(s.labels.state), s.value]),
    );
    expect(counts).toEqual(await app.services.store.outbox.stats());
    // The sweep enqueued the morning's cards at 09:00 on the service's clock; ten minutes on, the
    // oldest of them is ten minutes old (the dispatch loop's next round is an hour away).
    expect(counts.pending).toBeGreaterThan(0);
    clock.advance(10 * 60_000);
    const later = await scrape(base);
    expect(sampleValue(later, "duban_outbox_oldest_age_seconds", { state: "pending" })).toBe(600);
    expect(sampleValue(later, "duban_outbox_oldest_age_seconds", { state: "failed" })).toBe(0);
    expect(sampleValue(later, "duban_outbox_lag_seconds")).toBeGreaterThan(0);
  });

  it("counts WeCom callbacks: accepted, repeated, and refused with why", async () => {
    const { base } = await startApp(V1_ENV);
    const search = `msg_signature=${V2.signature}&timestamp=${V2.timestamp}&nonce=${V2.nonce}`;
    const post = (query: string) =>
      fetch(`${base}/wecom/callback?${query}`, { method: "POST", body: V2_BODY });
    expect((await post(search)).status).toBe(200);
    expect((await post(search)).status).toBe(200);
    expect((await post(search.replace(V2.signature, "0".repeat(40)))).status).toBe(401);
    expect((await post("timestamp=1")).status).toBe(401);

    const samples = await scrape(base);
    const inbound = (outcome: string) =>
      sampleValue(samples, "duban_inbound_events_total", { channel: "wecom", outcome });
    expect([inbound("accepted"), inbound("duplicate"), inbound("refused")]).toEqual([1, 1, 2]);
    expect(
      sampleValue(samples, "duban_inbound_refusals_total", { channel: "wecom", reason: "unauthorised" }),
    ).toBe(2);
    expect(sampleValue(samples, "duban_sends_total", { channel: "wecom", status: "sent" })).toBe(0);
    expect(samples.some((s) => s.labels.channel === "local")).toBe(false);
  });

  it("is not there with DUBAN_METRICS=off", async () => {
    const { base } = await startApp({ DUBAN_METRICS: "off" });
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === "IPv4")?.address;

  /** GET /metrics from the machine's external address, on a raw socket: the status line. */
  async function fromOutside(port: number): Promise<string> {
    const socket = connect({ host: external, port });
    socket.write(
      "GET /metrics HTTP/1.1\r\nHost: duban\r\nX-Forwarded-For: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    let response = "";
    socket.on("data", (chunk: Buffer) => {
      response += chunk.toString();
    });
    await once(socket, "end");
    return response;
  }

  it.runIf(external !== undefined)(
    "answers 403 from another address by default, whatever X-Forwarded-For says, and 200 with DUBAN_METRICS=open",
    async () => {
      const closed = await startApp({}, { host: "0.0.0.0" });
      expect((await fromOutside(closed.port)).split("\r\n")[0]).toBe("HTTP/1.1 403 Forbidden");
      expect((await fetch(`${closed.base}/metrics`)).status).toBe(200);

      const open = await startApp({ DUBAN_METRICS: "open" }, { host: "0.0.0.0" });
      const response = await fromOutside(open.port);
      expect(response.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      expect(response).toContain("# TYPE duban_inbound_events_total counter");
    },
  );
});
