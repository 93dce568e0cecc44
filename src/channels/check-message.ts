import { message } from "../templates/template-store.js";
import type { Card, CardUpdate, OutboundMessage } from "./message.js";

/**
 * What every platform can show, as one set of rules for the neutral model: a message that passes
 * here is sendable on each channel, so the local channel refuses what WeCom (or DingTalk) would.
 * Only refusals are rules; lengths a platform merely cuts (WeCom's "建议不超过N个字") are cut
 * visibly by its renderer. Each limit is the strictest among the platforms:
 * - a card needs something to act on: WeCom's text_notice requires card_action, a
 *   button_interaction card requires button_list (Doc 90236); DingTalk's ActionCard needs btns
 *   or a singleURL;
 * - at most 6 buttons with distinct keys of at most 1024 bytes (WeCom, Doc 90236);
 * - a card id fits WeCom's task_id, 128 bytes of [0-9A-Za-z_-@], once escaped (wecom-task-id.ts);
 * - text is never blank (WeCom 44004);
 * - an image is a PNG, what the WeCom robot, the app and DingTalk all show (sizes: MEDIA_LIMITS);
 * - the label that replaces a clicked card's buttons is at most 10 characters, as a button's
 *   text (WeCom's update_template_card button.replace_name, Doc 94888).
 */
export const MESSAGE_LIMITS = {
  buttons: 6,
  buttonKeyBytes: 1024,
  cardIdBytes: 128,
  labelChars: 10,
} as const;

/** A reason key, worded in templates/channels.yaml. */
export type MessageProblem =
  | "messageEmpty"
  | "cardIdMissing"
  | "cardIdTooLong"
  | "cardNoAction"
  | "cardTooManyButtons"
  | "cardDuplicateKey"
  | "cardKeyTooLong"
  | "labelEmpty"
  | "labelTooLong"
  | "imageNotPng";

export type CardProblem = Extract<
  MessageProblem,
  "cardNoAction" | "cardTooManyButtons" | "cardDuplicateKey" | "cardKeyTooLong"
>;

/** The reason in words, for logs and the admins' dead-letter notices. */
export const describeProblem = (problem: MessageProblem): string => message("channels", problem);

/** The first rule `message` (sent as card `cardId`) breaks, or undefined when every platform can show it. */
export function checkMessage(
  message: OutboundMessage,
  cardId: string | undefined,
): MessageProblem | undefined {
  switch (message.kind) {
    case "text":
      return blank(message.text) ? "messageEmpty" : undefined;
    case "markdown":
      return blank(message.markdown) ? "messageEmpty" : undefined;
    case "card":
      return checkCardId(cardId) ?? checkCard(message.card);
    case "image":
      return isPng(message.base64) ? undefined : "imageNotPng";
    case "file":
      // Size and name are the schema's (message.ts, MEDIA_LIMITS).
      return undefined;
  }
}

/** The PNG signature, 89 50 4E 47 0D 0A 1A 0A, read from the first 12 base64 characters. */
const isPng = (base64: string): boolean =>
  Buffer.from(base64.slice(0, 12), "base64").subarray(0, 8).equals(PNG_SIGNATURE);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The first rule an update of card `cardId` breaks, or undefined. */
export function checkCardUpdate(cardId: string, update: CardUpdate): MessageProblem | undefined {
  const idProblem = checkCardId(cardId);
  if (idProblem) return idProblem;
  if (update.kind === "replace") return checkCard(update.card);
  if (blank(update.label)) return "labelEmpty";
  return Array.from(update.label).length > MESSAGE_LIMITS.labelChars ? "labelTooLong" : undefined;
}

/** The first rule `card` breaks, or undefined; the card id is checked apart (checkMessage). */
export function checkCard(card: Card): CardProblem | undefined {
  const keys = card.buttons.map((button) => button.key);
  if (card.buttons.length === 0 && !card.url) return "cardNoAction";
  if (card.buttons.length > MESSAGE_LIMITS.buttons) return "cardTooManyButtons";
  if (new Set(keys).size !== keys.length) return "cardDuplicateKey";
  if (keys.some((key) => Buffer.byteLength(key, "utf8") > MESSAGE_LIMITS.buttonKeyBytes))
    return "cardKeyTooLong";
  return undefined;
}

function checkCardId(cardId: string | undefined): MessageProblem | undefined {
  if (!cardId) return "cardIdMissing";
  return escapedBytes(cardId) > MESSAGE_LIMITS.cardIdBytes ? "cardIdTooLong" : undefined;
}

/** Bytes once every byte outside [0-9A-Za-z_-] is escaped as "@XX", as WeCom's task_id needs. */
function escapedBytes(cardId: string): number {
  let size = 0;
  for (const byte of Buffer.from(cardId, "utf8")) size += isKept(byte) ? 1 : 3;
  return size;
}

const isKept = (byte: number): boolean =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  byte === 0x5f ||
  byte === 0x2d;

const blank = (text: string): boolean => text.trim() === "";
