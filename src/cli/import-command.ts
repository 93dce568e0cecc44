import type { Command } from "commander";
import type { Clock } from "../shared/clock.js";
import type { ImportOptions } from "./run-import.js";

/**
 * `duban import <file>`. The notice grammar, the readers and the store are imported when the
 * command runs (run-import.ts), and each table reader only for its own format. `clock` is the
 * system clock unless a test injects one.
 */
export function registerImportCommand(program: Command, clock?: Clock): void {
  program
    .command("import")
    .description("read a notice (.txt, .docx) or task table (.xlsx, .csv) into the task registry")
    .argument("<file>", "the notice or task table")
    .option("--json", "print the registry as JSON instead of a summary")
    .option("--year <year>", "the year the tasks are for (tables carry no notice around them)")
    .option("--directory <file>", "the directory (单位名录) to check names against")
    .option("--scaffold-directory <file>", "also write a directory with every unit and leader, to fill in")
    .option("--dry-run", "read and report, but store nothing")
    .option("--replace", "store even when the import removes over a quarter of the tasks or changes the year")
    .option("--explain <n>", "print how task N was read, field by field, and store nothing")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .action(async (file: string, options: ImportOptions) => {
      const { runImport } = await import("./run-import.js");
      await runImport(file, options, clock);
    });
}
