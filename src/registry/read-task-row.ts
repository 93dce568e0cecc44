import { extractIndicators } from "./extract-indicators.js";
import { findParenthetical } from "./find-parenthetical.js";
import { findDeadlineInText, parseDeadline, yearEnd } from "./parse-deadline.js";
import { parseParenthetical } from "./parse-parenthetical.js";
import { readTableUnits } from "./read-table-units.js";
import { type Problem, type Task, unitsOf } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import type { TableHeader } from "./table-headers.js";
import { tableProblem } from "./table-problem.js";
import type { TableRow } from "./table-row.js";
import { splitNames } from "./unit-names.js";

export interface TaskRowContext {
  header: TableHeader;
  year: number;
  /** The responsible-unit column uses bold to mark hosts (see columnMarksHosts). */
  boldMarksHosts: boolean;
}

export interface TaskRowRead {
  /** Absent when the row holds no task text. Its number and section are the caller's to give. */
  task?: Omit<Task, "no" | "section" | "subsection">;
  /** The 序号 cell as written. */
  noText: string;
  problems: Problem[];
}

/** Reads one data row of a task table; whatever is missing or unreadable becomes a problem. */
export function readTaskRow(row: TableRow, { header, year, boldMarksHosts }: TaskRowContext): TaskRowRead {
  const { columns } = header;
  const cellText = (c: number | undefined) => (c === undefined ? "" : (row.cells[c] ?? "").trim());
  const cellLine = (c: number): SourceLine => {
    const bold = row.bold?.[c];
    return { text: row.cells[c] ?? "", line: row.row, ...(bold ? { bold } : {}) };
  };
  const noText = cellText(columns.no[0]);
  const problems: Problem[] = [];
  const taskColumn = columns.task[0];
  let text = cellText(taskColumn);
  if (text === "" || taskColumn === undefined) {
    const hasData = row.cells.some((cell, c) => cell.trim() !== "" && !columns.no.includes(c));
    if (hasData) problems.push(tableProblem(row.row, "noTaskText"));
    return { noText, problems };
  }

  const [responsible, ...otherUnitColumns] = columns.units;
  const others = [...otherUnitColumns, ...columns.coUnits];
  // A 牵头单位/主办单位 column beside a 责任单位 or 配合单位 column names hosts only, however many.
  const leadColumn =
    responsible !== undefined &&
    others.length > 0 &&
    /牵头|主办/.test(header.names[responsible] ?? "") &&
    !header.boldNote?.includes(responsible);
  const units = readTableUnits(
    responsible === undefined ? undefined : cellLine(responsible),
    others.map(cellLine),
    boldMarksHosts,
    leadColumn,
  );
  let leaders = unique([...columns.leaders.flatMap((c) => splitNames(cellText(c))), ...units.leaders]);
  let deadlineText = cellText(columns.deadline[0]);

  // A task pasted from a notice keeps its parenthetical: it fills what the columns leave empty.
  const found = findParenthetical(cellLine(taskColumn).text);
  if (found) {
    const parts = parseParenthetical(cellLine(taskColumn), found.content);
    text = found.sentence;
    if (leaders.length === 0) leaders = parts.leaders;
    if (unitsOf(units).length === 0) {
      Object.assign(units, {
        hostUnits: parts.hostUnits,
        coUnits: parts.coUnits,
        unitGroups: parts.unitGroups,
      });
    }
    if (deadlineText === "" && parts.deadlineText) deadlineText = parts.deadlineText;
  }
  if (leaders.length === 0 && (columns.leaders.length > 0 || found)) {
    problems.push(tableProblem(row.row, "noLeaders"));
  }
  const hasUnitColumn = columns.units.length + columns.coUnits.length > 0;
  if (unitsOf(units).length === 0 && (hasUnitColumn || found)) {
    problems.push(tableProblem(row.row, "noUnits"));
  }

  const deadline = readDeadline(deadlineText, text, year);
  if (deadline.unread) {
    problems.push(tableProblem(row.row, "unreadDeadline", { text: deadlineText }));
  }
  return {
    task: {
      text,
      leaders,
      hostUnits: units.hostUnits,
      coUnits: units.coUnits,
      unitGroups: units.unitGroups,
      indicators: extractIndicators(text),
      deadline: deadline.date,
      ...(deadline.text ? { deadlineText: deadline.text } : {}),
      line: row.row,
    },
    noText,
    problems,
  };
}

/**
 * The deadline cell as a date: the notice forms (6月底前, 三季度末…), numeric dates (2021-06-30,
 * 2021/6/30, 2021.6), or the latest phrase in a longer cell. An empty cell falls back to a phrase in
 * the task's text, then to the year's end.
 */
function readDeadline(
  cell: string,
  taskText: string,
  year: number,
): { date: string; text?: string; unread?: true } {
  if (cell === "") {
    const inText = findDeadlineInText(taskText, year);
    return inText ? { date: inText.date, text: inText.text } : { date: yearEnd(year) };
  }
  const date = parseDeadline(numericDateToChinese(cell), year) ?? findDeadlineInText(cell, year)?.date;
  return date ? { date, text: cell } : { date: yearEnd(year), unread: true };
}

function numericDateToChinese(cell: string): string {
  const t = cell.replace(/\s/g, "");
  const day = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(前|以前|之前)?$/.exec(t);
  if (day) return `${day[1]}年${Number(day[2])}月${Number(day[3])}日${day[4] ?? ""}`;
  const month = /^(\d{4})[-/.](\d{1,2})(前|以前|之前)?$/.exec(t);
  if (month) return `${month[1]}年${Number(month[2])}月底${month[3] ?? ""}`;
  return cell;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
