import { AppError } from "../shared/errors.js";
import { countDump } from "../store/count-dump.js";
import { openStore } from "../store/open-store.js";
import { readDumpFile } from "../store/read-dump-file.js";
import { serializeDump } from "../store/serialize-dump.js";
import { StoreConflictError } from "../store/store-errors.js";
import { message } from "../templates/template-store.js";
import { resolveStoreDefaults, type StoreDefaultsOption } from "./store-defaults-option.js";

/** Loads the backup `file` into the store (see restore-command.ts). */
export async function restore(
  defaults: StoreDefaultsOption,
  file: string,
  options: { store?: string; force?: boolean },
): Promise<void> {
  const dump = await readDumpFile(file);
  const resolved = await resolveStoreDefaults(defaults);
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
    process.stdout.write(`${message("store/cli", "restoreDone", { store: store.label, file, counts })}\n`);
  } finally {
    await store.close();
  }
}
