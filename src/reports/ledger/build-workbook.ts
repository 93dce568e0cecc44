import { PassThrough } from "node:stream";
import { plainDate } from "../../calendar/format-dates.js";
import { messages } from "../../templates/template-store.js";
import type { Ledger } from "./collect-ledger.js";
import { groupRows, type LedgerGrouping } from "./group-rows.js";
import { historyColumns, overviewColumns } from "./ledger-columns.js";
import { uniqueSheetNames } from "./sheet-names.js";
import { WorkbookWriter } from "./workbook-writer.js";
import { writeSheet } from "./write-sheet.js";

const m = messages("ledger");

/**
 * The workbook: 总表 (every task and unit), a sheet per section or per leader, and 记录 (every
 * report, request and decision). Returns the .xlsx bytes and the sheets' names in order.
 */
export async function buildWorkbook(
  ledger: Ledger,
  by: LedgerGrouping,
): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  // The streaming writer: each row goes out as it is written, so memory stays flat with the number
  // of rows (the in-memory workbook holds every cell until the end); zlib compresses.
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => output.once("end", resolve));
  const workbook = new WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "Duban";
  const groups = groupRows(ledger, by);
  const names = uniqueSheetNames([m("sheetOverview"), ...groups.map((g) => g.name), m("sheetHistory")]);
  const view = { title: ledger.document.title, docNo: ledger.document.docNo, date: plainDate(ledger.date) };
  const overview = overviewColumns();
  const light = (row: { light: "red" | "yellow" | "green" }) => row.light;
  writeSheet(workbook, {
    name: names[0] ?? m("sheetOverview"),
    title: m("titleOverview", view),
    columns: overview,
    rows: ledger.rows,
    light,
  });
  groups.forEach((group, index) => {
    const name = names[index + 1] ?? group.name;
    writeSheet(workbook, {
      name,
      title: m("titleGroup", { ...view, sheet: group.name }),
      columns: overview,
      rows: group.rows,
      light,
    });
  });
  writeSheet(workbook, {
    name: names.at(-1) ?? m("sheetHistory"),
    title: m("titleHistory", view),
    columns: historyColumns(),
    rows: ledger.history,
  });
  await workbook.commit();
  await ended;
  return { bytes: Buffer.concat(chunks), sheets: names };
}
