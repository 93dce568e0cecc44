import { countDump } from "../store/count-dump.js";
import { openStore, type StoreDefaults } from "../store/open-store.js";
import { writeDumpFile } from "../store/write-dump-file.js";
import { message } from "../templates/template-store.js";

/** Writes every record of the store to `out` (see backup-command.ts). */
export async function backup(
  defaults: StoreDefaults,
  options: { out: string; store?: string },
): Promise<void> {
  const store = await openStore({ ...defaults, spec: options.store });
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
}
