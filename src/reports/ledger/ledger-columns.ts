import { shortTitle } from "../../registry/short-title.js";
import { messages } from "../../templates/template-store.js";
import { excelDate, excelDateTime } from "./excel-values.js";
import type { HistoryRow } from "./history-row.js";
import type { LedgerRow } from "./ledger-row.js";

const m = messages("ledger");

/** How a column's values are written: text wraps, dates and percents get a number format. */
export type ColumnKind = "text" | "number" | "date" | "dateTime" | "percent" | "light";

/** One column of a sheet: its header, width (in characters) and each row's value. */
export interface Column<Row> {
  header: string;
  width: number;
  kind: ColumnKind;
  value(row: Row): string | number | Date | undefined;
}

/** The overview's columns: 总表 and every section's or leader's sheet. */
export function overviewColumns(): Column<LedgerRow>[] {
  return [
    { header: m("colSection"), width: 16, kind: "text", value: (r) => r.section },
    { header: m("colNo"), width: 6, kind: "number", value: (r) => r.task.ref ?? r.task.no },
    { header: m("colTask"), width: 48, kind: "text", value: (r) => r.task.text },
    {
      header: m("colLeaders"),
      width: 10,
      kind: "text",
      value: (r) => r.task.leaders.join(m("listSeparator")),
    },
    { header: m("colUnit"), width: 18, kind: "text", value: (r) => r.unit },
    { header: m("colRole"), width: 7, kind: "text", value: (r) => r.role },
    { header: m("colDeadline"), width: 13, kind: "date", value: (r) => excelDate(r.deadline) },
    { header: m("colExtensions"), width: 16, kind: "text", value: (r) => r.extensions },
    { header: m("colIndicator"), width: 20, kind: "text", value: (r) => r.indicators },
    { header: m("colTarget"), width: 10, kind: "text", value: (r) => r.targets },
    { header: m("colActual"), width: 10, kind: "text", value: (r) => r.actuals },
    { header: m("colShare"), width: 8, kind: "text", value: (r) => r.shares },
    // A fraction with a percent format, so that it sorts and filters as a number.
    { header: m("colPace"), width: 8, kind: "percent", value: (r) => Math.round(r.pace * 10) / 1000 },
    { header: m("colState"), width: 9, kind: "text", value: (r) => r.state },
    { header: m("colLight"), width: 6, kind: "light", value: (r) => r.lightWord },
    { header: m("colReasons"), width: 24, kind: "text", value: (r) => r.reasons },
    {
      header: m("colLastReportOn"),
      width: 16,
      kind: "dateTime",
      value: (r) => (r.lastReportAt ? excelDateTime(r.lastReportAt) : undefined),
    },
    { header: m("colLastReport"), width: 30, kind: "text", value: (r) => r.lastReport },
  ];
}

/** The history sheet's columns (记录). */
export function historyColumns(): Column<HistoryRow>[] {
  return [
    { header: m("colTime"), width: 17, kind: "dateTime", value: (r) => excelDateTime(r.at) },
    { header: m("colNo"), width: 6, kind: "number", value: (r) => r.task.ref ?? r.task.no },
    { header: m("colTask"), width: 26, kind: "text", value: (r) => shortTitle(r.task) },
    { header: m("colUnit"), width: 18, kind: "text", value: (r) => r.unit },
    { header: m("colEvent"), width: 12, kind: "text", value: (r) => r.event },
    { header: m("colPerson"), width: 14, kind: "text", value: (r) => r.person },
    { header: m("colCycle"), width: 13, kind: "text", value: (r) => r.cycle },
    { header: m("colContent"), width: 50, kind: "text", value: (r) => r.content },
  ];
}
