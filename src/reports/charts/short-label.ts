import { messages } from "../../templates/template-store.js";

const m = messages("charts");

/**
 * A label short enough for the axis of a chart read on a phone. A registry section such as
 * "二、抓好常态化疫情防控，确保人民群众生命健康安全" keeps its number and first clause
 * ("二、抓好常态化疫情防控"); what is still longer than `max` characters is cut with an ellipsis.
 */
export function shortLabel(label: string, max = 12): string {
  const trimmed = label.trim();
  const clause = trimmed.split(/[，,；;：:。（(]/)[0]?.trim() || trimmed;
  const chars = [...clause];
  return chars.length <= max ? clause : `${chars.slice(0, max - 1).join("")}${m("ellipsis")}`;
}
