import { writeFile } from "node:fs/promises";
import { directoryPath, loadConfig } from "../config/load-config.js";
import { loadDirectory } from "../directory/load-directory.js";
import { storeImport } from "../importing/store-import.js";
import { checkImportSafety, describeRefusal } from "../registry/check-import-safety.js";
import { explainTask } from "../registry/explain-task.js";
import { importNotice } from "../registry/import-notice.js";
import { directoryToYaml, scaffoldDirectory } from "../registry/scaffold-directory.js";
import { summarizeImport } from "../registry/summarize-import.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { InputError } from "../shared/errors.js";
import { openStore } from "../store/open-store.js";
import { storeDefaults } from "./store-defaults.js";

export interface ImportOptions {
  json?: boolean;
  year?: string;
  scaffoldDirectory?: string;
  directory?: string;
  dryRun?: boolean;
  replace?: boolean;
  explain?: string;
  store?: string;
}

export async function runImport(
  file: string,
  options: ImportOptions,
  clock: Clock = systemClock,
): Promise<void> {
  const config = loadConfig();
  const year = parseYear(options.year);
  const explain = parseTaskNo(options.explain);
  const chosen = options.directory ? { path: options.directory, demo: false } : directoryPath(config);
  const directory = await loadDirectory(chosen.path);
  const store = await openStore({ ...storeDefaults(), ...(options.store ? { spec: options.store } : {}) });
  try {
    const previous = await store.registry.current();
    const result = await importNotice({
      path: file,
      directory,
      ...(year !== undefined ? { year } : {}),
      ...(previous ? { previous: previous.registry } : {}),
    });
    if (explain !== undefined) {
      process.stdout.write(`${explainTask(result, explain)}\n`);
      return;
    }
    const refusals = checkImportSafety(previous?.registry, result.registry, result.diff, {
      replace: options.replace ?? false,
    }).map(describeRefusal);
    // A dry run stores nothing, so only an unreadable file fails it; it still says what would be refused.
    const refused = refusals.length > 0 && (!options.dryRun || result.registry.tasks.length === 0);
    if (!options.dryRun && !refused)
      await storeImport(store, result, directory, {
        now: clock.now(),
        actor: "cli",
        ...(options.replace ? { replace: true } : {}),
      });
    if (options.scaffoldDirectory) {
      await writeFile(options.scaffoldDirectory, directoryToYaml(scaffoldDirectory(result.registry)), "utf8");
    }
    // --json prints what was read even when it is refused: the exit code says whether it was stored.
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result.registry, null, 2)}\n`);
    } else {
      const summary = summarizeImport(result, {
        directoryPath: chosen.path,
        demo: directory.demo,
        hadPrevious: previous !== undefined,
        ...(options.dryRun || refused ? {} : { stored: store.label }),
        ...(options.dryRun ? { dryRun: true, refusals: refused ? [] : refusals } : {}),
      });
      process.stdout.write(`${summary}\n`);
    }
    if (refused) throw new InputError(refusals.join("\n"));
  } finally {
    await store.close();
  }
}

function parseTaskNo(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const no = Number(value);
  if (!Number.isInteger(no) || no < 1) {
    throw new InputError(
      `--explain ${value}: not a task number. Fix: give the number the notice prints, such as 12.`,
    );
  }
  return no;
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new InputError(`--year ${value}: not a year. Fix: give a four-digit year such as 2021.`);
  }
  return year;
}
