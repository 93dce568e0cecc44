import type { Command } from "commander";
import { resolveStoreDefaults, type StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban backup --out <file> [--store <spec>]`: every record of the store as a portable JSON
 * dump, which `duban restore` loads into any store. `defaults` may be a function, so that the
 * configuration is read only when the command runs; the store is imported then too (run-backup.ts).
 */
export function registerBackupCommand(program: Command, defaults: StoreDefaultsOption): void {
  program
    .command("backup")
    .description("write every record of the store to a portable JSON file")
    .requiredOption("--out <file>", "the backup file to write (replaced whole, never half-written)")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .action(async (options: { out: string; store?: string }) => {
      const { backup } = await import("./run-backup.js");
      await backup(await resolveStoreDefaults(defaults), options);
    });
}
