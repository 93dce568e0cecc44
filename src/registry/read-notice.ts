import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { decodeText, type TextEncoding, toLines } from "./decode-text.js";
import { readTableYear } from "./find-table-year.js";
import { givenYear, type YearFinding } from "./notice-year.js";
import { parseNotice } from "./parse-notice.js";
import { parseTaskTable } from "./parse-task-table.js";
import { readDocxLines } from "./read-docx.js";
import { findNoticeYear } from "./read-notice-header.js";
import { readTableRows } from "./read-table.js";
import { type Registry, registrySchema } from "./registry.js";
import type { SourceLine } from "./source-line.js";
import type { TableRow } from "./table-row.js";

export type NoticeFormat = "text" | "docx" | "xlsx" | "csv";

/** What the parser read, kept so that a task can be explained from its own lines or row. */
export type NoticeContent = { kind: "lines"; lines: SourceLine[] } | { kind: "rows"; rows: TableRow[] };

export interface ReadNoticeOptions {
  /** The year given with `--year`; else the document must name it. */
  year?: number;
}

export interface ReadNoticeResult {
  registry: Registry;
  source: { path: string; format: NoticeFormat; sha256: string; encoding?: TextEncoding };
  /** The year the deadlines were resolved against, and where it was read. */
  year: YearFinding;
  content: NoticeContent;
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
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty.`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const format = detectFormat(path, bytes);
  let content: NoticeContent;
  let encoding: TextEncoding | undefined;
  if (format === "docx") {
    content = { kind: "lines", lines: readDocxLines(bytes, path) };
  } else if (format === "xlsx" || format === "csv") {
    content = { kind: "rows", rows: await readTableRows(bytes, path, format) };
  } else {
    const decoded = decodeText(bytes, path);
    encoding = decoded.encoding;
    content = { kind: "lines", lines: toLines(decoded.text) };
  }
  const found = content.kind === "lines" ? findNoticeYear(content.lines) : readTableYear(content.rows, path);
  const year = options.year !== undefined ? givenYear(options.year, found) : found;
  if (!year) {
    throw new InputError(
      message("import/refusals", content.kind === "rows" ? "noYearTable" : "noYear", { path }),
    );
  }
  // The year is always given, so the parsers' clock fallback is never reached; `now` only satisfies
  // their options and agrees with the year.
  const parseOptions = { year: year.year, now: new Date(Date.UTC(year.year, 6, 1)) };
  const registry =
    content.kind === "lines"
      ? parseNotice(content.lines, parseOptions)
      : parseTaskTable(content.rows, { ...parseOptions, name: path });
  return {
    registry: registrySchema.parse(registry),
    source: { path, format, sha256, ...(encoding ? { encoding } : {}) },
    year,
    content,
  };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function detectFormat(path: string, bytes: Uint8Array): NoticeFormat {
  const ext = extname(path).toLowerCase();
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (ext === ".docx") return "docx";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  if (ext === ".doc" || ext === ".xls" || ext === ".wps" || ext === ".et") {
    throw new InputError(
      `${path}: the old binary Office format (${ext}) cannot be read. Fix: save it as .docx or .xlsx (另存为) and import that.`,
    );
  }
  if (ext === ".pdf") {
    throw new InputError(`${path}: PDF cannot be read. Fix: import the .docx or a text copy of the notice.`);
  }
  if (isZip) {
    throw new InputError(`${path}: a zip-based file with an unknown extension. Fix: name it .docx or .xlsx.`);
  }
  return "text";
}
