import { type Problem, type Task, unitsOf } from "./registry.js";
import { type ColumnKind, columnKind, type TableHeader } from "./table-headers.js";
import { columnLetter, tableProblem } from "./table-problem.js";
import type { TableRow } from "./table-row.js";

/** Kinds read from one column only; a second column of the same kind is not imported. */
const SINGLE: ReadonlySet<ColumnKind> = new Set(["no", "task", "deadline", "section"]);

/**
 * Problems with the table's columns: columns holding data that is not imported (unknown name, no
 * name, a second 任务 column), and a missing leader or unit column (one problem, not one per row).
 */
export function checkTableColumns(
  header: TableHeader,
  taskRows: readonly TableRow[],
  tasks: readonly Task[],
): Problem[] {
  const problems: Problem[] = [];
  const width = Math.max(header.names.length, ...taskRows.map((row) => row.cells.length));
  for (let c = 0; c < width; c++) {
    if (!taskRows.some((row) => (row.cells[c] ?? "").trim() !== "")) continue;
    const name = header.names[c] ?? "";
    const kind = columnKind(name);
    const column = columnLetter(c);
    if (name === "") problems.push(tableProblem(header.row, "unnamedColumn", { column }));
    else if (!kind) problems.push(tableProblem(header.row, "unknownColumn", { column, header: name }));
    else if (SINGLE.has(kind) && header.columns[kind][0] !== c) {
      const first = columnLetter(header.columns[kind][0] ?? 0);
      problems.push(tableProblem(header.row, "duplicateColumn", { column, header: name, first }));
    }
  }
  const { columns } = header;
  if (columns.leaders.length === 0 && tasks.some((task) => task.leaders.length === 0)) {
    problems.push(tableProblem(header.row, "noLeaderColumn"));
  }
  if (
    columns.units.length + columns.coUnits.length === 0 &&
    tasks.some((task) => unitsOf(task).length === 0)
  ) {
    problems.push(tableProblem(header.row, "noUnitColumn"));
  }
  return problems;
}
