import { InputError } from "../shared/errors.js";
import { message, messages } from "../templates/template-store.js";
import type { ImportNoticeResult } from "./import-notice.js";
import {
  ANY_NUMBERING,
  CO_UNIT_LABELS,
  DEADLINE_LABELS,
  LEADER_LABELS,
  TASK_NUMBERING,
  UNIT_LABELS,
} from "./notice-labels.js";
import type { NoticeContent } from "./read-notice.js";
import type { Task } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import { numberRanges } from "./summarize-import.js";
import { findHeaderRow } from "./table-headers.js";
import { columnLetter } from "./table-problem.js";

const LABEL = new RegExp(
  `(${[...LEADER_LABELS, ...UNIT_LABELS, ...CO_UNIT_LABELS, ...DEADLINE_LABELS].sort((a, b) => b.length - a.length).join("|")})\\s*[：:]`,
  "g",
);
/** A task's own lines: its wrapped sentence and the label lines under it. */
const MAX_TASK_LINES = 8;

/** Where one value was found: the rule's words and, for a label, which label. */
interface Located {
  rule: string;
  /** The label (or, in a table, the column's header) the value stands under. */
  label?: string;
  line?: number;
  /** Carried by a heading for every task under it. */
  heading?: boolean;
}

const say = messages("import/explain");

/**
 * How task N was read: for each field, the values and the rule that gave them (the label, the
 * heading or the column they stand under). Derived from the source the parser read, so it explains
 * any layout the parser learns without the parser keeping a trace.
 */
export function explainTask(result: ImportNoticeResult, no: number): string {
  const task = result.registry.tasks.find((t) => t.no === no);
  if (!task) {
    const numbers = numberRanges(result.registry.tasks.map((t) => t.no));
    throw new InputError(say("notFound", { no, numbers }));
  }
  const locate = locator(result.content, task, result.registry.tasks);
  const field = (key: string, values: readonly string[], rule: string) =>
    say("field", {
      field: message("import/fields", key),
      values: values.length > 0 ? values.join("、") : say("empty"),
      rule,
    });
  const rulesOf = (values: readonly string[]) =>
    values.length === 0 ? say("rule.none") : [...new Set(values.map((v) => locate(v).rule))].join("；");
  const hostRule = hostsRule(result.content, task, locate);
  const out = [
    say("heading", { no: task.no, line: task.line, text: task.text }),
    field("numbering", [String(task.no)], locate.numbering()),
    field("leaders", task.leaders, rulesOf(task.leaders)),
    field(
      "hostUnits",
      task.hostUnits,
      task.hostUnits.length > 0 ? `${rulesOf(task.hostUnits)}；${hostRule}` : rulesOf([]),
    ),
    field("coUnits", task.coUnits, rulesOf(task.coUnits)),
    field("unitGroups", task.unitGroups, rulesOf(task.unitGroups)),
    field(
      "deadline",
      [task.deadline],
      task.deadlineText
        ? `${locate(task.deadlineText).rule}：${say("deadline.read", { text: task.deadlineText, date: task.deadline })}`
        : say("deadline.default"),
    ),
    say("indicators", { count: task.indicators.length }),
    ...task.indicators.map((i) => say("indicator", { ...i, bound: say(`bound.${i.bound}`) })),
  ];
  return out.join("\n");
}

type Locate = ((value: string) => Located) & { numbering: () => string };

function locator(content: NoticeContent, task: Task, tasks: readonly Task[]): Locate {
  return content.kind === "lines" ? lineLocator(content.lines, task, tasks) : rowLocator(content, task);
}

function lineLocator(lines: readonly SourceLine[], task: Task, tasks: readonly Task[]): Locate {
  const at = lines.findIndex((l) => l.line === task.line);
  const nextTaskLine = Math.min(
    ...tasks.filter((t) => t.line > task.line).map((t) => t.line),
    Number.POSITIVE_INFINITY,
  );
  const own = lines.slice(at, at + MAX_TASK_LINES).filter((l) => l.line < nextTaskLine);
  const locate = ((value: string): Located => {
    // A name under a label wins over the same name mentioned in the task's sentence.
    let inText: Located | undefined;
    for (const [k, line] of own.entries()) {
      for (let index = line.text.indexOf(value); index !== -1; index = line.text.indexOf(value, index + 1)) {
        const before = line.text.slice(0, index);
        const label = [...before.matchAll(LABEL)].at(-1)?.[1];
        if (label) return { rule: say("rule.label", { line: line.line, label }), label, line: line.line };
        // A label alone on the line above its value ("完成时限：" / "6月底前") labels it too.
        const above = before.trim() === "" && k > 0 ? (own[k - 1] as SourceLine) : undefined;
        const ending = above && endingLabel(above.text);
        if (above && ending) {
          return {
            rule: say("rule.label", { line: above.line, label: ending }),
            label: ending,
            line: line.line,
          };
        }
        inText ??= { rule: say("rule.text", { line: line.line }), line: line.line };
      }
    }
    if (inText) return inText;
    // Owners a heading carries for the tasks under it (二、李某某副县长牵头的工作).
    for (let i = at - 1; i >= 0; i--) {
      const line = lines[i] as SourceLine;
      if (line.text.includes(value) && !TASK_NUMBERING.test(line.text)) {
        const rule = say("rule.heading", { line: line.line, text: line.text.trim() });
        return { rule, line: line.line, heading: true };
      }
    }
    return { rule: say("rule.notFound") };
  }) as Locate;
  locate.numbering = () => {
    const mark = ANY_NUMBERING.exec(lines[at]?.text ?? "")?.[1]?.trim();
    return mark ? say("numbering.line", { line: task.line, mark }) : say("numbering.none");
  };
  return locate;
}

function rowLocator(content: Extract<NoticeContent, { kind: "rows" }>, task: Task): Locate {
  const header = findHeaderRow(content.rows);
  const row = content.rows.find((r) => r.row === task.line);
  const column = (c: number) => ({ header: header?.names[c] ?? "", column: columnLetter(c) });
  const locate = ((value: string): Located => {
    const c = row?.cells.findIndex((cell) => cell.includes(value)) ?? -1;
    return c === -1
      ? { rule: say("rule.notFound") }
      : { rule: say("rule.column", column(c)), label: header?.names[c] ?? String(c) };
  }) as Locate;
  locate.numbering = () => {
    const c = header?.columns.no[0];
    if (c === undefined || !row) return say("numbering.rowOrder");
    return say("numbering.column", { ...column(c), mark: (row.cells[c] ?? "").trim() });
  };
  return locate;
}

/** Labels (and table headers) that name the lead units as such. */
const LEAD_LABEL = /牵头|主办|主责/;

/** Why the hosts are the hosts: a heading or label that says so, bold type, or being listed first. */
function hostsRule(content: NoticeContent, task: Task, locate: Locate): string {
  const host = locate(task.hostUnits[0] ?? "");
  if (host.heading) return say("hosts.heading");
  const co = task.coUnits.map(locate).find((l) => l.label !== undefined);
  if (host.label && (LEAD_LABEL.test(host.label) || (co?.label && host.label !== co.label))) {
    return say("hosts.label");
  }
  const line = content.kind === "lines" ? content.lines.find((l) => l.line === host.line) : undefined;
  const name = task.hostUnits[0] ?? "";
  // "（区市场监管局牵头，各镇街配合）"
  if (line && [`${name}牵头`, `${name}等单位牵头`].some((w) => line.text.includes(w))) {
    return say("hosts.wording", { name });
  }
  return line?.bold?.some(Boolean) ? say("hosts.bold") : say("hosts.first");
}

/** "完成时限：" ending a line: the label of the value on the next line. */
function endingLabel(text: string): string | undefined {
  return [...text.trimEnd().matchAll(LABEL)].find(
    (m) => m.index + m[0].length === text.trimEnd().length,
  )?.[1];
}
