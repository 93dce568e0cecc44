import { BUSINESS_OFFSET_MS } from "../../shared/clock.js";

/** Excel's limit on the characters of one cell. */
const CELL_CHARS = 32_767;
/**
 * Characters XML 1.0 does not allow: C0 controls other than tab and line breaks (exceljs drops
 * those itself), U+FFFE and U+FFFF (exceljs writes them as they are), and unpaired surrogates. A
 * note pasted from another program can carry them, and one of them in a sheet's XML makes Excel
 * "repair" the file and WPS refuse it.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a cell can hold it: what XML forbids dropped, cut to Excel's limit. */
export function cellText(text: string): string {
  const clean = text.replace(NOT_XML, "");
  return clean.length > CELL_CHARS ? `${clean.slice(0, CELL_CHARS - 1)}…` : clean;
}

/**
 * A calendar day (YYYY-MM-DD) as an Excel date. Excel dates have no time zone: exceljs counts
 * from the Unix epoch in UTC, so the day is written at UTC midnight and reads as that day.
 */
export function excelDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** An instant as an Excel date and time that reads as Beijing wall-clock time. */
export function excelDateTime(instant: string): Date {
  return new Date(Date.parse(instant) + BUSINESS_OFFSET_MS);
}
