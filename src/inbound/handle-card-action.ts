import {
  type CardActionKey,
  type DecisionKey,
  isCardActionKey,
  isDecisionKey,
} from "../cards/card-actions.js";
import type { InboundEvent } from "../channels/channel.js";
import type { Turn } from "../conversation/turn.js";
import { acknowledgeTask } from "../progress/acknowledge-task.js";
import { askForDetails } from "../progress/ask-for-details.js";
import { reportOnTrack } from "../progress/report-on-track.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";
import { decideRequest } from "../workflow/decide-request.js";
import { requestCompletion } from "../workflow/request-completion.js";
import { resolveDifficulty } from "../workflow/resolve-difficulty.js";
import { startExtension } from "../workflow/start-extension.js";
import { snoozeReminders } from "./snooze-reminders.js";

/**
 * A button click, by the card it was on (store.cards: task, unit, cycle, and for a decision card
 * the request) and its key (cards/card-actions.ts): the reminder card's ack/on-track/difficulty/
 * complete/extend/report/snooze, the decision card's approve/return/reject, and 已协调解决 on the
 * admins' difficulty card (a unit's contact may use the same key to report its difficulty solved).
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
  const key = event.actionKey;
  if (isCardActionKey(key) && !isDecisionKey(key) && key !== "snooze") return ON_CLICK[key](turn, card);
  turn.deps.logger.warn("unknown card action ignored", { actionKey: key, cardId: card.cardId });
}

/** The keys of a unit's cards and the admins' difficulty card (a decision card goes to decideRequest). */
type ReporterKey = Exclude<CardActionKey, DecisionKey | "snooze">;

/** One handler per key of cards/card-actions.ts: a key without one does not type-check. */
const ON_CLICK: Record<ReporterKey, (turn: Turn, card: CardInstance) => Promise<void>> = {
  ack: acknowledgeTask,
  "on-track": reportOnTrack,
  difficulty: (turn, card) => askForDetails(turn, card, "difficulty"),
  report: (turn, card) => askForDetails(turn, card, "progress-text"),
  complete: requestCompletion,
  extend: startExtension,
  "resolve-difficulty": resolveDifficulty,
};
