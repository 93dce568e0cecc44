import type { InboundEvent } from "../channels/channel.js";
import { acknowledgeTask } from "../progress/acknowledge-task.js";
import { askForDetails } from "../progress/ask-for-details.js";
import { reportOnTrack } from "../progress/report-on-track.js";
import { message } from "../templates/template-store.js";
import { decideRequest } from "../workflow/decide-request.js";
import { RESOLVE_DIFFICULTY } from "../workflow/raise-difficulty.js";
import { requestCompletion } from "../workflow/request-completion.js";
import { resolveDifficulty } from "../workflow/resolve-difficulty.js";
import { startExtension } from "../workflow/start-extension.js";
import type { Turn } from "./inbound-deps.js";
import { snoozeReminders } from "./snooze-reminders.js";

/**
 * A button click, by the card it was on (store.cards: task, unit, cycle, and for a decision card
 * the request) and its key: the reminder card's ack/on-track/difficulty/complete/extend/report/
 * snooze (render-reminder.ts), the decision card's approve/return/reject, and 已协调解决 on the
 * admins' difficulty card (raise-difficulty.ts; a unit's contact may use the same key to report
 * its difficulty solved).
 */
export async function handleCardAction(
  turn: Turn,
  event: Extract<InboundEvent, { kind: "card-action" }>,
): Promise<void> {
  const card = await turn.deps.store.cards.get(event.cardId);
  // A snooze is about the person, not the card: it works even on a card Duban no longer knows.
  if (event.actionKey === "snooze") return snoozeReminders(turn, card);
  if (!card) return turn.answer(message("progress", "cardUnknown"));
  if (card.requestId !== undefined) return decideRequest(turn, card, event.actionKey);
  switch (event.actionKey) {
    case "ack":
      return acknowledgeTask(turn, card);
    case "on-track":
      return reportOnTrack(turn, card);
    case "difficulty":
      return askForDetails(turn, card, "difficulty");
    case "report":
      return askForDetails(turn, card, "progress-text");
    case "complete":
      return requestCompletion(turn, card);
    case "extend":
      return startExtension(turn, card);
    case RESOLVE_DIFFICULTY:
      return resolveDifficulty(turn, card);
    default:
      turn.deps.logger.warn("unknown card action ignored", {
        actionKey: event.actionKey,
        cardId: card.cardId,
      });
  }
}
