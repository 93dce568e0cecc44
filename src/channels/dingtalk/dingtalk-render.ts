import { checkMessage, type MessageProblem } from "../check-message.js";
import type { OutboundMessage } from "../message.js";
import { splitText } from "../split-text.js";

/**
 * One DingTalk message, in the two forms it can be sent in: the robot API's `msgKey` and
 * `msgParam` (a string holding JSON, brief §3.2), and a session webhook's body (brief §1.3).
 */
export interface DingtalkPart {
  msgKey: "sampleText" | "sampleMarkdown" | "sampleImageMsg" | "sampleFile";
  msgParam: string;
  /** Absent for what a session webhook cannot send (images, files): the robot API sends it. */
  webhook?:
    | { msgtype: "text"; text: { content: string } }
    | { msgtype: "markdown"; markdown: { title: string; text: string } };
}

/**
 * One message's text or markdown at most. DingTalk suggests sampleText stay within about 500
 * characters and allows a group's msgParam 15,000 bytes (brief §3.2, §3.3); 2048 bytes (about 680
 * Chinese characters) keeps a part readable on a phone, matches WeCom's limit so that a message
 * reads the same on both, and leaves msgParam far below 15,000 bytes once JSON-escaped. Longer
 * text is sent as several messages, in order (each a metered call).
 */
export const PART_MAX_BYTES = 2048;

/** A text or markdown message as DingTalk parts, or why it cannot be sent. */
export function renderDingtalkParts(
  message: Extract<OutboundMessage, { kind: "text" | "markdown" }>,
): DingtalkPart[] | MessageProblem {
  const problem = checkMessage(message, undefined);
  if (problem) return problem;
  if (message.kind === "text") {
    return splitText(message.text, PART_MAX_BYTES).map((content) => ({
      msgKey: "sampleText",
      msgParam: JSON.stringify({ content }),
      webhook: { msgtype: "text", text: { content } },
    }));
  }
  const title = message.title;
  return splitText(withTitle(title, message.markdown), PART_MAX_BYTES).map((text) => ({
    msgKey: "sampleMarkdown",
    msgParam: JSON.stringify({ title, text }),
    webhook: { msgtype: "markdown", markdown: { title, text } },
  }));
}

/**
 * sampleMarkdown's title shows only in the chat list and the notification, not in the message:
 * it becomes a bold first line unless the markdown starts with it already (as on WeCom).
 */
function withTitle(title: string, markdown: string): string {
  const firstLine = markdown.split("\n", 1)[0] ?? "";
  return firstLine.includes(title) ? markdown : `**${title}**\n\n${markdown}`;
}
