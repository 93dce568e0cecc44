import { plainDate } from "../calendar/format-dates.js";
import { isIsoDate } from "../calendar/iso-date.js";
import type { LedgerGrouping } from "../reports/ledger/group-rows.js";
import { businessDate, type Clock, systemClock } from "../shared/clock.js";
import { AppError, InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { checkOutputFile, fileSize, writeWhole } from "./output-file.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";
import { withLedgerSources } from "./with-ledger-sources.js";

export interface ExportOptions {
  by: string;
  at?: string;
  force?: boolean;
  store?: string;
  dataDir?: string;
}

/** `duban export` (see export-command.ts): writes the ledger and returns the summary to print. */
export async function exportLedgerFile(
  file: string,
  defaults: StoreDefaultsOption,
  options: ExportOptions,
  clock: Clock = systemClock,
): Promise<string> {
  const by = grouping(options.by);
  const date = options.at ?? businessDate(clock.now());
  if (!isIsoDate(date)) throw new InputError(message("cli/export", "badAt", { value: date }));
  // Before any reading: the ledger, the platforms and exceljs are loaded only for an export
  // that will be written.
  await checkOutputFile(file, { extension: ".xlsx", example: "台账.xlsx", force: options.force === true });
  const { exportLedger } = await import("../reports/ledger/export-ledger.js");
  return withLedgerSources(defaults, options, async (sources, store) => {
    const ledger = await exportLedger(sources, { date, by });
    if (!ledger) throw new AppError("not_found", message("cli/export", "noRegistry"));
    await writeWhole(file, ledger.bytes);
    return message("cli/export", "done", {
      file,
      date: plainDate(ledger.date),
      store,
      tasks: ledger.tasks,
      rows: ledger.rows,
      history: ledger.historyRows,
      count: ledger.sheets.length,
      sheets: ledger.sheets,
      size: fileSize(ledger.bytes.length),
    });
  });
}

function grouping(value: string): LedgerGrouping {
  if (value !== "section" && value !== "leader")
    throw new InputError(message("cli/export", "badBy", { value }));
  return value;
}
