import { constants } from "node:fs";
import { access, open, rename, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { plainDate } from "../calendar/format-dates.js";
import { isIsoDate } from "../calendar/iso-date.js";
import type { LedgerGrouping } from "../reports/ledger/group-rows.js";
import { businessDate, type Clock, systemClock } from "../shared/clock.js";
import { AppError, InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { openReportSources } from "./open-report-sources.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

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
  // Before any reading: a path that cannot be written is known in a moment, and the ledger, the
  // platforms and exceljs are loaded only for an export that will be written.
  await checkTarget(file, options.force === true);
  const { exportLedger } = await import("../reports/ledger/export-ledger.js");
  const sources = await openReportSources(defaults, options);
  const { store } = sources;
  try {
    const ledger = await exportLedger(sources, { date, by });
    if (!ledger) throw new AppError("not_found", message("cli/export", "noRegistry"));
    await writeWhole(file, ledger.bytes);
    return message("cli/export", "done", {
      file,
      date: plainDate(ledger.date),
      store: store.label,
      tasks: ledger.tasks,
      rows: ledger.rows,
      history: ledger.historyRows,
      count: ledger.sheets.length,
      sheets: ledger.sheets,
      size: fileSize(ledger.bytes.length),
    });
  } finally {
    await store.close();
  }
}

function grouping(value: string): LedgerGrouping {
  if (value !== "section" && value !== "leader")
    throw new InputError(message("cli/export", "badBy", { value }));
  return value;
}

/** The file must be an .xlsx name in a folder that exists and can be written, and new unless `force`. */
async function checkTarget(file: string, force: boolean): Promise<void> {
  if (!/\.xlsx$/i.test(file)) throw new InputError(message("cli/export", "notXlsx", { file }));
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError(message("cli/export", "isDirectory", { file }));
  if (existing && !force) throw new InputError(message("cli/export", "exists", { file }));
  const dir = dirname(resolve(file));
  if (!(await stat(dir).catch(() => undefined))?.isDirectory())
    throw new InputError(message("cli/export", "noDir", { dir }));
  await access(dir, constants.W_OK).catch((error: unknown) => {
    throw new InputError(message("cli/export", "notWritable", { file, reason: reasonOf(error) }));
  });
}

/**
 * Writes next to `file`, flushes, then renames over it: a failed or interrupted export never
 * leaves half a workbook where the last good one was.
 */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(message("cli/export", "notWritable", { file, reason: reasonOf(error) }), {
      cause: error,
    });
  }
}

const REASON: Readonly<Record<string, string>> = {
  EACCES: "reasonDenied",
  EPERM: "reasonDenied",
  EROFS: "reasonReadOnly",
  ENOSPC: "reasonFull",
};

function reasonOf(error: unknown): string {
  const code = String((error as NodeJS.ErrnoException)?.code ?? "");
  return message("cli/export", REASON[code] ?? "reasonOther", { code });
}

/** "186.4 KB", "1.2 MB". */
function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return message("cli/export", "sizeKB", { value: (bytes / 1024).toFixed(1) });
  return message("cli/export", "sizeMB", { value: (bytes / 1024 / 1024).toFixed(1) });
}
