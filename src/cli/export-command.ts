import type { Command } from "commander";
import type { Clock } from "../shared/clock.js";
import type { ExportOptions } from "./run-export.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban export <file.xlsx> [--by section|leader] [--at date] [--force]`: the Excel ledger (台账)
 * of every task and unit, with their lights, and the history of reports and decisions. exceljs,
 * the store and the ledger are imported when the command runs (run-export.ts), never by
 * `duban --help`; `clock` (today, when no --at is given) is the system clock unless a test injects one.
 */
export function registerExportCommand(program: Command, defaults: StoreDefaultsOption, clock?: Clock): void {
  program
    .command("export")
    .description("write the Excel ledger (台账): every task and unit with its light, and the history")
    .argument("<file>", "the .xlsx file to write")
    .option("--by <grouping>", "a sheet per section or per leader: section or leader", "section")
    .option("--at <date>", "as of the end of this day, YYYY-MM-DD; default: today")
    .option("--force", "replace the file if it exists")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--data-dir <dir>", "the data folder of the SQLite store; default: DUBAN_DATA_DIR")
    .action(async (file: string, options: ExportOptions) => {
      const { exportLedgerFile } = await import("./run-export.js");
      process.stdout.write(`${await exportLedgerFile(file, defaults, options, clock)}\n`);
    });
}
