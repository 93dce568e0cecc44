import type { Command } from "commander";
import { AppError } from "../shared/errors.js";
import { countDump } from "../store/count-dump.js";
import { openStore, type StoreDefaults } from "../store/open-store.js";
import { readDumpFile } from "../store/read-dump-file.js";
import { serializeDump } from "../store/serialize-dump.js";
import { StoreConflictError } from "../store/store-errors.js";
import { message } from "../templates/template-store.js";

/**
 * `duban restore <file> [--store <spec>] [--force]`: loads a backup into a store, refusing one
 * that holds data unless `--force`. Afterwards it exports the store again and checks that the
 * content equals the backup's.
 */
export function registerRestoreCommand(
  program: Command,
  defaults: StoreDefaults | (() => StoreDefaults),
): void {
  program
    .command("restore")
    .description("load a backup written by duban backup into a store")
    .argument("<file>", "the backup file")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--force", "erase everything the store holds first")
    .action(async (file: string, options: { store?: string; force?: boolean }) => {
      const dump = await readDumpFile(file);
      const resolved = typeof defaults === "function" ? defaults() : defaults;
      const store = await openStore({ ...resolved, spec: options.store });
      try {
        if (!options.force && !(await store.isEmpty())) {
          throw new StoreConflictError(
            `${store.label} already holds data, so nothing was restored (restoring would mix two histories). ` +
              "Restore into an empty store, or add --force to erase everything in it first. Stop Duban before either.",
          );
        }
        await store.importAll(dump, { replace: options.force === true });
        if (serializeDump(await store.exportAll()) !== serializeDump(dump)) {
          throw new AppError(
            "store_unavailable",
            `${store.label}: after the restore the store's content differs from ${file}. Do not start Duban on it; ` +
              "restore again with --force, and report the problem if it persists.",
          );
        }
        const counts = message("store/cli", "counts", countDump(dump));
        process.stdout.write(
          `${message("store/cli", "restoreDone", { store: store.label, file, counts })}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
