import type ExcelJS from "exceljs";
import type { LightColor } from "../../lights/light.js";
import { messages } from "../../templates/template-store.js";
import { cellText } from "./excel-values.js";
import type { Column, ColumnKind } from "./ledger-columns.js";
import { streamRows } from "./row-xml.js";

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
 * holds a formula. Rows go out as they are written (a streaming workbook keeps none of them; the
 * data rows' XML is made by streamRows), and the sheet is committed at the end.
 */
export function writeSheet<Row>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: SheetTable<Row>): void {
  const { columns, rows } = table;
  const last = columns.length;
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
  sheet.columns = columns.map((column) => ({ width: column.width }));
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW + rows.length, column: last },
  };
  // One style object per column (and per light colour), given to every cell: exceljs turns each
  // distinct style object into XML to find its id, so a style per cell costs more than the values.
  const styles = columns.map((column) => columnStyle(column.kind));

  // The title's cells keep no border; merging gives the title's style to the cells it spans.
  const titleRow = sheet.getRow(TITLE_ROW);
  const title = titleRow.getCell(1);
  title.value = cellText(table.title);
  title.style = TITLE_STYLE;
  titleRow.height = 28;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  titleRow.commit();

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = cellText(column.header);
    cell.style = HEADER_STYLE;
  });
  header.commit();

  const lightAt = columns.findIndex((c) => c.kind === "light");
  const lightStyles = lightCellStyles(styles[lightAt] ?? {});
  const body = streamRows(workbook, sheet);
  rows.forEach((row, at) => {
    body.write(
      HEADER_ROW + 1 + at,
      columns.map((column, index) => {
        const value = column.value(row);
        return {
          value: typeof value === "string" ? cellText(value) : (value ?? null),
          style: (index === lightAt && table.light ? lightStyles[table.light(row)] : styles[index]) ?? {},
        };
      }),
    );
  });
  body.flush();
  sheet.commit();
}

const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, size: 14 },
  alignment: { horizontal: "center", vertical: "middle" },
};
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } },
  border: BORDER,
};

/** The light column's style with each colour's fill and font. */
function lightCellStyles(base: Partial<ExcelJS.Style>): Record<LightColor, Partial<ExcelJS.Style>> {
  const styled = (color: LightColor): Partial<ExcelJS.Style> => ({
    ...base,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: LIGHT_STYLE[color].fill } },
    font: { bold: true, color: { argb: LIGHT_STYLE[color].font } },
  });
  return { red: styled("red"), yellow: styled("yellow"), green: styled("green") };
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
