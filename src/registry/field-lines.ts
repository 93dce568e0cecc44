import { LABELS } from "./parse-parenthetical.js";

const LABEL_WORDS = Object.keys(LABELS).sort((a, b) => b.length - a.length);
const LABEL_AT = new RegExp(`(${LABEL_WORDS.join("|")})\\s*[：:]`, "g");

/**
 * A line of labelled fields under a task ("牵头单位：区工信局", "完成时限：", or several on one
 * line: "责任领导：张明  牵头单位：区工信局"), as clauses "label：value". Undefined when the line
 * does not start with a known label.
 */
export function readFieldLine(text: string): string[] | undefined {
  const trimmed = text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  const starts = [...trimmed.matchAll(LABEL_AT)].map((m) => m.index);
  if (starts[0] !== 0) return undefined;
  return starts.map((start, i) =>
    trimmed
      .slice(start, starts[i + 1] ?? trimmed.length)
      .replace(/[\s\u3000；;。]+$/, "")
      .replace(/\s*[：:]\s*/, "："),
  );
}

/** True when a field clause has a label and no value: its value is on the next line. */
export function lacksValue(clause: string): boolean {
  return /[：:]$/.test(clause);
}
