import { message } from "../../templates/template-store.js";
import { type CardProblem, checkCard } from "../check-message.js";
import type { Card, CardButton } from "../message.js";
import { truncateChars } from "./wecom-text-limits.js";

/**
 * Field limits of template cards (Doc 90236, as transcribed in zsmhub/workweixin). Counts are
 * hard limits; the character lengths are WeCom's "建议不超过N个字", kept so that nothing is cut
 * off silently by the client: longer text is truncated here, visibly, with "…".
 */
const LIMITS = {
  fields: 6,
  titleChars: 36,
  subTitleChars: 160,
  keynameChars: 5,
  valueChars: 30,
  buttonTextChars: 10,
} as const;

// Button style 1–4, out-of-range → 1 (Doc 90236). Which colour each number shows is [unconfirmed].
const STYLE: Record<CardButton["style"], number> = { primary: 1, default: 2, danger: 3 };

export type WecomTemplateCard = Record<string, unknown>;

export type { CardProblem };

/**
 * The neutral card as a `template_card`, or the rule it breaks: `button_interaction` when it has
 * buttons (clicks come back as template_card_event with EventKey = the button key, TaskId =
 * `taskId`), otherwise a `text_notice`, which needs the card's link (card_action is required).
 */
export function renderWecomCard(card: Card, taskId: string): WecomTemplateCard | CardProblem {
  // The neutral rules are WeCom's refusals (check-message.ts): one place says what is sendable.
  const problem = checkCard(card);
  if (problem) return problem;
  const body: WecomTemplateCard = {
    card_type: card.buttons.length > 0 ? "button_interaction" : "text_notice",
    main_title: { title: truncateChars(card.title, LIMITS.titleChars) },
    ...(card.description ? { sub_title_text: truncateChars(card.description, LIMITS.subTitleChars) } : {}),
    ...(card.fields.length > 0 ? { horizontal_content_list: renderFields(card.fields) } : {}),
    ...(card.url ? { card_action: { type: 1, url: card.url } } : {}),
    task_id: taskId,
  };
  if (card.buttons.length > 0) {
    body.button_list = card.buttons.map((button) => ({
      type: 0,
      text: truncateChars(button.text, LIMITS.buttonTextChars),
      style: STYLE[button.style],
      key: button.key,
    }));
  }
  return body;
}

export const isCardProblem = (value: WecomTemplateCard | CardProblem): value is CardProblem =>
  typeof value === "string";

/** ≤ 6 rows; a longer list keeps 5 and says in the 6th how many were left out. */
function renderFields(fields: Card["fields"]): Array<{ keyname: string; value: string }> {
  const rows = (list: Card["fields"]) =>
    list.map((field) => ({
      keyname: truncateChars(field.label, LIMITS.keynameChars),
      value: truncateChars(field.value, LIMITS.valueChars),
    }));
  if (fields.length <= LIMITS.fields) return rows(fields);
  const kept = rows(fields.slice(0, LIMITS.fields - 1));
  const hidden = fields.length - kept.length;
  return [...kept, { keyname: "…", value: message("wecom", "moreFields", { count: hidden }) }];
}
