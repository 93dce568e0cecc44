import type { Command } from "commander";
import { countDump } from "../store/count-dump.js";
import { openStore, type StoreDefaults } from "../store/open-store.js";
import { writeDumpFile } from "../store/write-dump-file.js";
import { message } from "../templates/template-store.js";

/**
 * `duban backup --out <file> [--store <spec>]`: every record of the store as a portable JSON
 * dump, which `duban restore` loads into any store. `defaults` may be a function, so that the
 * configuration is read only when the command runs.
 */
export function registerBackupCommand(
  program: Command,
  defaults: StoreDefaults | (() => StoreDefaults),
): void {
  program
    .command("backup")
    .description("write every record of the store to a portable JSON file")
    .requiredOption("--out <file>", "the backup file to write (replaced whole, never half-written)")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .action(async (options: { out: string; store?: string }) => {
      const resolved = typeof defaults === "function" ? defaults() : defaults;
      const store = await openStore({ ...resolved, spec: options.store });
      try {
        const dump = await store.exportAll();
        await writeDumpFile(options.out, dump);
        const counts = message("store/cli", "counts", countDump(dump));
        process.stdout.write(
          `${message("store/cli", "backupDone", { store: store.label, file: options.out, counts })}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
