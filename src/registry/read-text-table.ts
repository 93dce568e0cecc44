import type { SourceLine } from "./source-line.js";
import { columnKind, findHeaderRow } from "./table-headers.js";
import type { TableRow } from "./table-row.js";

/** A chapter line between rows (一、稳定就业): a heading row of one cell. */
const CHAPTER = /^(?:第)?[一二三四五六七八九十]{1,3}(?:[、.．]|部分|章|篇)\s*[^。；]{1,40}$/;
/** A 序号 cell on its own line: 1, 1、, （1）. */
const ROW_NO = /^[（(]?\d{1,3}[)）、.．]?$/;
/** Cells that say "as above": a merged cell flattened to text. */
const SAME_AS_ABOVE = /^(同上|〃|"|”|''|＂)$/;

/**
 * A task table flattened to text: `|`-separated rows (as pasted from a web page or Markdown), or one
 * cell per line under a header written one name per line. Undefined when the text is not a table,
 * so that it is read as a notice.
 */
export function readTextTable(lines: readonly SourceLine[]): TableRow[] | undefined {
  return readPipeTable(lines) ?? readCellPerLineTable(lines);
}

/** Rows separated by | (as pasted from a web page or Markdown) or by tabs (as copied from Excel). */
function readPipeTable(lines: readonly SourceLine[]): TableRow[] | undefined {
  // Cells copied out of Excel or WPS arrive separated by tabs.
  const tabbed = lines.filter((l) => (l.text.trim().match(/\t/g)?.length ?? 0) >= 2);
  const tabs = tabbed.length >= 2;
  const separator = tabs ? /\t/ : /[|｜]/;
  const piped = lines.filter((l) => (l.text.match(/[|｜]/g)?.length ?? 0) >= 2);
  if (piped.length < 2 && tabbed.length < 2) return undefined;
  const rows: TableRow[] = [];
  for (const { text, line } of lines) {
    const trimmed = tabs ? text.replace(/^[ \u3000]+|[ \u3000]+$/g, "") : text.trim();
    if (trimmed.trim() === "") continue;
    if (!separator.test(trimmed)) {
      rows.push({ row: line, cells: [trimmed.trim()] });
      continue;
    }
    const cells = (tabs ? trimmed : trimmed.replace(/^[|｜]|[|｜]$/g, ""))
      .split(separator)
      .map((cell) => cell.trim());
    // The Markdown rule under the header (|---|:---:|).
    if (cells.every((cell) => /^:?-{2,}:?$/.test(cell) || cell === "")) continue;
    rows.push({ row: line, cells });
  }
  return withHeader(rows);
}

function readCellPerLineTable(lines: readonly SourceLine[]): TableRow[] | undefined {
  const texts = lines.map((l) => l.text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
  // The header: a run of at least three lines, each a column name, one of them the task's.
  let start = -1;
  let end = -1;
  for (let i = 0; i < texts.length && start === -1; i++) {
    let j = i;
    while (j < texts.length && isHeaderName(texts[j] as string)) j++;
    const names = texts.slice(i, j).map((t) => columnKind(t));
    if (j - i >= 3 && names.includes("task")) [start, end] = [i, j];
  }
  if (start === -1) return undefined;
  const width = end - start;
  const rows: TableRow[] = [];
  for (let i = 0; i < start; i++) {
    if (texts[i] !== "") rows.push({ row: (lines[i] as SourceLine).line, cells: [texts[i] as string] });
  }
  rows.push({ row: (lines[start] as SourceLine).line, cells: texts.slice(start, end) });
  const numbered = columnKind(texts[start] as string) === "no";
  let row: TableRow | undefined;
  for (let i = end; i < texts.length; i++) {
    const text = texts[i] as string;
    const line = (lines[i] as SourceLine).line;
    const full = row !== undefined && row.cells.length >= width;
    if (CHAPTER.test(text) && (row === undefined || full || numbered)) {
      row = undefined;
      rows.push({ row: line, cells: [text] });
      continue;
    }
    const starts = numbered ? ROW_NO.test(text) : row === undefined || full;
    if (starts && (row === undefined || full || numbered)) {
      row = { row: line, cells: [text] };
      rows.push(row);
    } else if (row) {
      // A blank line inside a row is an empty cell.
      row.cells.push(text);
    }
  }
  for (const r of rows) while (r.cells.length > 1 && r.cells[r.cells.length - 1] === "") r.cells.pop();
  return withHeader(rows);
}

/** A column name on its own line: short, no colon (a field line "牵头单位：…" is not a header). */
function isHeaderName(text: string): boolean {
  return text !== "" && text.length <= 12 && !/[：:\d。，]/.test(text) && columnKind(text) !== undefined;
}

/** The rows, with "同上" cells filled from the row above, when a task table's header is among them. */
function withHeader(rows: TableRow[]): TableRow[] | undefined {
  const header = findHeaderRow(rows);
  // "牵头领导：张三<tab>牵头单位：…" is a line of fields, not a header row.
  if (!header || rows[header.start]?.cells.some((cell) => /[：:]\s*\S/.test(cell))) return undefined;
  let previous: TableRow | undefined;
  for (const row of rows.slice(header.end + 1)) {
    if (row.cells.length <= 1) continue;
    row.cells = row.cells.map((cell, c) =>
      SAME_AS_ABOVE.test(cell) && previous ? (previous.cells[c] ?? cell) : cell,
    );
    previous = row;
  }
  return rows;
}
