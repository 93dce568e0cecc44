import { BUSINESS_OFFSET_MS } from "../../shared/clock.js";
import { stripNonXml } from "../../shared/xml-text.js";

/** Excel's limit on the characters of one cell. */
const CELL_CHARS = 32_767;
/**
 * Text as a cell can hold it: what XML forbids dropped (exceljs writes U+FFFE, U+FFFF and lone
 * surrogates as they are), cut to Excel's limit.
 */
export function cellText(text: string): string {
  const clean = stripNonXml(text);
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
