import { messages } from "../../templates/template-store.js";
import type { Card, CardButton } from "../message.js";

const m = messages("dingtalk-cards");

/** A robot markdown message (sampleMarkdown: `{title, text}`). */
export interface MarkdownMessage {
  /** What the conversation list and the notification show. */
  title: string;
  text: string;
}

/**
 * The buttons a person can also answer by typing, and how: what the text path understands
 * (inbound/handle-text.ts → progress/reply-with-progress.ts): "52 <进展>", "52 正常推进",
 * "52 有困难：…"; and any report counts as the unit's 签收 (unit-view: acknowledged once it
 * has 签收'd or reported). The keys are those of cards/card-actions.ts (checked by the tests).
 * Everything else (申请办结, 申请延期, 明天再提醒, the decisions) has no typed form yet.
 */
const TYPED: Record<string, () => string> = {
  report: () => m("typedReport"),
  "on-track": () => m("typedOnTrack"),
  difficulty: () => m("typedDifficulty"),
  ack: () => m("typedAck"),
};

/**
 * The card's text in DingTalk markdown: its title as a heading, its description, its fields as a
 * list and its link. Without a title or description (the interactive card's `fields` variable)
 * only the fields and the link.
 */
export function cardBodyMarkdown(card: Card): string {
  const fields = card.fields.map((field) => `- ${field.label}：${field.value}`).join("\n");
  return [
    ...(card.title ? [`#### ${card.title}`] : []),
    ...(card.description ? [card.description] : []),
    ...(fields ? [fields] : []),
    ...(card.url ? [m("detailsLink", { url: card.url })] : []),
  ].join("\n\n");
}

/**
 * A card as a robot markdown message, for where its buttons cannot be offered: no template and no
 * public address, or a group (anyone in a group could open a person's link). The buttons become
 * the lines that say how to answer by typing, as far as the text path understands it; the others
 * are named as not available here, so that nobody waits on a button that is not there.
 */
export function renderCardAsMarkdown(card: Card, options: { group?: boolean } = {}): MarkdownMessage {
  return {
    title: card.title,
    text: [cardBodyMarkdown(card), ...answerLines(card.buttons, options.group === true)].join("\n\n"),
  };
}

function answerLines(buttons: readonly CardButton[], group: boolean): string[] {
  if (buttons.length === 0) return [];
  const typed = buttons.flatMap((button) => {
    const line = TYPED[button.key];
    return line ? [line()] : [];
  });
  const untyped = buttons.filter((button) => !Object.hasOwn(TYPED, button.key)).map((b) => b.text);
  const lines: string[] = [];
  if (typed.length > 0)
    lines.push([m(group ? "typedIntroGroup" : "typedIntro"), ...typed.map((line) => `- ${line}`)].join("\n"));
  if (untyped.length > 0)
    lines.push(m("notTyped", { choices: untyped.map((text) => `「${text}」`).join("") }));
  return lines;
}
