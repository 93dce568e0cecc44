import { buildWorkbook } from "./build-workbook.js";
import { collectLedger } from "./collect-ledger.js";
import type { LedgerGrouping } from "./group-rows.js";
import type { LedgerSources } from "./ledger-sources.js";

/** What an export produced: the .xlsx bytes and what they hold. */
export interface LedgerExport {
  bytes: Uint8Array;
  date: string;
  tasks: number;
  /** Rows of 总表: one per task and unit. */
  rows: number;
  historyRows: number;
  sheets: string[];
}

/**
 * The Excel ledger (台账) as of the end of `date` (Beijing time), split by section or by leader:
 * what `duban export` writes to a file, and what a chat command would send as one. Undefined
 * before any registry has been imported.
 */
export async function exportLedger(
  sources: LedgerSources,
  options: { date: string; by: LedgerGrouping },
): Promise<LedgerExport | undefined> {
  const ledger = await collectLedger(sources, options.date);
  if (!ledger) return undefined;
  const { bytes, sheets } = await buildWorkbook(ledger, options.by);
  return {
    bytes,
    date: ledger.date,
    tasks: ledger.tasks.length,
    rows: ledger.rows.length,
    historyRows: ledger.history.length,
    sheets,
  };
}
