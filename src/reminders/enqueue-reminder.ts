import { cardIdFor } from "../cards/card-id.js";
import type { OutboxPayload } from "../delivery/outbox-payload.js";
import { assignmentsByTask } from "../registry/assignments-by-task.js";
import type { Store } from "../store/store.js";
import { loadCardFacts } from "./load-card-facts.js";
import type { PlannedReminder, ReminderWorld } from "./plan-reminders.js";
import { renderReminder } from "./render-reminder.js";

/** What an enqueue that is not the sweep's own says differently (an office's urge, /remind). */
export interface EnqueueAs {
  /** The card's title instead of the step's. */
  title?: string;
  /** Who the audit log says acted (default "system") and what (default "reminder.enqueued"). */
  actor?: string;
  action?: string;
  /** Added to each audit entry's details. */
  details?: Record<string, unknown>;
  /** Added to the outbox labels ({ kind: "urge" }). */
  meta?: Record<string, string | number>;
}

/**
 * Renders a planned reminder (a card with the unit's record, or a digest) and puts it in the
 * outbox under its idempotency key, records the card so that clicks find it, and logs one audit
 * entry per unit it is about. False when it was enqueued before (nothing is read or written again).
 * The sweep's path; /remind sends its urges through it too.
 */
export async function enqueueReminder(
  store: Store,
  world: ReminderWorld,
  r: PlannedReminder,
  now: Date,
  as: EnqueueAs = {},
): Promise<boolean> {
  const isCard = r.items === undefined;
  const cardId = isCard ? cardIdFor(r.idempotencyKey) : undefined;
  // Already enqueued by an earlier sweep (the sweep runs five times a day): skip the reads and the
  // rendering. A card is known by its record, a digest by its key in the outbox.
  if (
    cardId ? await store.cards.get(cardId) : (await store.outbox.findIdByKey(r.idempotencyKey)) !== undefined
  )
    return false;
  const task = world.tasks.get(r.taskNo);
  const byTask = assignmentsByTask(world.assignments);
  const facts =
    isCard && task ? await loadCardFacts(store, task, r.unit, byTask.get(r.taskNo) ?? []) : undefined;
  const message = renderReminder(
    r,
    {
      tasks: world.tasks,
      calendar: world.calendar,
      people: world.people,
      hostUnitsOf: (no) => (byTask.get(no) ?? []).filter((a) => a.role === "host").map((a) => a.unit),
      coInputDue: world.settings.ladder.coInputDue,
      acknowledged: (no, unit) => world.reported(no, unit, ""),
      limits: world.limits,
    },
    facts,
  );
  const payload: OutboxPayload = {
    message:
      as.title !== undefined && message.kind === "card"
        ? { ...message, card: { ...message.card, title: as.title } }
        : message,
    ...(cardId ? { cardId } : {}),
    meta: { task: r.taskNo, unit: r.unit, cycle: r.cycle, step: r.step, ...as.meta },
  };
  const { created } = await store.outbox.enqueue({
    idempotencyKey: r.idempotencyKey,
    channel: r.channel,
    recipient: r.recipient.personId,
    payload,
    notBefore: r.at,
    createdAt: now.toISOString(),
  });
  if (!created) return false;
  if (cardId) {
    await store.cards.put({
      cardId,
      channel: r.channel,
      taskNo: r.taskNo,
      unit: r.unit,
      cycle: r.cycle,
      recipient: r.recipient.personId,
      createdAt: now.toISOString(),
    });
  }
  // One entry per unit the message is about, so each unit's record shows every reminder it got.
  for (const item of r.items ?? [r]) {
    await store.audit.append({
      at: now.toISOString(),
      actor: as.actor ?? "system",
      action: as.action ?? "reminder.enqueued",
      taskNo: item.taskNo,
      unit: item.unit,
      person: r.recipient.personId,
      details: {
        step: r.step,
        cycle: item.cycle,
        due: item.due,
        at: r.at,
        channel: r.channel,
        key: r.idempotencyKey,
        ...as.details,
      },
    });
  }
  return true;
}
