import { message } from "../templates/template-store.js";
import {
  CO_UNIT_LABELS,
  DEADLINE_LABELS,
  HEADING_NUMBERING,
  LABELLED_VALUE,
  LEADER_LABELS,
  TASK_NUMBERING,
  UNIT_LABELS,
} from "./notice-labels.js";
import { findDeadlineInText } from "./parse-deadline.js";
import type { NoticeContent } from "./read-notice.js";
import type { Registry } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import { findHeaderRow } from "./table-headers.js";

/** A line (or row) that looks like a task but was not imported, with why and what could be read. */
export interface SkippedTask {
  line: number;
  /** The parser's reasons, in words. */
  reasons: string[];
  /** "编号“12、”，牵头单位“区工信局”，完成时限“6月底前”". */
  found: string;
  /** "牵头领导、责任单位": the fields the line lacks. */
  missing: string;
}

/** A task's wrapped lines and label lines are read with it: this many at most. */
const MAX_FOLLOWING_LINES = 6;
const EXCERPT = 24;

/**
 * Finds the task-like lines the parser reported a problem on but did not import, and says for each
 * what was found and what is missing — a diagnosis, not advice to rewrite the notice. Derived from
 * the source and the problems, so it holds whatever rule the parser used.
 */
export function findSkippedTasks(registry: Registry, content: NoticeContent): SkippedTask[] {
  const taskLines = new Set(registry.tasks.map((t) => t.line));
  const reasons = new Map<number, string[]>();
  for (const problem of registry.problems) {
    if (problem.line === 0 || taskLines.has(problem.line)) continue;
    reasons.set(problem.line, [...(reasons.get(problem.line) ?? []), problem.message]);
  }
  const skipped: SkippedTask[] = [];
  if (content.kind === "lines") {
    const index = new Map(content.lines.map((l, i) => [l.line, i]));
    for (const [line, why] of reasons) {
      const at = index.get(line);
      const source = at === undefined ? undefined : content.lines[at];
      if (at === undefined || !source || !TASK_NUMBERING.test(source.text)) continue;
      skipped.push({ line, reasons: why, ...diagnoseLines(content.lines, at, registry.document.year) });
    }
  } else {
    const header = findHeaderRow(content.rows);
    if (!header) return [];
    for (const [line, why] of reasons) {
      const row = content.rows.find((r) => r.row === line);
      if (!row || line <= header.row) continue;
      const found = row.cells
        .map((cell, c) => ({ name: header.names[c] ?? "", cell: cell.trim() }))
        .filter(({ cell }) => cell !== "")
        .map(({ name, cell }) => quote(name || "?", cell));
      skipped.push({ line, reasons: why, found: found.join("，"), missing: "" });
    }
  }
  return skipped.sort((a, b) => a.line - b.line);
}

function diagnoseLines(
  lines: readonly SourceLine[],
  at: number,
  year: number,
): Omit<SkippedTask, "line" | "reasons"> {
  const first = (lines[at] as SourceLine).text.trim();
  let text = first;
  for (let k = 1; k <= MAX_FOLLOWING_LINES && at + k < lines.length; k++) {
    const next = (lines[at + k] as SourceLine).text.trim();
    if (next === "" || TASK_NUMBERING.test(next) || HEADING_NUMBERING.test(next)) break;
    text += `\n${next}`;
  }
  const numbering = TASK_NUMBERING.exec(first)?.[1]?.trim() ?? "";
  const found: string[] = [quote(message("import/fields", "numbering"), numbering)];
  const sentence = first.slice(first.indexOf(numbering) + numbering.length).trim();
  if (sentence !== "") found.push(quote(message("import/fields", "text"), excerpt(sentence)));
  const labels = new Set<string>();
  for (const match of text.matchAll(LABELLED_VALUE)) {
    const [label, value] = [match[1] ?? "", (match[2] ?? "").trim()];
    if (value === "") continue;
    labels.add(label);
    found.push(quote(label, excerpt(value)));
  }
  const inText = labels.size === 0 || !DEADLINE_LABELS.some((l) => labels.has(l));
  const deadline = inText ? findDeadlineInText(text, year) : undefined;
  if (deadline) found.push(quote(message("import/fields", "deadlineWords"), deadline.text));
  const missing: string[] = [];
  if (!LEADER_LABELS.some((l) => labels.has(l))) missing.push(message("import/fields", "leaders"));
  if (![...UNIT_LABELS, ...CO_UNIT_LABELS].some((l) => labels.has(l)))
    missing.push(message("import/fields", "units"));
  return { found: found.join("，"), missing: missing.join("、") };
}

function quote(name: string, value: string): string {
  return `${name}“${value}”`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
