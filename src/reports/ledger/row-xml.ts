import type ExcelJS from "exceljs";

/** exceljs's value types (lib/doc/enums.js): the style manager gives a number format by type. */
const VALUE_TYPE = { null: 0, number: 2, string: 3, date: 4 } as const;

/** One cell to write: its value (text, number, date or empty) and its shared style object. */
export interface CellToWrite {
  value: string | number | Date | null;
  style: Partial<ExcelJS.Style>;
}

/** The parts of exceljs's streaming writers that the rows are written through (exceljs 4.4). */
interface WriterParts {
  sharedStrings: { add(text: string): number };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
}
interface SheetParts {
  stream: { write(xml: string): void };
}

/**
 * Writes data rows straight into a streaming sheet, as `row.commit()` would write them, without
 * exceljs's row and cell objects: for the ledger's half a million cells those objects, and the
 * XML builder each row is rendered with, cost a sixth of the export's CPU. The XML is the
 * one exceljs 4.4 writes (lib/xlsx/xform/sheet/row-xform.js, cell-xform.js): shared strings,
 * style ids from the workbook's style manager in the same order, dates as serial days. Call
 * after the rows above have been committed through exceljs; `flush` before the sheet's commit.
 */
export function streamRows(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet) {
  const { sharedStrings, styles } = workbook as unknown as WriterParts;
  const { stream } = sheet as unknown as SheetParts;
  // An exceljs whose insides moved fails here, by name, rather than writing a broken workbook.
  if (typeof sharedStrings?.add !== "function" || typeof styles?.addStyleModel !== "function")
    throw new Error(
      "streamRows: exceljs's WorkbookWriter has no sharedStrings/styles (exceljs 4.4 expected)",
    );
  // exceljs gives each row a fresh style object of its own: the workbook's default style.
  const rowStyle = styles.addStyleModel({});
  const rowStyleXml = rowStyle ? ` s="${rowStyle}" customFormat="1"` : "";
  let pending: string[] = [];
  let columnNames: string[] = [];
  const flush = () => {
    if (pending.length > 0) stream.write(pending.join(""));
    pending = [];
  };
  return {
    /** Row `number`'s cells from column A on; a row without any value is left out, as exceljs does. */
    write(number: number, cells: readonly CellToWrite[]): void {
      if (!cells.some((cell) => cell.value !== null)) return;
      if (columnNames.length < cells.length) columnNames = cells.map((_, i) => columnName(i + 1));
      let xml = `<row r="${number}" spans="1:${cells.length}"${rowStyleXml} x14ac:dyDescent="0.25">`;
      cells.forEach((cell, i) => {
        const type = valueType(cell.value);
        const styleId = styles.addStyleModel(cell.style, type);
        xml += `<c r="${columnNames[i]}${number}"${styleId ? ` s="${styleId}"` : ""}`;
        const { value } = cell;
        if (value === null) xml += "/>";
        else if (typeof value === "string") xml += ` t="s"><v>${sharedStrings.add(value)}</v></c>`;
        else if (typeof value === "number") xml += `><v>${value}</v></c>`;
        else xml += `><v>${25569 + value.getTime() / (24 * 3600 * 1000)}</v></c>`;
      });
      pending.push(`${xml}</row>`);
      if (pending.length >= 1000) flush();
    },
    flush,
  };
}

function valueType(value: CellToWrite["value"]): number {
  if (value === null) return VALUE_TYPE.null;
  if (typeof value === "string") return VALUE_TYPE.string;
  if (typeof value === "number") return VALUE_TYPE.number;
  return VALUE_TYPE.date;
}

/** "A", …, "Z", "AA": a column's letters from its number (1 = A). */
function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
