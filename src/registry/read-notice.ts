import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../shared/errors.js";
import { decodeText, type TextEncoding, toLines } from "./decode-text.js";
import { type ParsedContent, parseLinesWithYear, parseRowsWithYear } from "./parse-with-year.js";
import { readHtml } from "./read-html.js";
import { readPdfLines } from "./read-pdf.js";
import { readTextTable } from "./read-text-table.js";
import { registrySchema } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import { findHeaderRow } from "./table-headers.js";
import type { TableRow } from "./table-row.js";

export type NoticeFormat = "text" | "docx" | "xlsx" | "csv" | "html" | "pdf";

export type { NoticeContent } from "./parse-with-year.js";

export interface ReadNoticeOptions {
  /** The year given with `--year`; else the document must name it. */
  year?: number;
}

export interface ReadNoticeResult extends ParsedContent {
  source: { path: string; format: NoticeFormat; sha256: string; encoding?: TextEncoding };
}

/**
 * Reads a notice or task table from disk, picking the reader by the file's extension and content.
 * Throws `InputError` when the file names no year and none was given: never the clock's year.
 */
export async function readNotice(path: string, options: ReadNoticeOptions = {}): Promise<ReadNoticeResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new InputError(
      `${path}: cannot read the file (${(cause as NodeJS.ErrnoException).code ?? cause}).`,
      {
        cause,
      },
    );
  }
  return readNoticeBytes(bytes, path, options);
}

/**
 * `readNotice` on a file already in memory (one sent in chat): `path` names it in problems and
 * picks the reader by its extension, as on disk.
 */
export async function readNoticeBytes(
  bytes: Uint8Array,
  path: string,
  options: ReadNoticeOptions = {},
): Promise<ReadNoticeResult> {
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty.`, { reason: "empty" });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const format = detectFormat(path, bytes);
  let parsed: ParsedContent;
  let encoding: TextEncoding | undefined;
  const asNotice = (lines: SourceLine[]) => parseLinesWithYear(lines, path, options.year);
  // The zip and XML readers load with the first file that needs them: most commands that load
  // this module (the service, a simulation) read no Word or Excel file.
  if (format === "docx") {
    const { readDocx } = await import("./read-docx.js");
    const { lines, tables } = readDocx(bytes, path);
    const table = tables
      .map((t) => readTaskTableIn(lines.slice(0, t.firstLine), t.rows, options, path))
      .find((r) => r !== undefined);
    parsed = table ?? asNotice(lines);
  } else if (format === "pdf") {
    const lines = await readPdfLines(bytes, path);
    const table = readTextTable(lines);
    parsed = table ? parseRowsWithYear(table, path, options.year, lines) : asNotice(lines);
  } else if (format === "html") {
    const decoded = decodeText(bytes, path);
    encoding = decoded.encoding;
    parsed = parseHtml(decoded.text, options, path);
  } else if (format === "xlsx" || format === "csv") {
    const { readTableRows } = await import("./read-table.js");
    parsed = parseRowsWithYear(await readTableRows(bytes, path, format), path, options.year);
  } else {
    const decoded = decodeText(bytes, path);
    encoding = decoded.encoding;
    const lines = toLines(decoded.text);
    const table = readTextTable(lines);
    parsed = table ? parseRowsWithYear(table, path, options.year, lines) : asNotice(lines);
  }
  return {
    ...parsed,
    registry: registrySchema.parse(parsed.registry),
    source: { path, format, sha256, ...(encoding ? { encoding } : {}) },
  };
}

/**
 * A task table inside a notice (Word or web page): read as a table when it has a task header and
 * yields tasks. The short lines above it give its title and year.
 */
function readTaskTableIn(
  before: readonly SourceLine[],
  rows: readonly TableRow[],
  options: ReadNoticeOptions,
  name: string,
): ParsedContent | undefined {
  const heading = before
    .map((l) => ({ row: l.line, cells: [l.text.trim()] }))
    .filter((r) => r.cells[0] !== "" && (r.cells[0] as string).length <= 60)
    .slice(-4);
  const all = [...heading, ...rows];
  if (!findHeaderRow(all)) return undefined;
  const parsed = parseRowsWithYear(all, name, options.year, before);
  return parsed.registry.tasks.length > 0 ? parsed : undefined;
}

/** A saved web page: its first task table, else its text as a notice (table cells as lines). */
function parseHtml(html: string, options: ReadNoticeOptions, name: string): ParsedContent {
  const lines: SourceLine[] = [];
  for (const block of readHtml(html)) {
    if (block.kind === "line") {
      lines.push(block.line);
      continue;
    }
    const table = readTaskTableIn(lines, block.rows, options, name);
    if (table) return table;
    for (const row of block.rows) {
      for (const cell of row.cells) if (cell.trim() !== "") lines.push({ text: cell, line: row.row });
    }
  }
  return parseLinesWithYear(lines, name, options.year);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function detectFormat(path: string, bytes: Uint8Array): NoticeFormat {
  const ext = extname(path).toLowerCase();
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (ext === ".docx") return "docx";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".doc" || ext === ".xls" || ext === ".wps" || ext === ".et") {
    throw new InputError(
      `${path}: the old binary Office format (${ext}) cannot be read. Fix: save it as .docx or .xlsx (另存为) and import that.`,
      { reason: "old-office" },
    );
  }
  if (ext === ".pdf") return "pdf";
  if (isZip) {
    throw new InputError(
      `${path}: a zip-based file with an unknown extension. Fix: name it .docx or .xlsx.`,
      {
        reason: "unknown-zip",
      },
    );
  }
  return "text";
}
