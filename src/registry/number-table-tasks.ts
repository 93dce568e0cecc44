import type { Problem, Task } from "./registry.js";
import type { TableHeader } from "./table-headers.js";
import { tableProblem } from "./table-problem.js";

/** A task row before numbering: its task, the 序号 as written, and where it stands. */
export interface TableTaskDraft {
  task: Omit<Task, "no" | "section" | "subsection">;
  noText: string;
  section: string;
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
  const seen = new Set<number>();
  const tasks = drafts.map((draft, i): Task => {
    const no = usePrinted ? (printed[i] as number) : i + 1;
    if (seen.has(no)) problems.push(tableProblem(draft.task.line, "duplicateNo", { no }));
    seen.add(no);
    const { line, ...task } = draft.task;
    return {
      no,
      section: draft.section,
      ...(draft.subsection ? { subsection: draft.subsection } : {}),
      ...task,
      line,
    };
  });
  return { tasks, problems };
}
