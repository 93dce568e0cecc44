import { readCsvRows } from "./read-csv-rows.js";
import { readXlsxRows } from "./read-xlsx-rows.js";
import type { TableRow } from "./table-row.js";

export type { TableRow } from "./table-row.js";

/**
 * Reads a task table (分解表) into its non-empty rows. Throws `InputError` only when the file
 * cannot be read at all; what the rows mean is `parseTaskTable`'s business.
 */
export async function readTableRows(
  bytes: Uint8Array,
  name: string,
  format: "xlsx" | "csv",
): Promise<TableRow[]> {
  return format === "xlsx" ? readXlsxRows(bytes, name) : readCsvRows(bytes, name);
}
