import { InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { readTableYear } from "./find-table-year.js";
import { givenYear, type YearFinding } from "./notice-year.js";
import { readNoticeLines, type TaskReading } from "./parse-notice.js";
import { parseTaskTable } from "./parse-task-table.js";
import { findNoticeYear } from "./read-notice-header.js";
import type { Registry } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import type { TableRow } from "./table-row.js";

/** What the parser read, kept so that a task can be explained from its own lines or row. */
export type NoticeContent = { kind: "lines"; lines: SourceLine[] } | { kind: "rows"; rows: TableRow[] };

export interface ParsedContent {
  registry: Registry;
  /** The year the deadlines were resolved against, and where it was read. */
  year: YearFinding;
  content: NoticeContent;
  /**
   * How each task of a notice was read (which rule gave its number, leaders, hosts, deadline), for
   * the summary and --explain; absent for a task table, whose columns say what each field is.
   */
  readings?: TaskReading[];
}

/**
 * Parses a notice's lines (text, .docx, …) once its year is known: `--year`, else the notice's own
 * (title, 文号, date of issue, body). Throws `InputError` asking for `--year` when there is none —
 * never the clock's year, which would put every "年底前" in the wrong year without a word.
 */
export function parseLinesWithYear(lines: SourceLine[], path: string, given?: number): ParsedContent {
  const year = settle(findNoticeYear(lines), given, path, "noYear");
  const { registry, readings } = readNoticeLines(lines, yearOptions(year));
  return { registry, year, content: { kind: "lines", lines }, readings };
}

/**
 * Parses a task table once its year is known. `around` is the notice text a table stands in (a Word
 * document, a web page): its title, 文号 and date of issue name the year before the table's cells do.
 */
export function parseRowsWithYear(
  rows: TableRow[],
  path: string,
  given?: number,
  around: readonly SourceLine[] = [],
): ParsedContent {
  const found =
    findNoticeYear(around, { body: false }) ?? readTableYear(rows, path) ?? findNoticeYear(around);
  const year = settle(found, given, path, "noYearTable");
  const registry = parseTaskTable(rows, { ...yearOptions(year), name: path });
  return { registry, year, content: { kind: "rows", rows } };
}

function settle(
  found: YearFinding | undefined,
  given: number | undefined,
  path: string,
  key: string,
): YearFinding {
  if (given !== undefined) return givenYear(given, found);
  if (!found) throw new InputError(message("import/refusals", key, { path }), { reason: "no-year" });
  return found;
}

/** The parsers fall back to `now`'s year only without `year`, which is always given here. */
function yearOptions(year: YearFinding) {
  return { year: year.year, now: new Date(Date.UTC(year.year, 6, 1)) };
}
