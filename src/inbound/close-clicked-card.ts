import type { InboundEvent, SendResult } from "../channels/channel.js";
import type { Card } from "../channels/message.js";
import { inBusinessTz } from "../shared/clock.js";
import { message } from "../templates/template-store.js";
import type { Turn } from "./inbound-deps.js";

/** The button texts by action key, as the cards show them (templates/reminders.yaml, workflow.yaml). */
const ACTION_TEXT: Record<string, [catalog: string, key: string]> = {
  ack: ["reminders", "buttonAck"],
  "on-track": ["reminders", "buttonOnTrack"],
  difficulty: ["reminders", "buttonDifficulty"],
  complete: ["reminders", "buttonComplete"],
  extend: ["reminders", "buttonExtend"],
  report: ["reminders", "buttonReport"],
  snooze: ["reminders", "buttonSnooze"],
};

/**
 * After a click, replaces the card the person clicked by one that says what was chosen and has no
 * buttons left, so nobody clicks twice by mistake. WeCom needs the click's single-use ResponseCode
 * for this; without one (or on a channel that cannot update cards) nothing happens. A failure is
 * logged, never shown: the answer to the click has been sent through the outbox already.
 */
export async function closeClickedCard(
  turn: Turn,
  event: Extract<InboundEvent, { kind: "card-action" }>,
): Promise<void> {
  const update = turn.deps.updateCard;
  if (!update || !event.responseCode) return;
  const stored = await turn.deps.store.cards.get(event.cardId);
  const [catalog, key] = ACTION_TEXT[event.actionKey] ?? ["reminders", "buttonReport"];
  const card: Card = {
    title: stored
      ? message("inbound", "closedCardTitle", { taskNo: stored.taskNo, unit: stored.unit })
      : message("inbound", "closedCardTitleUnknown"),
    description: message("inbound", "closedCardDescription", {
      name: turn.person.name,
      time: inBusinessTz(turn.at).format("M月D日 HH:mm"),
      action: stored?.requestId ? message("inbound", "decisionMade") : message(catalog, key),
    }),
    fields: [],
    buttons: [],
  };
  let result: SendResult;
  try {
    result = await update(event.channel, {
      cardId: event.cardId,
      recipient: turn.person,
      card,
      responseCode: event.responseCode,
    });
  } catch (error) {
    turn.deps.logger.warn("could not update the clicked card", { cardId: event.cardId, error });
    return;
  }
  if (result.status !== "sent") {
    turn.deps.logger.warn("could not update the clicked card", {
      cardId: event.cardId,
      result: result.status,
    });
  }
}
