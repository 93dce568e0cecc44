import type { LocalChannel, LocalHeardEvent, LocalSentMessage } from "../channels/local/local-channel.js";
import { base64Bytes, type OutboundMessage } from "../channels/message.js";

/** A message as the playground's chat shows it: what the bot sent, or what the person sent in. */
export type ChatItem =
  | {
      side: "bot";
      n: number;
      at: string;
      message: ShownMessage;
      cardId?: string;
      /** A card closed after a click: the label in place of its buttons. */
      closedWith?: string;
      /** The card was changed after it was first sent. */
      updated?: true;
    }
  | {
      side: "person";
      at: string;
      kind: LocalHeardEvent["kind"];
      text?: string;
      cardId?: string;
      actionKey?: string;
    };

/** An outbound message without the bytes of an image or a file: those are downloaded by `n`. */
export type ShownMessage =
  | Exclude<OutboundMessage, { kind: "image" | "file" }>
  | { kind: "image" | "file"; fileName: string; bytes: number; download: string };

/** How many of a person's latest messages the chat shows (an admin's year is thousands). */
const SHOWN = 200;

/**
 * One person's chat with the bot, oldest first: each card at the place it was first sent, as it
 * looks now (a platform changes a card in place after a click), and what the person sent in
 * between the messages it came between.
 */
export function chatOf(channel: Pick<LocalChannel, "sent" | "heard">, personId: string): ChatItem[] {
  const items: ChatItem[] = [];
  const cards = new Map<string, Extract<ChatItem, { side: "bot" }>>();
  const labels = new Map<string, string>();
  const heard = channel.heard({ from: personId });
  let next = 0;
  const heardUpTo = (n: number) => {
    for (; next < heard.length && (heard[next]?.afterSent ?? 0) < n; next++) {
      const { afterSent: _, from: __, ...event } = heard[next] as LocalHeardEvent;
      const label = labels.get(`${event.cardId}\u0000${event.actionKey}`);
      items.push({ side: "person", ...event, ...(label !== undefined ? { label } : {}) });
    }
  };
  for (const sent of channel.sent({ to: personId })) {
    heardUpTo(sent.n);
    if (sent.message.kind === "card" && sent.cardId !== undefined)
      for (const button of sent.message.card.buttons)
        labels.set(`${sent.cardId}\u0000${button.key}`, button.text);
    const shown = cardOf(sent, cards);
    if (shown) {
      shown.message = show(sent);
      shown.updated = true;
      if (sent.closedWith !== undefined) shown.closedWith = sent.closedWith;
      continue;
    }
    const item: Extract<ChatItem, { side: "bot" }> = {
      side: "bot",
      n: sent.n,
      at: sent.at,
      message: show(sent),
      ...(sent.cardId !== undefined ? { cardId: sent.cardId } : {}),
    };
    if (sent.cardId !== undefined) cards.set(sent.cardId, item);
    items.push(item);
  }
  heardUpTo(Number.POSITIVE_INFINITY);
  return items.slice(-SHOWN);
}

/** The card an update changes, if it is one. */
function cardOf(
  sent: LocalSentMessage,
  cards: Map<string, Extract<ChatItem, { side: "bot" }>>,
): Extract<ChatItem, { side: "bot" }> | undefined {
  return sent.update && sent.cardId !== undefined ? cards.get(sent.cardId) : undefined;
}

export function show(sent: Pick<LocalSentMessage, "n" | "message">): ShownMessage {
  const { message } = sent;
  if (message.kind !== "image" && message.kind !== "file") return message;
  return {
    kind: message.kind,
    fileName: message.fileName,
    bytes: base64Bytes(message.base64),
    download: `/dev/files/${sent.n}`,
  };
}
