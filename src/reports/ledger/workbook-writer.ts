import { createRequire } from "node:module";
import type ExcelJS from "exceljs";

const require = createRequire(import.meta.url);

/**
 * exceljs's streaming WorkbookWriter, loaded alone: the package's entry also loads the in-memory
 * workbook and the streaming reader (with unzipper), which the ledger never uses and which cost
 * about as much CPU to load as the writer itself (~0.2 s of `duban export`). The path is the one
 * exceljs's own entry (lib/exceljs.nodejs.js) requires; the type is the entry's.
 */
export const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter = require("exceljs/lib/stream/xlsx/workbook-writer.js");
