import type { OutboxMessage, OutboxStatus } from "../outbox-message.js";
import { toEpochMs } from "../to-epoch-ms.js";

/** One row of the `outbox` table. */
export interface OutboxRow {
  id: number;
  idempotency_key: string;
  channel: string;
  recipient: string;
  payload: string;
  not_before: string;
  created_at: string;
  status: OutboxStatus;
  attempts: number;
  deferrals: number;
  due_at: string;
  due_ms: number;
  claimed_by: string | null;
  lease_until: string | null;
  lease_ms: number | null;
  last_error: string | null;
  sent_at: string | null;
  platform_message_id: string | null;
  sending_since: string | null;
}

/** A row as the message the features see; NULL columns become absent fields. */
export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  const message: OutboxMessage = {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    channel: row.channel,
    recipient: row.recipient,
    payload: JSON.parse(row.payload) as unknown,
    notBefore: row.not_before,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    dueAt: row.due_at,
  };
  if (row.deferrals > 0) message.deferrals = row.deferrals;
  if (row.claimed_by !== null) message.claimedBy = row.claimed_by;
  if (row.lease_until !== null) message.leaseUntil = row.lease_until;
  if (row.last_error !== null) message.lastError = row.last_error;
  if (row.sent_at !== null) message.sentAt = row.sent_at;
  if (row.platform_message_id !== null) message.platformMessageId = row.platform_message_id;
  if (row.sending_since !== null) message.sendingSince = row.sending_since;
  return message;
}

/** A message as a row to insert; without an id, SQLite assigns the next one. */
export function toOutboxRow(
  m: Omit<OutboxMessage, "id"> & { id?: number },
): Omit<OutboxRow, "id"> & { id: number | null } {
  return {
    id: m.id ?? null,
    idempotency_key: m.idempotencyKey,
    channel: m.channel,
    recipient: m.recipient,
    payload: JSON.stringify(m.payload),
    not_before: m.notBefore,
    created_at: m.createdAt,
    status: m.status,
    attempts: m.attempts,
    deferrals: m.deferrals ?? 0,
    due_at: m.dueAt,
    due_ms: toEpochMs(m.dueAt, "outbox dueAt"),
    claimed_by: m.claimedBy ?? null,
    lease_until: m.leaseUntil ?? null,
    lease_ms: m.leaseUntil === undefined ? null : toEpochMs(m.leaseUntil, "outbox leaseUntil"),
    last_error: m.lastError ?? null,
    sent_at: m.sentAt ?? null,
    platform_message_id: m.platformMessageId ?? null,
    sending_since: m.sendingSince ?? null,
  };
}
