import { startsWithKnownLabel } from "./parse-parenthetical.js";
import type { Span } from "./source-line.js";

/**
 * Finds the task's closing parenthetical: the last bracket pair at the end of the text
 * (nested brackets allowed, as in "领导小组（指挥部）") whose content starts with a known label.
 */
export function findParenthetical(text: string): { sentence: string; content: Span } | undefined {
  const trimmed = text.replace(/[\s\u3000。；;]+$/, "");
  const last = trimmed[trimmed.length - 1];
  if (last !== "）" && last !== ")") return undefined;
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const ch = trimmed[i];
    if (ch === "）" || ch === ")") depth++;
    else if (ch === "（" || ch === "(") {
      depth--;
      if (depth === 0) {
        const content = { text: trimmed.slice(i + 1, trimmed.length - 1), start: i + 1 };
        if (!startsWithKnownLabel(content.text)) return undefined;
        return { sentence: trimmed.slice(0, i).trim(), content };
      }
    }
  }
  return undefined;
}
