import type { Command } from "commander";
import type { Clock } from "../shared/clock.js";
import type { BulletinOptions } from "./run-bulletin.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban bulletin --period 2021-Q1 --out 通报.docx [--force]`: the office's bulletin (通报) of a
 * month, quarter or year as a .docx draft in the 公文 layout, and its summary printed. The store
 * and the bulletin are imported when the command runs (run-bulletin.ts); `clock` (today: the
 * draft's date, and the day judged while the period runs) is the system clock unless a test
 * injects one.
 */
export function registerBulletinCommand(
  program: Command,
  defaults: StoreDefaultsOption,
  clock?: Clock,
): void {
  program
    .command("bulletin")
    .description("write the bulletin (通报) of a period as a .docx draft, and print its summary")
    .requiredOption("--period <period>", "a quarter 2021-Q1, a month 2021-03 or a year 2021")
    .requiredOption("--out <file>", "the .docx file to write")
    .option("--force", "replace the file if it exists")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--data-dir <dir>", "the data folder of the SQLite store; default: DUBAN_DATA_DIR")
    .action(async (options: BulletinOptions) => {
      const { writeBulletinFile } = await import("./run-bulletin.js");
      process.stdout.write(`${await writeBulletinFile(defaults, options, clock)}\n`);
    });
}
