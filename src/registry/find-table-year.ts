import { mostFrequentYear, type YearFinding, yearInDocNo, yearInWords } from "./notice-year.js";
import { findHeaderRow } from "./table-headers.js";
import type { TableRow } from "./table-row.js";

/** Dates that name their year: 2021年6月30日, 2021年6月底, 2021-06-30, 2021/6/30, 2021.6.30. */
const DATED = /(?<!\d)(\d{4})(?:\s*年\s*\d{1,2}\s*月|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))/g;

/**
 * A table has no notice around it, so its year is the one most of its dated cells are in (ties go to
 * the earlier year: a multi-year task's final date is the odd one out); else the year in its title.
 */
export function findTableYear(rows: readonly TableRow[], title: string): number | undefined {
  return mostDated(rows)?.year ?? yearInWords(title);
}

/**
 * The year of a task table and where it was read: its dated cells, a title row above the header,
 * a document number there (〔2023〕), any "2023年" in its cells, and last the file's name.
 */
export function readTableYear(rows: readonly TableRow[], fileName = ""): YearFinding | undefined {
  const header = findHeaderRow(rows);
  const above = header ? rows.slice(0, header.start) : [];
  const body = header ? [...above, ...rows.slice(header.end + 1)] : rows;
  const dated = mostDated(body);
  if (dated) return { year: dated.year, source: "cells", evidence: "", count: dated.count };
  const aboveCells = above.flatMap((row) => row.cells.map((cell) => cell.replace(/\s+/g, " ").trim()));
  for (const cell of aboveCells) {
    const year = yearInWords(cell);
    if (year !== undefined) return { year, source: "title", evidence: cell };
  }
  for (const cell of aboveCells) {
    const year = yearInDocNo(cell);
    if (year !== undefined) return { year, source: "docNo", evidence: cell };
  }
  const inBody = mostFrequentYear(body.flatMap((row) => row.cells));
  if (inBody) return { year: inBody.year, source: "body", evidence: "", count: inBody.count };
  const name = fileName.replace(/^.*[\\/]/, "");
  const inName = yearInWords(name);
  return inName !== undefined ? { year: inName, source: "fileName", evidence: name } : undefined;
}

function mostDated(rows: readonly TableRow[]): { year: number; count: number } | undefined {
  return mostFrequentYear(
    rows.flatMap((row) => row.cells),
    DATED,
  );
}
