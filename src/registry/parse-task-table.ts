import { businessDate } from "../shared/clock.js";
import { checkTableColumns } from "./check-table-columns.js";
import { findTableYear } from "./find-table-year.js";
import { numberTableTasks, type TableTaskDraft } from "./number-table-tasks.js";
import { readSectionCell, readTableHeading } from "./read-table-heading.js";
import { columnMarksHosts } from "./read-table-units.js";
import { readTaskRow } from "./read-task-row.js";
import type { Problem, Registry, Section } from "./registry.js";
import { findHeaderRow, HEADER_SCAN_ROWS, type TableHeader } from "./table-headers.js";
import { tableProblem } from "./table-problem.js";
import type { TableRow } from "./table-row.js";

export interface TableParseOptions {
  /** Overrides the year read from the table (`--year`). */
  year?: number;
  /** Gives the year when the table writes no full date. */
  now: Date;
  /** The file's name: the title when the table has no title row. */
  name?: string;
}

/**
 * Reads a task table (分解表) into a registry. Headers are matched by synonyms in any order; a row
 * holding only a chapter heading (一、…) sets the section of the rows below. Nothing in the content
 * throws: what cannot be read goes into `problems` with its row number.
 */
export function parseTaskTable(rows: readonly TableRow[], options: TableParseOptions): Registry {
  const header = findHeaderRow(rows);
  const title = (header && findTitle(rows.slice(0, header.start))) || fileTitle(options.name);
  const bodyRows = header ? [...rows.slice(0, header.start), ...rows.slice(header.end + 1)] : rows;
  const year =
    options.year ?? findTableYear(bodyRows, title) ?? Number(businessDate(options.now).slice(0, 4));
  const registry: Registry = {
    document: { title, docNo: "", issuer: "", issuedOn: "", year },
    targets: [],
    sections: [],
    tasks: [],
    problems: [],
  };
  if (!header) {
    registry.problems.push(tableProblem(0, "noHeader", { rows: HEADER_SCAN_ROWS }));
    return registry;
  }
  const { drafts, taskRows, problems } = readBody(
    rows.slice(header.end + 1),
    header,
    year,
    registry.sections,
  );
  const numbered = numberTableTasks(drafts, header);
  registry.tasks = numbered.tasks;
  problems.push(...numbered.problems, ...checkTableColumns(header, taskRows, registry.tasks));
  if (drafts.length === 0) problems.push(tableProblem(header.row, "noTasks"));
  registry.problems = problems.sort((a, b) => a.line - b.line);
  return registry;
}

function readBody(rows: readonly TableRow[], header: TableHeader, year: number, sections: Section[]) {
  const responsible = header.columns.units[0];
  const boldMarksHosts =
    responsible !== undefined &&
    columnMarksHosts(
      rows.map((r) => ({ text: r.cells[responsible] ?? "", line: r.row, bold: r.bold?.[responsible] })),
    );
  const context = { header, year, boldMarksHosts };
  const addSection = (section: Section): Section => {
    const known = sections.find((s) => s.title === section.title);
    if (known) return known;
    sections.push(section);
    return section;
  };
  const drafts: TableTaskDraft[] = [];
  const taskRows: TableRow[] = [];
  const problems: Problem[] = [];
  let chapter: Section | undefined;
  let subsection: string | undefined;
  for (const row of rows) {
    const heading = readTableHeading(row, header);
    if (heading && "no" in heading) {
      chapter = addSection({ no: heading.no || String(sections.length + 1), title: heading.title });
      subsection = undefined;
      continue;
    }
    if (heading) {
      subsection = heading.title;
      continue;
    }
    const read = readTaskRow(row, context);
    problems.push(...read.problems);
    if (!read.task) continue;
    taskRows.push(row);
    const sectionCell = (row.cells[header.columns.section[0] ?? -1] ?? "").trim();
    const inColumn = sectionCell && readSectionCell(sectionCell);
    const section = inColumn
      ? addSection({ no: inColumn.no || String(sections.length + 1), title: inColumn.title })
      : chapter;
    drafts.push({
      task: read.task,
      noText: read.noText,
      section: section?.title ?? "",
      ...(section?.no ? { sectionNo: section.no } : {}),
      ...(subsection ? { subsection } : {}),
    });
  }
  return { drafts, taskRows, problems };
}

/** The single-cell row above the header that reads like a title (…分解表, …清单), else the first such row. */
function findTitle(rows: readonly TableRow[]): string {
  const single = rows
    .map((row) => row.cells.filter((cell) => cell.trim() !== ""))
    .filter((cells) => cells.length === 1)
    .map((cells) => (cells[0] as string).replace(/\s+/g, " ").trim())
    .filter((text) => !/^附件\s*\d*[:：]?$/.test(text));
  return single.find((text) => /(表|清单|台账|通知|方案|计划|任务)$/.test(text)) ?? single[0] ?? "";
}

/** "/data/2021年任务分解表.xlsx" → "2021年任务分解表". */
function fileTitle(name: string | undefined): string {
  return (name ?? "").replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
}
