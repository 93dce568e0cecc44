import type { InboundEvent } from "../channels/channel.js";
import { message } from "../templates/template-store.js";
import type { Turn } from "./inbound-deps.js";

/**
 * The label by button key: reminder cards (render-reminder.ts), decision cards
 * (render-decision-card.ts), the office's difficulty cards (workflow/send-notice.ts).
 */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  ack: "closedAck",
  "on-track": "closedOnTrack",
  difficulty: "closedDifficulty",
  complete: "closedComplete",
  extend: "closedExtend",
  report: "closedReport",
  snooze: "closedSnooze",
  approve: "closedApprove",
  return: "closedReturn",
  reject: "closedReject",
  "resolve-difficulty": "closedResolveDifficulty",
};

/** What a card shows in place of its buttons once `actionKey` was clicked; undefined for a key no card has. */
export function closedCardLabel(actionKey: string): string | undefined {
  const key = LABEL_KEYS[actionKey];
  return key === undefined ? undefined : message("inbound", key);
}

/**
 * After a click, closes the card the person clicked: its buttons give way to a label saying what
 * was chosen ("已签收"), so nobody clicks twice by mistake. How is the channel's business (WeCom:
 * update_template_card with button.replace_name). WeCom needs the click's single-use ResponseCode;
 * without one (or on a channel that cannot update cards) nothing happens. A failure is logged,
 * never shown: the answer to the click has been sent through the outbox already.
 */
export async function closeClickedCard(
  turn: Turn,
  event: Extract<InboundEvent, { kind: "card-action" }>,
): Promise<void> {
  const update = turn.deps.updateCard;
  if (!update || !event.responseCode) return;
  const label = closedCardLabel(event.actionKey);
  if (label === undefined) return;
  try {
    const result = await update(event.channel, {
      cardId: event.cardId,
      recipient: turn.person,
      update: { kind: "close", label },
      responseCode: event.responseCode,
    });
    // The reason is the platform's own (WeCom: the errcode and its operator hint).
    if (result.status !== "sent")
      turn.deps.logger.warn("could not close the clicked card", {
        cardId: event.cardId,
        status: result.status,
        reason: result.reason,
      });
  } catch (error) {
    turn.deps.logger.warn("could not close the clicked card", { cardId: event.cardId, error });
  }
}
