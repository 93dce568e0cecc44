import { createHash } from "node:crypto";
import type { Card } from "../message.js";
import { cardBodyMarkdown } from "./dingtalk-card-markdown.js";
import type { DingtalkTarget } from "./dingtalk-contracts.js";

/**
 * The interactive card (互动卡片高级版) as the template in docs/dingtalk-card-template.md expects
 * it. Every value of a cardParamMap must be a string (brief §4.3): numbers, booleans and objects
 * are refused or misread by the card platform, so everything here is written as text.
 */

/** The template's button slots: btn1…btn6, as many as a neutral card may have. */
export const CARD_BUTTON_SLOTS = 6;

/**
 * The 回传请求 parameter each button of the template sends, bound to its `btnNKey` variable: a click
 * carries the button's key in the callback's `content.cardPrivateData.params.action`.
 */
export const CARD_CALLBACK_PARAM = "action";

/** `status`: the buttons show while "open"; once "closed" the template shows `closedLabel` instead. */
export type CardStatus = "open" | "closed";

export type CardParamMap = Record<string, string>;

/**
 * All of a card's variables: its text, the six button slots (an unused slot has empty text, which
 * the template hides) and the open status. A replace sends all of them, so a new card with fewer
 * buttons hides the old ones.
 */
export function cardParamMap(card: Card): CardParamMap {
  const params: CardParamMap = {
    title: card.title,
    // The conversation list's preview line (the template's 摘要 / summaryContent).
    lastMessage: card.title,
    description: card.description ?? "",
    fields: cardBodyMarkdown({ ...card, title: "", description: "" }),
    status: "open" satisfies CardStatus,
    closedLabel: "",
  };
  for (let slot = 1; slot <= CARD_BUTTON_SLOTS; slot += 1) {
    const button = card.buttons[slot - 1];
    params[`btn${slot}Text`] = button?.text ?? "";
    params[`btn${slot}Key`] = button?.key ?? "";
    params[`btn${slot}Style`] = button?.style ?? "";
  }
  return params;
}

/**
 * What a clicked card changes to: its buttons give way to the label. Also what the card callback
 * may answer synchronously in its ack (`{cardUpdateOptions, cardData: {cardParamMap}}`, brief §4.3).
 */
export function closedCardParamMap(label: string): CardParamMap {
  return { status: "closed" satisfies CardStatus, closedLabel: label };
}

/**
 * The target's part of an outTrackId: a short hash of the userId or the group's conversation id,
 * letters and digits only. The card callback splits an outTrackId at its last "_" to find the card
 * id (which may itself hold "_"), so the tag never contains one.
 */
export function userTag(target: DingtalkTarget): string {
  const id = target.kind === "user" ? `u:${target.userId}` : `g:${target.openConversationId}`;
  return createHash("sha256").update(id).digest("hex").slice(0, 16);
}

/** Ours and unique per card and target: `${cardId}_${userTag}`. */
export function outTrackIdFor(cardId: string, target: DingtalkTarget): string {
  return `${cardId}_${userTag(target)}`;
}

/** The card id inside an outTrackId (what the card callback carries back), or undefined. */
export function cardIdOfOutTrackId(outTrackId: string): string | undefined {
  const at = outTrackId.lastIndexOf("_");
  if (at <= 0 || !/^[0-9a-f]{16}$/.test(outTrackId.slice(at + 1))) return undefined;
  return outTrackId.slice(0, at);
}
