import type { OutboxMessage, OutboxStore } from "../store/outbox-message.js";
import type { OutboxPayload } from "./outbox-payload.js";

// The ladder's steps in the order they come (reminders/plan-reminders.ts): a later step for the
// same task, unit, cycle and recipient says everything an earlier one would.
const LADDER = ["co-request", "first", "due", "overdue", "escalation"];

/**
 * The later ladder step already in the outbox for the same task/unit/cycle/recipient as this
 * reminder, if any. Only messages keyed the way the reminder sweep keys them
 * (task/unit/cycle/step/recipient, meta {task, unit, cycle, step}) are compared.
 */
export async function findSuperseding(
  outbox: Pick<OutboxStore, "findIdByKey">,
  message: OutboxMessage,
  meta: OutboxPayload["meta"],
): Promise<string | undefined> {
  const { task, unit, cycle, step } = meta ?? {};
  if (task === undefined || typeof unit !== "string" || typeof cycle !== "string") return undefined;
  const index = typeof step === "string" ? LADDER.indexOf(step) : -1;
  if (index < 0) return undefined;
  const keyOf = (s: string) => `${task}/${unit}/${cycle}/${s}/${message.recipient}`;
  if (keyOf(LADDER[index] as string) !== message.idempotencyKey) return undefined;
  for (const later of LADDER.slice(index + 1)) {
    if ((await outbox.findIdByKey(keyOf(later))) !== undefined) return later;
  }
  return undefined;
}
