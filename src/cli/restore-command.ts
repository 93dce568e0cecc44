import type { Command } from "commander";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban restore <file> [--store <spec>] [--force]`: loads a backup into a store, refusing one
 * that holds data unless `--force`. Afterwards it exports the store again and checks that the
 * content equals the backup's. The store is imported when the command runs (run-restore.ts).
 */
export function registerRestoreCommand(program: Command, defaults: StoreDefaultsOption): void {
  program
    .command("restore")
    .description("load a backup written by duban backup into a store")
    .argument("<file>", "the backup file")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--force", "erase everything the store holds first")
    .action(async (file: string, options: { store?: string; force?: boolean }) => {
      const { restore } = await import("./run-restore.js");
      await restore(defaults, file, options);
    });
}
