import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ChannelName, SendResult } from "../channels/channel.js";
import type { ReceivingHealth } from "../channels/channel-plugin.js";
import type { AcceptOutcome } from "../inbound/inbox-processor.js";
import type { JobRun } from "../scheduler/job.js";
import type { Clock } from "../shared/clock.js";
import type { OutboxStatus } from "../store/outbox-message.js";
import { boundedLabel } from "./bounded-label.js";
import { processMetrics } from "./process-metrics.js";
import { type MetricsStore, readStoreGauges } from "./read-store-gauges.js";

const ACCEPT_OUTCOMES: readonly AcceptOutcome[] = ["accepted", "duplicate", "store-failed"];
const SEND_STATUSES: readonly SendResult["status"][] = [
  "sent",
  "invalid-recipient",
  "rate-limited",
  "transient-error",
  "permanent-error",
  "outcome-unknown",
];
const RUN_STATUSES: readonly JobRun["status"][] = ["ran", "skipped", "failed"];
const OUTBOX_STATES: readonly OutboxStatus[] = ["pending", "claimed", "failed", "sent", "dead"];
/** The states whose oldest message says something: what waits, and what is in flight. */
const WAITING_STATES: readonly OutboxStatus[] = ["pending", "claimed", "failed"];

export interface MetricsOptions {
  /** The service's clock: outbox ages are measured on it, as the messages' times are written. */
  clock: Clock;
  /** How long a scrape waits for the store before it reports it down (DUBAN_HEALTH_TIMEOUT_MS). */
  storeTimeoutMs: number;
}

/**
 * The app's Prometheus metrics, in a registry of its own (two apps in one process, as tests build
 * them, do not collide), merged with the process's default metrics. Counters move through the
 * observers the app wires into the inbox, the platforms, the dispatcher and the scheduler; the
 * outbox and the store are read at each scrape. Every label value is a name from code (channel,
 * job, state, status, reason), never anything a person sent.
 */
export interface Metrics {
  /** How the inbox took an inbound event (stored as new, a redelivery, the store failed). */
  inboundAccepted(channel: ChannelName, outcome: AcceptOutcome): void;
  /** A callback a platform refused before the inbox (bad signature, replay, malformed). */
  inboundRefused(channel: ChannelName, reason: string): void;
  /** One recipient's send result. */
  channelSent(channel: ChannelName, result: SendResult): void;
  /** A scheduled job's run and its duration in real milliseconds. */
  jobRan(job: string, run: JobRun, durationMs: number): void;
  /**
   * What a scrape reads (the store), and the channels and jobs whose series are shown at 0 before
   * anything happens, so that a rate over them starts at the first event.
   */
  watch(parts: {
    store: MetricsStore;
    channels: readonly ChannelName[];
    jobs: readonly string[];
    /** How receiving stands on the platforms that keep a connection of their own (a stream). */
    receiving?: () => Record<ChannelName, ReceivingHealth | undefined>;
  }): void;
  /** The text exposition, the store read first (within the timeout). */
  scrape(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const channelLabel = boundedLabel(16);
  const jobLabel = boundedLabel(32);
  const reasonLabel = boundedLabel(16);

  const inbound = new Counter({
    name: "duban_inbound_events_total",
    help: "Inbound events (platform callbacks, /dev/inbound) by channel and outcome: accepted (stored as new), duplicate (a redelivery), store-failed (answered 5xx so the platform retries), refused (not verified or not readable).",
    labelNames: ["channel", "outcome"] as const,
    registers,
  });
  const refusals = new Counter({
    name: "duban_inbound_refusals_total",
    help: "Callbacks refused before the inbox, by channel and reason (unauthorised, replay, malformed, too-large, failed).",
    labelNames: ["channel", "reason"] as const,
    registers,
  });
  const sends = new Counter({
    name: "duban_sends_total",
    help: "Send results per recipient, by channel and status (sent, invalid-recipient, rate-limited, transient-error, permanent-error, outcome-unknown).",
    labelNames: ["channel", "status"] as const,
    registers,
  });
  const outage = new Gauge({
    name: "duban_channel_outage",
    help: "1 while the channel's last send failed for the channel as a whole (its token, its rate limit, the platform down: the dispatcher pauses it), else 0.",
    labelNames: ["channel"] as const,
    registers,
  });
  const jobRuns = new Counter({
    name: "duban_job_runs_total",
    help: "Scheduled job runs by job and status: ran, skipped (another run or instance had it), failed.",
    labelNames: ["job", "status"] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: "duban_job_duration_seconds",
    help: "How long scheduled jobs that ran or failed took (the reminder sweep among them), in real seconds, their lock included.",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  const storeUp = new Gauge({
    name: "duban_store_up",
    help: "1 when the store answered the scrape's reads within the health timeout (DUBAN_HEALTH_TIMEOUT_MS), else 0.",
    registers,
  });
  const storePing = new Histogram({
    name: "duban_store_ping_duration_seconds",
    help: "How long the store took to answer a ping, one per scrape (as GET /healthz pings it); a late answer is counted when it comes.",
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const outboxMessages = new Gauge({
    name: "duban_outbox_messages",
    help: "Outbox messages by state: pending, claimed (being sent), failed (waiting for a retry), sent, dead.",
    labelNames: ["state"] as const,
    registers,
  });
  const outboxAge = new Gauge({
    name: "duban_outbox_oldest_age_seconds",
    help: "Age of the oldest outbox message in each waiting state (pending, claimed, failed) since it was enqueued, on the service's clock; 0 when there is none.",
    labelNames: ["state"] as const,
    registers,
  });
  const outboxLag = new Gauge({
    name: "duban_outbox_lag_seconds",
    help: "How long the earliest due outbox message has waited past its due time (the dispatcher's lag, as GET /healthz shows it); 0 when nothing is overdue, NaN when the store does not answer.",
    registers,
  });

  const receivingUp = new Gauge({
    name: "duban_channel_receiving_connected",
    help: "For a platform that keeps a connection of its own to receive (DingTalk's Stream): 1 while it is connected, else 0 (connecting, backing off).",
    labelNames: ["channel"] as const,
    registers,
  });
  const reconnects = new Gauge({
    name: "duban_channel_receiving_reconnects",
    help: "Connections the platform's receiving opened after its first one (rotations by the platform included), since the start.",
    labelNames: ["channel"] as const,
    registers,
  });
  let receiving: (() => Record<ChannelName, ReceivingHealth | undefined>) | undefined;
  const readReceiving = (): void => {
    for (const [name, health] of Object.entries(receiving?.() ?? {})) {
      if (!health) continue;
      const channel = channelLabel(name);
      receivingUp.set({ channel }, health.state.status === "connected" ? 1 : 0);
      if (typeof health.state.reconnects === "number") reconnects.set({ channel }, health.state.reconnects);
    }
  };

  const storeGauges = [storeUp, outboxMessages, outboxAge, outboxLag];
  const exposed = Registry.merge([processMetrics(), registry]);
  let store: MetricsStore | undefined;

  const readStore = async (): Promise<void> => {
    for (const gauge of storeGauges) gauge.reset();
    if (store === undefined) return;
    const read = await readStoreGauges(store, {
      now: options.clock.now(),
      timeoutMs: options.storeTimeoutMs,
      waiting: WAITING_STATES,
      onPing: (ms) => storePing.observe(ms / 1000),
    });
    storeUp.set(read === undefined ? 0 : 1);
    // A store that did not answer leaves its gauges empty (the lag, which has no labels, NaN)
    // rather than showing stale figures or a lag of 0.
    if (read === undefined) {
      outboxLag.set(Number.NaN);
      return;
    }
    for (const state of OUTBOX_STATES) outboxMessages.set({ state }, read.counts[state]);
    for (const state of WAITING_STATES) outboxAge.set({ state }, (read.oldestAgeMs[state] ?? 0) / 1000);
    outboxLag.set(read.lagMs / 1000);
  };

  return {
    inboundAccepted(channel, outcome) {
      inbound.inc({ channel: channelLabel(channel), outcome });
    },
    inboundRefused(channel, reason) {
      const label = channelLabel(channel);
      inbound.inc({ channel: label, outcome: "refused" });
      refusals.inc({ channel: label, reason: reasonLabel(reason) });
    },
    channelSent(channel, result) {
      const label = channelLabel(channel);
      sends.inc({ channel: label, status: result.status });
      const channelWide = result.status !== "sent" && "scope" in result && result.scope === "channel";
      outage.set({ channel: label }, channelWide ? 1 : 0);
    },
    jobRan(job, run, durationMs) {
      const label = jobLabel(job);
      jobRuns.inc({ job: label, status: run.status });
      if (run.status !== "skipped") jobDuration.observe({ job: label }, durationMs / 1000);
    },
    watch(parts) {
      store = parts.store;
      receiving = parts.receiving;
      for (const name of parts.channels) {
        const channel = channelLabel(name);
        for (const outcome of [...ACCEPT_OUTCOMES, "refused"]) inbound.inc({ channel, outcome }, 0);
        for (const status of SEND_STATUSES) sends.inc({ channel, status }, 0);
        outage.set({ channel }, 0);
      }
      for (const name of parts.jobs) {
        const job = jobLabel(name);
        for (const status of RUN_STATUSES) jobRuns.inc({ job, status }, 0);
      }
    },
    async scrape() {
      readReceiving();
      await readStore();
      return exposed.metrics();
    },
    contentType: exposed.contentType,
  };
}
