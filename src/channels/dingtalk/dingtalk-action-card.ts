import type { Card } from "../message.js";
import { cardBodyMarkdown } from "./dingtalk-card-markdown.js";

/**
 * An ActionCard robot message (batchSend's `sampleActionCard*`, brief §3.2) whose buttons open
 * links. The key case is DingTalk's own: `singleURL`, `actionURL1` (capital URL).
 */
export interface ActionCardMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

/** DingTalk's limits on a button (brief §3.2): a title of 20 characters, a URL of 500. */
export const ACTION_CARD_LIMITS = { titleChars: 20, urlChars: 500, buttons: 5 } as const;

/** One button: its words and the link it opens. */
export interface LinkButton {
  text: string;
  url: string;
}

/**
 * The msgKey for `count` buttons: one → sampleActionCard (singleTitle/singleURL); two side by side →
 * sampleActionCard6; three to five, stacked → sampleActionCard3…5. There is no six-button
 * ActionCard: a card with more keeps its first five (cards list their buttons most used first,
 * reminders/render-reminder.ts), which is why the channel declares five buttons in this mode.
 */
export function actionCardKey(count: number): string {
  if (count < 1 || count > ACTION_CARD_LIMITS.buttons)
    throw new Error(`an ActionCard has 1 to ${ACTION_CARD_LIMITS.buttons} buttons, not ${count}`);
  if (count === 1) return "sampleActionCard";
  return count === 2 ? "sampleActionCard6" : `sampleActionCard${count}`;
}

/**
 * The card with its buttons as links. Every URL must be at most 500 characters (the caller checks
 * with `linksFit` first: a link is never cut). Titles longer than 20 characters are cut with "…".
 */
export function renderActionCard(card: Card, buttons: readonly LinkButton[]): ActionCardMessage {
  const kept = buttons.slice(0, ACTION_CARD_LIMITS.buttons);
  const msgKey = actionCardKey(kept.length);
  const msgParam: Record<string, string> = { title: card.title, text: cardBodyMarkdown(card) };
  const [only] = kept;
  if (kept.length === 1 && only) {
    msgParam.singleTitle = buttonTitle(only.text);
    msgParam.singleURL = only.url;
  } else {
    kept.forEach((button, index) => {
      msgParam[`actionTitle${index + 1}`] = buttonTitle(button.text);
      msgParam[`actionURL${index + 1}`] = button.url;
    });
  }
  return { msgKey, msgParam };
}

/** Whether every link is within DingTalk's 500 characters. */
export const linksFit = (buttons: readonly LinkButton[]): boolean =>
  buttons.every((button) => button.url.length <= ACTION_CARD_LIMITS.urlChars);

function buttonTitle(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= ACTION_CARD_LIMITS.titleChars) return text;
  return `${chars.slice(0, ACTION_CARD_LIMITS.titleChars - 1).join("")}…`;
}
