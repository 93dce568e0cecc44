import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../src/metrics/create-metrics.js";
import type { MetricsStore } from "../../../src/metrics/read-store-gauges.js";
import type { OutboxMessage, OutboxStats } from "../../../src/store/outbox-message.js";
import { virtualClock } from "../../fixtures/delivery/delivery-world.js";
import { parsePrometheusText, sampleValue } from "../../helpers/prometheus-text.js";

const NOW = "2021-03-22T01:00:00.000Z";
const STATS: OutboxStats = { pending: 3, claimed: 1, failed: 2, sent: 40, dead: 1 };

/** A store whose outbox holds STATS, the oldest pending message enqueued 30 min before NOW. */
function fakeStore(overrides: Partial<MetricsStore> = {}): MetricsStore {
  const oldest: Partial<Record<string, string>> = {
    pending: "2021-03-22T00:30:00.000Z",
    failed: "2021-03-22T00:50:00.000Z",
  };
  return {
    ping: async () => {},
    outbox: {
      stats: async () => ({ ...STATS }),
      nextDueAt: async () => "2021-03-22T00:58:00.000Z",
      list: async (filter = {}) => {
        const createdAt = oldest[filter.status ?? ""];
        return createdAt ? [{ createdAt } as OutboxMessage] : [];
      },
    },
    ...overrides,
  };
}

function metricsWith(store: MetricsStore = fakeStore(), storeTimeoutMs = 1_000) {
  const metrics = createMetrics({ clock: virtualClock(NOW), storeTimeoutMs });
  metrics.watch({ store, channels: ["local", "wecom"], jobs: ["reminder-sweep", "retention"] });
  const scrape = async () => parsePrometheusText(await metrics.scrape()).samples;
  return { metrics, scrape };
}

describe("createMetrics", () => {
  it("counts inbound events by channel and outcome, refusals by reason", async () => {
    const { metrics, scrape } = metricsWith();
    metrics.inboundAccepted("local", "accepted");
    metrics.inboundAccepted("local", "accepted");
    metrics.inboundAccepted("local", "duplicate");
    metrics.inboundAccepted("wecom", "store-failed");
    metrics.inboundRefused("wecom", "unauthorised");
    metrics.inboundRefused("wecom", "replay");
    const samples = await scrape();
    const inbound = (channel: string, outcome: string) =>
      sampleValue(samples, "duban_inbound_events_total", { channel, outcome });
    expect(inbound("local", "accepted")).toBe(2);
    expect(inbound("local", "duplicate")).toBe(1);
    expect(inbound("local", "store-failed")).toBe(0);
    expect(inbound("wecom", "store-failed")).toBe(1);
    expect(inbound("wecom", "refused")).toBe(2);
    expect(
      sampleValue(samples, "duban_inbound_refusals_total", { channel: "wecom", reason: "unauthorised" }),
    ).toBe(1);
    expect(sampleValue(samples, "duban_inbound_refusals_total", { channel: "wecom", reason: "replay" })).toBe(
      1,
    );
  });

  it("counts sends by channel and status, and marks a channel in outage while its last send failed for the whole channel", async () => {
    const { metrics, scrape } = metricsWith();
    metrics.channelSent("wecom", { status: "sent", platformMessageId: "m1" });
    metrics.channelSent("wecom", { status: "transient-error", reason: "timeout" });
    const outage = async () => sampleValue(await scrape(), "duban_channel_outage", { channel: "wecom" });
    expect(await outage()).toBe(0);
    metrics.channelSent("wecom", { status: "transient-error", reason: "40001", scope: "channel" });
    expect(await outage()).toBe(1);
    metrics.channelSent("wecom", {
      status: "rate-limited",
      retryAfterMs: 60_000,
      reason: "45009",
      scope: "channel",
    });
    expect(await outage()).toBe(1);
    metrics.channelSent("wecom", { status: "sent", platformMessageId: "m2" });
    expect(await outage()).toBe(0);
    const samples = await scrape();
    const sends = (status: string) => sampleValue(samples, "duban_sends_total", { channel: "wecom", status });
    expect(sends("sent")).toBe(2);
    expect(sends("transient-error")).toBe(2);
    expect(sends("rate-limited")).toBe(1);
    expect(sends("permanent-error")).toBe(0);
    expect(sampleValue(samples, "duban_channel_outage", { channel: "local" })).toBe(0);
  });

  it("counts job runs by status and times those that ran or failed", async () => {
    const { metrics, scrape } = metricsWith();
    metrics.jobRan("reminder-sweep", { status: "ran", report: { enqueued: 3 } }, 1_500);
    metrics.jobRan("reminder-sweep", { status: "failed", error: "boom" }, 20);
    metrics.jobRan("reminder-sweep", { status: "skipped", reason: "tick-taken" }, 2);
    const samples = await scrape();
    const runs = (status: string) =>
      sampleValue(samples, "duban_job_runs_total", { job: "reminder-sweep", status });
    expect([runs("ran"), runs("failed"), runs("skipped")]).toEqual([1, 1, 1]);
    expect(sampleValue(samples, "duban_job_runs_total", { job: "retention", status: "ran" })).toBe(0);
    const sweep = { job: "reminder-sweep" };
    expect(sampleValue(samples, "duban_job_duration_seconds_count", sweep)).toBe(2);
    expect(sampleValue(samples, "duban_job_duration_seconds_sum", sweep)).toBeCloseTo(1.52);
    expect(sampleValue(samples, "duban_job_duration_seconds_bucket", { ...sweep, le: "1" })).toBe(1);
    expect(sampleValue(samples, "duban_job_duration_seconds_bucket", { ...sweep, le: "2.5" })).toBe(2);
  });

  it("reads the outbox at each scrape: messages by state, the oldest waiting one's age, the lag", async () => {
    let stats = { ...STATS };
    const store = fakeStore();
    store.outbox.stats = async () => stats;
    const { scrape } = metricsWith(store);
    let samples = await scrape();
    const messages = (state: string) => sampleValue(samples, "duban_outbox_messages", { state });
    expect(["pending", "claimed", "failed", "sent", "dead"].map(messages)).toEqual([3, 1, 2, 40, 1]);
    const age = (state: string) => sampleValue(samples, "duban_outbox_oldest_age_seconds", { state });
    expect(age("pending")).toBe(1_800);
    expect(age("failed")).toBe(600);
    expect(age("claimed")).toBe(0);
    expect(age("sent")).toBeUndefined();
    expect(sampleValue(samples, "duban_outbox_lag_seconds")).toBe(120);
    expect(sampleValue(samples, "duban_store_up")).toBe(1);
    expect(sampleValue(samples, "duban_store_ping_duration_seconds_count")).toBe(1);

    stats = { ...STATS, pending: 0, sent: 43 };
    samples = await scrape();
    expect(messages("pending")).toBe(0);
    expect(messages("sent")).toBe(43);
    expect(sampleValue(samples, "duban_store_ping_duration_seconds_count")).toBe(2);
  });

  it("reports the store down, with no outbox figures, when it fails or does not answer in time", async () => {
    const failing = metricsWith(
      fakeStore({
        ping: async () => {
          throw new Error("ECONNREFUSED");
        },
      }),
    );
    let samples = await failing.scrape();
    expect(sampleValue(samples, "duban_store_up")).toBe(0);
    expect(samples.filter((s) => s.name.startsWith("duban_outbox_messages"))).toEqual([]);
    expect(samples.filter((s) => s.name.startsWith("duban_outbox_oldest_"))).toEqual([]);
    expect(sampleValue(samples, "duban_outbox_lag_seconds")).toBeNaN();

    const hanging = metricsWith(fakeStore({ ping: () => new Promise(() => {}) }), 100);
    const started = performance.now();
    samples = await hanging.scrape();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(sampleValue(samples, "duban_store_up")).toBe(0);
    expect(samples.filter((s) => s.name.startsWith("duban_outbox_messages"))).toEqual([]);
    expect(sampleValue(samples, "duban_store_ping_duration_seconds_count")).toBe(0);
  });

  it("keeps label values bounded, whatever a caller passes", async () => {
    const { metrics, scrape } = metricsWith();
    metrics.inboundRefused("wecom", "signature of 张三 did not match");
    for (let i = 0; i < 20; i++) metrics.inboundAccepted(`platform${i}`, "accepted");
    const samples = await scrape();
    expect(sampleValue(samples, "duban_inbound_refusals_total", { channel: "wecom", reason: "other" })).toBe(
      1,
    );
    const channels = new Set(
      samples.filter((s) => s.name === "duban_inbound_events_total").map((s) => s.labels.channel),
    );
    // local and wecom (watched), 14 of the others, then "other" for the rest.
    expect(channels.size).toBe(17);
    expect(
      sampleValue(samples, "duban_inbound_events_total", { channel: "other", outcome: "accepted" }),
    ).toBe(6);
  });

  it("gives each app its own counters, with the process's default metrics in every scrape", async () => {
    const first = metricsWith();
    const second = metricsWith();
    first.metrics.inboundAccepted("local", "accepted");
    const a = await first.scrape();
    const b = await second.scrape();
    expect(sampleValue(a, "duban_inbound_events_total", { channel: "local", outcome: "accepted" })).toBe(1);
    expect(sampleValue(b, "duban_inbound_events_total", { channel: "local", outcome: "accepted" })).toBe(0);
    for (const samples of [a, b]) {
      expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
      expect(samples.some((s) => s.name === "nodejs_eventloop_lag_seconds")).toBe(true);
    }
  });

  it("describes every metric of its own with a help text and the duban_ prefix", async () => {
    const { metrics } = metricsWith();
    const { help, types } = parsePrometheusText(await metrics.scrape());
    const own = [...types.keys()].filter(
      (name) => !name.startsWith("process_") && !name.startsWith("nodejs_"),
    );
    expect(own.length).toBeGreaterThanOrEqual(11);
    for (const name of own) {
      expect(name).toMatch(/^duban_/);
      expect(help.get(name)?.length ?? 0).toBeGreaterThan(20);
    }
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
