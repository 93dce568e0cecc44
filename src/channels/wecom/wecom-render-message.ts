import { checkMessage, type MessageProblem } from "../check-message.js";
import type { MediaMessage, OutboundMessage } from "../message.js";
import { splitText } from "../split-text.js";
import { isCardProblem, renderWecomCard, type WecomTemplateCard } from "./wecom-card.js";
import { encodeTaskId } from "./wecom-task-id.js";

/** The message part of a message/send body (Doc 90236). */
export type WecomMessageBody =
  | { msgtype: "text"; text: { content: string } }
  | { msgtype: "markdown"; markdown: { content: string } }
  | { msgtype: "template_card"; template_card: WecomTemplateCard }
  | { msgtype: "image"; image: { media_id: string } }
  | { msgtype: "file"; file: { media_id: string } };

/** A message that is its own words, not an upload (images and files: wecom-media.ts). */
export type WecomRenderable = Exclude<OutboundMessage, MediaMessage>;

/** An uploaded image or file as message/send's part (Doc 90236). */
export function renderWecomMedia(kind: MediaMessage["kind"], mediaId: string): WecomMessageBody {
  return kind === "image"
    ? { msgtype: "image", image: { media_id: mediaId } }
    : { msgtype: "file", file: { media_id: mediaId } };
}

/** text.content and app markdown.content are at most 2048 bytes (Doc 90236; brief §4.1, §4.5). */
export const APP_CONTENT_MAX_BYTES = 2048;

/** Worded in templates/channels.yaml: the neutral rules (check-message.ts) are WeCom's refusals. */
export type RenderProblem = MessageProblem;

/**
 * One neutral message as one or more WeCom messages: longer text and markdown are split at line
 * boundaries, in order; a card is always one message. Rendering is deterministic, so the same
 * message renders to the same JSON on a re-send (what WeCom's duplicate check compares).
 */
export function renderWecomMessage(
  message: WecomRenderable,
  cardId: string | undefined,
): WecomMessageBody[] | RenderProblem {
  const problem = checkMessage(message, cardId);
  if (problem) return problem;
  const parts = render(message, cardId);
  // Whitespace alone would be refused (44004 文本消息content参数为空); say so before asking WeCom.
  return Array.isArray(parts) && parts.length === 0 ? "messageEmpty" : parts;
}

function render(message: WecomRenderable, cardId: string | undefined): WecomMessageBody[] | RenderProblem {
  switch (message.kind) {
    case "text":
      return splitText(message.text, APP_CONTENT_MAX_BYTES).map((content) => ({
        msgtype: "text",
        text: { content },
      }));
    case "markdown":
      return splitText(withTitle(message.title, message.markdown), APP_CONTENT_MAX_BYTES).map((content) => ({
        msgtype: "markdown",
        markdown: { content },
      }));
    case "card": {
      if (!cardId) return "cardIdMissing";
      const taskId = encodeTaskId(cardId);
      if (taskId === undefined) return "cardIdTooLong";
      const card = renderWecomCard(message.card, taskId);
      return isCardProblem(card) ? card : [{ msgtype: "template_card", template_card: card }];
    }
  }
}

/** App markdown has no title field: the title becomes a bold first line unless it is there already. */
function withTitle(title: string, markdown: string): string {
  const firstLine = markdown.split("\n", 1)[0] ?? "";
  return firstLine.includes(title) ? markdown : `**${title}**\n${markdown}`;
}
