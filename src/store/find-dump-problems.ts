import { overrideKey } from "./office-override.js";
import type { StoreDump } from "./store-dump.js";

/**
 * What the schema cannot see: duplicate ids and keys, and version histories with a gap. A store
 * loaded from a dump with any of these would break its own invariants, so restore refuses it.
 */
export function findDumpProblems(dump: StoreDump): string[] {
  const problems = [
    ...duplicates(
      "outbox id",
      dump.outbox.map((m) => String(m.id)),
    ),
    ...duplicates(
      "outbox idempotencyKey",
      dump.outbox.map((m) => m.idempotencyKey),
    ),
    ...duplicates(
      "request id",
      dump.requests.map((r) => r.id),
    ),
    ...duplicates(
      "card id",
      dump.cards.map((c) => c.cardId),
    ),
    ...duplicates(
      "prompt",
      dump.prompts.map((p) => JSON.stringify([p.personId, p.prompt.key])),
    ),
    ...duplicates(
      "person",
      dump.people.map((p) => p.personId),
    ),
    ...duplicates("override", dump.overrides.map(overrideKey)),
    ...duplicates(
      "audit seq",
      dump.audit.map((a) => String(a.seq)),
    ),
  ];
  for (const m of dump.outbox) {
    if (m.status === "sent" && (m.platformMessageId === undefined || m.sentAt === undefined)) {
      problems.push(`outbox ${m.id}: sent without platformMessageId and sentAt`);
    }
    if (m.status === "claimed" && (m.claimedBy === undefined || m.leaseUntil === undefined)) {
      problems.push(`outbox ${m.id}: claimed without claimedBy and leaseUntil`);
    }
  }
  const lastVersion = new Map<string, number>();
  for (const report of dump.progress) {
    const key = JSON.stringify([report.taskNo, report.unit, report.cycle]);
    const expected = (lastVersion.get(key) ?? 0) + 1;
    if (report.version !== expected) {
      problems.push(`progress ${key}: version ${report.version} where ${expected} was expected`);
    }
    lastVersion.set(key, report.version);
  }
  return problems;
}

function duplicates(what: string, values: string[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const value of values) {
    if (seen.has(value)) problems.push(`${what} ${value} appears more than once`);
    seen.add(value);
  }
  return problems;
}
