import type { LocalChannel } from "../channels/local/local-channel.js";
import { countDump } from "../store/count-dump.js";
import { serializedDumpBytes } from "../store/serialize-dump.js";
import type { Store } from "../store/store.js";
import type { StoreDump } from "../store/store-dump.js";
import { countReports, type ReportTotals } from "./count-reports.js";
import { peakInWindow } from "./peak-in-window.js";

export interface SimulationTotals {
  messages: number;
  /** Messages per ladder step ("first", "due", "overdue", "escalation", "co-request", notices). */
  perStep: Record<string, number>;
  /** Unit-cycles that reached the escalation step, and the escalation messages sent. */
  escalatedUnitCycles: number;
  escalationMessages: number;
  /** Host units (of a task) that never received an overdue notice in the whole period. */
  hostUnits: number;
  unitsNeverLate: number;
  replies: number;
  peakPerMemberPerMinute: number;
  peakPerMemberPerHour: number;
  /** The longest time a message waited past its planned time before it was sent. */
  longestOutboxLagMs: number;
  outbox: Record<string, number>;
  /** The leaders' weekly digests and the bulletins' summaries sent, and their sizes. */
  reports: ReportTotals;
  /**
   * What the store keeps at the end, after the retention job's nightly runs: its records (the
   * registry's imports, progress, requests, messages, cards, prompts, people, audit entries) and
   * their size as `duban backup` writes them (bytes, and megabytes to two decimals).
   */
  storeRecords: number;
  storeBytes: number;
  storeMegabytes: string;
}

/** Totals from what the local channel actually received and what the store recorded. */
export async function summarizeSimulation(input: {
  store: Store;
  local: LocalChannel;
  replies: number;
}): Promise<SimulationTotals> {
  const { store, local } = input;
  const sent = local.sent().filter((m) => !m.update);
  const perStep: Record<string, number> = {};
  for (const m of sent) {
    const step = stepOf(m.idempotencyKey ?? "");
    perStep[step] = (perStep[step] ?? 0) + 1;
  }
  // One read of everything the store keeps: the totals below and its size come from it.
  const dump = await store.exportAll();
  const escalated = new Set<string>();
  const late = new Set<string>();
  for (const entry of dump.audit) {
    if (entry.action !== "reminder.enqueued") continue;
    const key = `${entry.taskNo}/${entry.unit}`;
    if (entry.details.step === "escalation") escalated.add(`${key}/${entry.details.cycle}`);
    if (entry.details.step === "overdue") late.add(key);
  }
  const hosts = (dump.registry.current?.assignments ?? [])
    .filter((a) => a.role === "host")
    .map((a) => `${a.taskNo}/${a.unit}`);
  let lag = 0;
  for (const m of dump.outbox) {
    if (m.status === "sent" && m.sentAt) lag = Math.max(lag, Date.parse(m.sentAt) - Date.parse(m.notBefore));
  }
  return {
    messages: sent.length,
    perStep,
    escalatedUnitCycles: escalated.size,
    escalationMessages: perStep.escalation ?? 0,
    hostUnits: new Set(hosts).size,
    unitsNeverLate: new Set(hosts.filter((h) => !late.has(h))).size,
    replies: input.replies,
    peakPerMemberPerMinute: peakPerMember(sent, 60_000),
    peakPerMemberPerHour: peakPerMember(sent, 3_600_000),
    longestOutboxLagMs: lag,
    outbox: await store.outbox.stats(),
    reports: countReports(sent),
    ...storeSize(dump),
  };
}

/** The records the store holds and their size in a backup: a year's growth, retention applied. */
function storeSize(dump: StoreDump) {
  const counts = countDump(dump);
  const storeBytes = serializedDumpBytes(dump);
  return {
    storeRecords: Object.entries(counts)
      .filter(([section]) => section !== "tasks")
      .reduce((sum, [, count]) => sum + count, 0),
    storeBytes,
    storeMegabytes: (storeBytes / 1_000_000).toFixed(2),
  };
}

function stepOf(key: string): string {
  const parts = key.split("/");
  const head = parts[0] as string;
  // Reminders are keyed task/unit/cycle/step/recipient; the weekly leader digest
  // digest/week/leader/recipient/part is one of the notices.
  if (parts.length === 5 && /^\d+$/.test(head)) return parts[3] as string;
  // Daily digests are keyed step/date/person; answers to replies answer/channel/event/n.
  return ["overdue", "escalation", "co-request", "answer"].includes(head) ? head : "notice";
}

/** The most messages one member received within any window of `windowMs` (sliding). */
function peakPerMember(sent: readonly { to: string; at: string }[], windowMs: number): number {
  const byMember = new Map<string, number[]>();
  for (const m of sent) {
    const times = byMember.get(m.to);
    if (times) times.push(Date.parse(m.at));
    else byMember.set(m.to, [Date.parse(m.at)]);
  }
  return Math.max(0, ...[...byMember.values()].map((times) => peakInWindow(times, windowMs)));
}
