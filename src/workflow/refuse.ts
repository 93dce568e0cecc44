import type { Turn } from "../conversation/turn.js";
import { message } from "../templates/template-store.js";

/**
 * A polite refusal to someone who may not do what they tried, logged in the audit trail
 * (`reply.refused`) with what they sent, so the office can see every attempt.
 */
export async function refuse(
  turn: Turn,
  reason: "refusedNotContact" | "refusedNotAdmin",
  about: { taskNo?: number; unit?: string },
): Promise<void> {
  const { event } = turn;
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "reply.refused",
    ...(about.taskNo !== undefined ? { taskNo: about.taskNo } : {}),
    ...(about.unit !== undefined ? { unit: about.unit } : {}),
    details: {
      reason: reason === "refusedNotAdmin" ? "not-an-admin" : "not-a-contact",
      channel: event.channel,
      event: event.eventId,
      ...(event.kind === "text"
        ? { text: event.text }
        : event.kind === "card-action"
          ? { cardId: event.cardId, actionKey: event.actionKey }
          : { fileName: event.fileName }),
    },
  });
  turn.deps.logger.warn("reply refused", { person: turn.person.personId, reason, taskNo: about.taskNo });
  await turn.answer(message("progress", reason, { taskNo: about.taskNo }));
}
