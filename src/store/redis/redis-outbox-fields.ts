import type { OutboxMessage } from "../outbox-message.js";
import { toEpochMs } from "../to-epoch-ms.js";

/**
 * A message as the field/value pairs of its Redis hash. Instants compared by the scripts are
 * kept as epoch milliseconds too (`dueMs`, `leaseMs`); absent fields are not written.
 */
export function toOutboxFields(m: Omit<OutboxMessage, "id"> & { id?: number }): string[] {
  const fields: Record<string, string | number | undefined> = {
    id: m.id,
    idempotencyKey: m.idempotencyKey,
    channel: m.channel,
    recipient: m.recipient,
    payload: JSON.stringify(m.payload),
    notBefore: m.notBefore,
    createdAt: m.createdAt,
    status: m.status,
    attempts: m.attempts,
    deferrals: m.deferrals,
    dueAt: m.dueAt,
    dueMs: toEpochMs(m.dueAt, "outbox dueAt"),
    claimedBy: m.claimedBy,
    leaseUntil: m.leaseUntil,
    leaseMs: m.leaseUntil === undefined ? undefined : toEpochMs(m.leaseUntil, "outbox leaseUntil"),
    lastError: m.lastError,
    sentAt: m.sentAt,
    platformMessageId: m.platformMessageId,
    sendingSince: m.sendingSince,
  };
  return Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [k, String(v)]));
}

/** The hash (as HGETALL gives it) back as a message. */
export function fromOutboxFields(h: Record<string, string>): OutboxMessage {
  const message: OutboxMessage = {
    id: Number(h.id),
    idempotencyKey: h.idempotencyKey ?? "",
    channel: h.channel ?? "",
    recipient: h.recipient ?? "",
    payload: JSON.parse(h.payload ?? "null") as unknown,
    notBefore: h.notBefore ?? "",
    createdAt: h.createdAt ?? "",
    status: h.status as OutboxMessage["status"],
    attempts: Number(h.attempts),
    dueAt: h.dueAt ?? "",
  };
  // Absent until the first deferral; a hash field is never 0 (the scripts only increment it).
  if (h.deferrals !== undefined) message.deferrals = Number(h.deferrals);
  for (const key of [
    "claimedBy",
    "leaseUntil",
    "lastError",
    "sentAt",
    "platformMessageId",
    "sendingSince",
  ] as const) {
    const value = h[key];
    if (value !== undefined) message[key] = value;
  }
  return message;
}

/** HGETALL as a flat array (what a Lua script returns) to an object. */
export function pairsToRecord(pairs: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[pairs[i] as string] = pairs[i + 1] as string;
  return record;
}
