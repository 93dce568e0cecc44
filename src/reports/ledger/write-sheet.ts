import type ExcelJS from "exceljs";
import type { LightColor } from "../../lights/light.js";
import { messages } from "../../templates/template-store.js";
import { cellText } from "./excel-values.js";
import type { Column, ColumnKind } from "./ledger-columns.js";

const m = messages("ledger");

/** The title above the table, the header row, then one row per entry. */
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/** The light cell's fill and font: the colours offices print their 红黄绿灯 in. */
const LIGHT_STYLE: Readonly<Record<LightColor, { fill: string; font: string }>> = {
  red: { fill: "FFFF0000", font: "FFFFFFFF" },
  yellow: { fill: "FFFFFF00", font: "FF000000" },
  green: { fill: "FF00B050", font: "FFFFFFFF" },
};
const HEADER_FILL = "FFD9D9D9";
const THIN = { style: "thin" } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** One sheet's table: its title, columns and rows; `light` colours a row's light cell. */
export interface SheetTable<Row> {
  name: string;
  title: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  light?: (row: Row) => LightColor;
}

/**
 * Writes a table the way an office keeps a 台账: a title row, a frozen header row with filters
 * (the title above it stays out of the filtered range), wrapped text, borders, and a print setup
 * of A4 landscape, one page wide, the header row repeated on every page. Values only: no cell
 * holds a formula.
 */
export function writeSheet<Row>(workbook: ExcelJS.Workbook, table: SheetTable<Row>): ExcelJS.Worksheet {
  const { columns, rows } = table;
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: m("footer") },
  });
  // Column styles: every cell written below starts from its column's (one style per column, not per cell).
  sheet.columns = columns.map((column) => ({ width: column.width, style: columnStyle(column.kind) }));
  const last = columns.length;

  // The title's style replaces its column's (no borders); merging gives it to the cells it spans.
  const titleRow = sheet.getRow(TITLE_ROW);
  const title = titleRow.getCell(1);
  title.value = cellText(table.title);
  title.style = { font: { bold: true, size: 14 }, alignment: { horizontal: "center", vertical: "middle" } };
  titleRow.height = 28;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = cellText(column.header);
    cell.style = {
      font: { bold: true },
      alignment: { horizontal: "center", vertical: "middle", wrapText: true },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } },
      border: BORDER,
    };
  });

  const lightAt = columns.findIndex((c) => c.kind === "light") + 1;
  for (const row of rows) {
    const values = columns.map((column) => {
      const value = column.value(row);
      return typeof value === "string" ? cellText(value) : (value ?? null);
    });
    const written = sheet.addRow(values);
    if (table.light && lightAt > 0) {
      const style = LIGHT_STYLE[table.light(row)];
      const cell = written.getCell(lightAt);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: style.fill } };
      cell.font = { bold: true, color: { argb: style.font } };
    }
  }
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW + rows.length, column: last },
  };
  return sheet;
}

function columnStyle(kind: ColumnKind): Partial<ExcelJS.Style> {
  const base: Partial<ExcelJS.Style> = {
    border: BORDER,
    alignment: { vertical: "top", wrapText: true },
  };
  switch (kind) {
    case "date":
      return { ...base, numFmt: m("formatDate"), alignment: { vertical: "top", horizontal: "center" } };
    case "dateTime":
      return { ...base, numFmt: m("formatDateTime"), alignment: { vertical: "top", horizontal: "center" } };
    case "percent":
      return { ...base, numFmt: m("formatPercent"), alignment: { vertical: "top", horizontal: "right" } };
    case "number":
    case "light":
      return { ...base, alignment: { vertical: "top", horizontal: "center" } };
    default:
      return base;
  }
}
