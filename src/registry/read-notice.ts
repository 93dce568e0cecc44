import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../shared/errors.js";
import { decodeText, type TextEncoding, toLines } from "./decode-text.js";
import { type ParsedContent, parseLinesWithYear, parseRowsWithYear } from "./parse-with-year.js";
import { readDocxLines } from "./read-docx.js";
import { readTableRows } from "./read-table.js";
import { registrySchema } from "./registry.js";

export type NoticeFormat = "text" | "docx" | "xlsx" | "csv";

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
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty.`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const format = detectFormat(path, bytes);
  let parsed: ParsedContent;
  let encoding: TextEncoding | undefined;
  if (format === "docx") {
    parsed = parseLinesWithYear(readDocxLines(bytes, path), path, options.year);
  } else if (format === "xlsx" || format === "csv") {
    parsed = parseRowsWithYear(await readTableRows(bytes, path, format), path, options.year);
  } else {
    const decoded = decodeText(bytes, path);
    encoding = decoded.encoding;
    parsed = parseLinesWithYear(toLines(decoded.text), path, options.year);
  }
  return {
    ...parsed,
    registry: registrySchema.parse(parsed.registry),
    source: { path, format, sha256, ...(encoding ? { encoding } : {}) },
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
