import { parse } from "csv-parse/sync";
import { InputError } from "../shared/errors.js";
import { decodeText } from "./decode-text.js";
import { keepFilledRows, type TableRow } from "./table-row.js";

const DELIMITERS = [",", ";", "\t"] as const;
/** Lines looked at to pick the delimiter. */
const SNIFF_LINES = 5;

/**
 * Reads a CSV: UTF-8 with or without BOM (Excel writes one) or GBK/GB18030, comma-, semicolon- or
 * tab-separated, quoted cells may hold line breaks. Row numbers count records, as Excel shows them.
 */
export function readCsvRows(bytes: Uint8Array, name: string): TableRow[] {
  const { text } = decodeText(bytes, name);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(
      `${name}: the CSV cannot be read (${detail}). Fix: check the quotes in that line, or export the table from Excel again.`,
      { cause, reason: "csv-broken" },
    );
  }
  return keepFilledRows(
    records.map((cells, i) => ({ row: i + 1, cells: cells.map((cell) => cell.replace(/\r\n?/g, "\n")) })),
  );
}

/** The candidate that occurs most often outside quotes in the first lines; a comma on a tie. */
function sniffDelimiter(text: string): string {
  const head = text
    .replace(/"[^"]*"/g, "")
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== "")
    .slice(0, SNIFF_LINES)
    .join("\n");
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = head.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}
