import type { Problem, Task } from "./registry.js";
import type { TableHeader } from "./table-headers.js";
import { tableProblem } from "./table-problem.js";

/** A task row before numbering: its task, the 序号 as written, and where it stands. */
export interface TableTaskDraft {
  task: Omit<Task, "no" | "section" | "subsection">;
  noText: string;
  section: string;
  /** The chapter's numeral (二), when the table names one. */
  sectionNo?: string;
  subsection?: string;
}

/** 1, 1.0 (a number cell), 1、 1. （1） */
const PRINTED_NO = /^[（(]?(\d{1,4})(?:\.0+)?[)）、.．]?$/;

/**
 * Gives each task its number: the 序号 as printed when every row has one; otherwise the rows are
 * numbered 1.. in order (mixing printed and invented numbers would collide), with a problem saying why.
 */
export function numberTableTasks(
  drafts: readonly TableTaskDraft[],
  header: TableHeader,
): { tasks: Task[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const printed = drafts.map((draft) => {
    const match = PRINTED_NO.exec(draft.noText.replace(/\s/g, ""));
    return match && Number(match[1]) > 0 ? Number(match[1]) : undefined;
  });
  if (header.columns.no.length === 0) {
    if (drafts.length > 0)
      problems.push(tableProblem(header.row, "noNumberColumn", { count: drafts.length }));
  } else {
    drafts.forEach((draft, i) => {
      if (printed[i] !== undefined) return;
      const row = draft.task.line;
      problems.push(
        draft.noText === ""
          ? tableProblem(row, "missingNumber")
          : tableProblem(row, "badNumber", { text: draft.noText }),
      );
    });
  }
  const usePrinted = problems.length === 0;
  const restarts = usePrinted && restartsPerSection(drafts, printed as number[]);
  const seen = new Set<number>();
  const tasks = drafts.map((draft, i): Task => {
    const no = usePrinted && !restarts ? (printed[i] as number) : i + 1;
    if (seen.has(no)) problems.push(tableProblem(draft.task.line, "duplicateNo", { no }));
    seen.add(no);
    const { line, ...task } = draft.task;
    const shown = draft.noText.replace(/\s/g, "").replace(/[、.．]$/, "");
    const ref = /^[（(]/.test(shown)
      ? `${draft.sectionNo ?? ""}${shown}`
      : `${draft.sectionNo ?? ""}.${shown}`;
    return {
      no,
      ...(restarts ? { ref: ref.replace(/^\./, "") } : {}),
      section: draft.section,
      ...(draft.subsection ? { subsection: draft.subsection } : {}),
      ...task,
      line,
    };
  });
  return { tasks, problems };
}

/**
 * True when the 序号 starts again at 1 in each section (一、1 2 3，二、1 2…): the printed numbers
 * repeat, so tasks are numbered 1..N through the table and keep the printed one as their ref.
 */
function restartsPerSection(drafts: readonly TableTaskDraft[], printed: readonly number[]): boolean {
  if (new Set(printed).size === printed.length) return false;
  const groups = new Map<string, number[]>();
  drafts.forEach((draft, i) => {
    const key = `${draft.section}/${draft.subsection ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), printed[i] as number]);
  });
  return [...groups.values()].every(
    (numbers) => numbers[0] === 1 && new Set(numbers).size === numbers.length,
  );
}
