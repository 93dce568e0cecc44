import { describeMedia } from "../describe-media.js";
import type { Card, OutboundMessage } from "../message.js";

/**
 * One readable log line for a message the local channel sends: the recipient's name, then the
 * text, or the card's title, fields and buttons. Line breaks become "⏎" so a message stays on
 * one line of the log.
 */
export function describeLocalMessage(recipientName: string, message: OutboundMessage): string {
  return `→ ${recipientName}: ${oneLine(body(message))}`;
}

function body(message: OutboundMessage): string {
  switch (message.kind) {
    case "text":
      return message.text;
    case "markdown":
      return `[markdown] ${message.title} — ${message.markdown}`;
    case "card":
      return describeCard(message.card);
    default:
      // The caption is what a channel without images or files sends instead; this one sends them.
      return describeMedia(message);
  }
}

function describeCard(card: Card): string {
  const parts = [`[card] ${card.title}`];
  if (card.description) parts.push(card.description);
  if (card.fields.length > 0) parts.push(card.fields.map((f) => `${f.label}: ${f.value}`).join("; "));
  if (card.buttons.length > 0) parts.push(card.buttons.map((b) => `[${b.text}](${b.key})`).join(" "));
  if (card.url) parts.push(card.url);
  return parts.join(" | ");
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, " ⏎ ");
}
