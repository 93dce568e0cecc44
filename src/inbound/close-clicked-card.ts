import { closedCardLabel } from "../cards/card-actions.js";
import type { InboundEvent } from "../channels/channel.js";
import type { Turn } from "../conversation/turn.js";

/**
 * After a click, closes the card the person clicked: its buttons give way to a label saying what
 * was chosen ("已签收", cards/card-actions.ts), so nobody clicks twice by mistake. How is the
 * channel's business; a platform that needs the click's update token (WeCom's single-use
 * ResponseCode) gets it, and without one (or on a channel that cannot update cards) nothing happens. A failure is logged,
 * never shown: the answer to the click has been sent through the outbox already.
 */
export async function closeClickedCard(
  turn: Turn,
  event: Extract<InboundEvent, { kind: "card-action" }>,
): Promise<void> {
  const update = turn.deps.updateCard;
  if (!update || !event.updateToken) return;
  const label = closedCardLabel(event.actionKey);
  if (label === undefined) return;
  try {
    const result = await update(event.channel, {
      cardId: event.cardId,
      recipient: turn.person,
      update: { kind: "close", label },
      updateToken: event.updateToken,
    });
    // The reason is the platform's own (its error code and operator hint).
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
