import ExcelJS from "exceljs";
import { InputError } from "../shared/errors.js";
import { isHeiti } from "./docx-styles.js";
import { findHeaderRow } from "./table-headers.js";
import { keepFilledRows, type TableRow } from "./table-row.js";

interface CellRead {
  text: string;
  bold?: boolean[];
}

/**
 * Reads the first worksheet that has a recognisable header row (else the first visible one).
 * A vertically merged cell (one leader over several tasks) gives its value to every row it spans;
 * a horizontally merged one only to its first cell, so a section row merged across stays one cell.
 */
export async function readXlsxRows(bytes: Uint8Array, name: string): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new InputError(
      `${name}: not a readable .xlsx workbook. Fix: open it in Excel or WPS and save it as .xlsx (an old .xls will not do), or export it as CSV.`,
      { cause, reason: "xlsx-broken" },
    );
  }
  if (workbook.worksheets.length === 0) {
    throw new InputError(
      `${name}: the file holds no worksheet (is it a renamed .docx?). Fix: import the Excel workbook itself.`,
      { reason: "no-worksheet" },
    );
  }
  const visible = workbook.worksheets.filter((sheet) => sheet.state === "visible");
  const sheets = (visible.length > 0 ? visible : workbook.worksheets).map(readSheet);
  return sheets.find((rows) => findHeaderRow(rows) !== undefined) ?? sheets[0] ?? [];
}

function readSheet(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const bold: (boolean[] | undefined)[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const read = readCell(row.getCell(c));
      cells.push(read.text);
      bold.push(read.bold);
    }
    rows.push({ row: rowNumber, cells, bold });
  });
  return keepFilledRows(rows);
}

function readCell(cell: ExcelJS.Cell): CellRead {
  const master = cell.isMerged ? cell.master : cell;
  if (master !== cell && master.col !== cell.col) return { text: "" };
  const wholeBold = master.font?.bold === true || isHeiti(master.font?.name);
  const value = master.value;
  if (value && typeof value === "object" && "richText" in value) {
    let text = "";
    const bold: boolean[] = [];
    for (const run of value.richText) {
      const piece = run.text.replace(/\r\n?/g, "\n");
      const isBold = run.font ? run.font.bold === true || isHeiti(run.font.name) : wholeBold;
      text += piece;
      for (let i = 0; i < piece.length; i++) bold.push(isBold);
    }
    return { text, ...(bold.some(Boolean) ? { bold } : {}) };
  }
  const text = textOf(value, master.numFmt);
  return { text, ...(wholeBold && text !== "" ? { bold: Array<boolean>(text.length).fill(true) } : {}) };
}

function textOf(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return calendarDate(value);
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "string") return value.replace(/\r\n?/g, "\n");
  if (typeof value === "boolean") return String(value);
  if ("result" in value) return textOf(value.result as ExcelJS.CellValue, numFmt);
  if ("formula" in value || "sharedFormula" in value || "error" in value) return "";
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : "";
  return "";
}

/**
 * Excel stores a date as a serial day count with no time zone: the wall clock the office typed.
 * exceljs turns it into a Date whose UTC fields are that wall clock, so the UTC calendar date is
 * the Asia/Shanghai date the office sees; shifting it by +8 h would move late times to the next day.
 */
function calendarDate(value: Date): string {
  // Serial days are floats: midnight may come back as 23:59:59.999 the day before; the second is exact.
  return new Date(Math.round(value.getTime() / 1000) * 1000).toISOString().slice(0, 10);
}

function numberText(value: number, numFmt: string | undefined): string {
  // toPrecision drops binary noise (0.1 + 0.2); a percent format shows 0.06 as 6%.
  if (numFmt?.includes("%")) return `${Number((value * 100).toPrecision(12))}%`;
  return String(Number(value.toPrecision(15)));
}
