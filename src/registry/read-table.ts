import type { TableRow } from "./table-row.js";

export type { TableRow } from "./table-row.js";

/**
 * Reads a task table (分解表) into its non-empty rows. Throws `InputError` only when the file
 * cannot be read at all; what the rows mean is `parseTaskTable`'s business. Each reader is
 * imported for its own format only: exceljs is large, and most imports are notices.
 */
export async function readTableRows(
  bytes: Uint8Array,
  name: string,
  format: "xlsx" | "csv",
): Promise<TableRow[]> {
  return format === "xlsx"
    ? (await import("./read-xlsx-rows.js")).readXlsxRows(bytes, name)
    : (await import("./read-csv-rows.js")).readCsvRows(bytes, name);
}
