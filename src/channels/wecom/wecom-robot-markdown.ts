import { message } from "../../templates/template-store.js";
import { mediaAsText } from "../describe-media.js";
import type { OutboundMessage } from "../message.js";

/**
 * A neutral message as a group robot's markdown. A robot cannot send a card whose buttons call
 * back (its template_card has no button_interaction, Doc 99110), and a group has no one to answer
 * for anyway: a card becomes its title in bold, its description and its fields as quoted lines,
 * and its link. Buttons are left out.
 */
export function robotMarkdown(outbound: OutboundMessage): string {
  switch (outbound.kind) {
    case "text":
      return outbound.text;
    case "markdown":
      return outbound.markdown;
    case "card": {
      const { card } = outbound;
      return [
        `**${card.title}**`,
        ...(card.description ? [card.description] : []),
        ...card.fields.map((field) => `> ${field.label}：${field.value}`),
        ...(card.url ? [message("wecom", "robotCardLink", { url: card.url })] : []),
      ].join("\n");
    }
    default:
      // Sent as such by the robot (wecom-robot.ts); this is its line in words.
      return mediaAsText(outbound).text;
  }
}
