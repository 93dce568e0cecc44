import { message } from "../../templates/template-store.js";
import type { Card } from "../message.js";

/**
 * A card as markdown, for a DingTalk without interactive cards (no DINGTALK_CARD_TEMPLATE_ID and no
 * cards module given to the channel): its title in bold, its description, its fields as quoted
 * lines, and its link. The buttons cannot call back from markdown and are left out here; the cards
 * module (DingtalkCards) words them as replies the robot understands ("回复「52 签收」") and may
 * replace this function.
 */
export function cardAsMarkdown(card: Card): { title: string; markdown: string } {
  const lines = [
    `**${card.title}**`,
    ...(card.description ? [card.description] : []),
    ...card.fields.map((field) => `> ${field.label}：${field.value}`),
    ...(card.url ? [message("dingtalk", "cardLink", { url: card.url })] : []),
  ];
  // DingTalk's markdown needs a blank line to break a line.
  return { title: card.title, markdown: lines.join("\n\n") };
}
