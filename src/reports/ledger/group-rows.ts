import { messages } from "../../templates/template-store.js";
import type { Ledger } from "./collect-ledger.js";
import type { LedgerRow } from "./ledger-row.js";

const m = messages("ledger");

/** How the overview is split into sheets after 总表: by the registry's sections, or by lead leader. */
export type LedgerGrouping = "section" | "leader";

/** One sheet's rows, under the name it wants (uniqueSheetNames makes it one Excel takes). */
export interface RowGroup {
  name: string;
  rows: LedgerRow[];
}

/**
 * The rows of each section in the registry's order, or of each leader in the order leaders first
 * appear in the registry (a task led by two leaders is on both sheets; one led by none on a sheet
 * of its own). A group without rows gets no sheet.
 */
export function groupRows(ledger: Ledger, by: LedgerGrouping): RowGroup[] {
  if (by === "section")
    return ledger.sections
      .map((section) => ({
        name: m("sectionName", section),
        rows: ledger.rows.filter((r) => r.task.section === section.title),
      }))
      .filter((g) => g.rows.length > 0);
  const leaders = [...new Set(ledger.tasks.flatMap((t) => t.leaders))];
  const groups = leaders.map((leader) => ({
    name: leader,
    rows: ledger.rows.filter((r) => r.task.leaders.includes(leader)),
  }));
  groups.push({ name: m("sheetNoLeader"), rows: ledger.rows.filter((r) => r.task.leaders.length === 0) });
  return groups.filter((g) => g.rows.length > 0);
}
