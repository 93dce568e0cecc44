import { cardIdFor } from "../cards/card-id.js";
import type { Card } from "../channels/message.js";
import type { Turn } from "../conversation/turn.js";

/**
 * Puts `card` to every admin of the office, keyed `<key>/<admin>` so a handler that runs again
 * sends nothing twice. Each card is recorded before it is enqueued (a card is known before it can
 * be clicked), with the task, unit and cycle, and the request for a decision card, so that a click
 * finds what it is about. Not immediate: the office works in working hours. Returns how many were new.
 */
export async function sendAdminCards(
  turn: Turn,
  sending: {
    key: string;
    card: Card;
    about: { taskNo: number; unit: string; cycle: string; requestId?: string };
    meta: Record<string, string | number>;
  },
): Promise<number> {
  const { store, people } = turn.deps;
  let sent = 0;
  for (const admin of people.admins()) {
    const channel = turn.deps.channelFor(admin);
    if (!channel) continue;
    const idempotencyKey = `${sending.key}/${admin.personId}`;
    const cardId = cardIdFor(idempotencyKey);
    await store.cards.put({
      cardId,
      channel,
      ...sending.about,
      recipient: admin.personId,
      createdAt: turn.at,
    });
    const { created } = await store.outbox.enqueue({
      idempotencyKey,
      channel,
      recipient: admin.personId,
      payload: { message: { kind: "card", card: sending.card }, cardId, meta: sending.meta },
      notBefore: turn.at,
      createdAt: turn.at,
    });
    if (created) sent++;
  }
  return sent;
}
