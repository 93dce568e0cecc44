import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { directoryPath, loadConfig } from "../config/load-config.js";
import { loadDirectory } from "../directory/load-directory.js";
import { directoryToYaml, scaffoldDirectory } from "../directory/scaffold-directory.js";
import { importNotice } from "../registry/import-notice.js";
import { readRegistryFile, registryFilePath, writeRegistryFile } from "../registry/registry-file.js";
import { summarizeImport } from "../registry/summarize-import.js";
import { InputError } from "../shared/errors.js";

interface ImportOptions {
  json?: boolean;
  year?: string;
  scaffoldDirectory?: string;
  directory?: string;
  dryRun?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("read a notice (.txt, .docx) or task table (.xlsx, .csv) into the task registry")
    .argument("<file>", "the notice or task table")
    .option("--json", "print the registry as JSON instead of a summary")
    .option("--year <year>", "the year the tasks are for (tables carry no notice around them)")
    .option("--directory <file>", "the directory (单位名录) to check names against")
    .option("--scaffold-directory <file>", "also write a directory with every unit and leader, to fill in")
    .option("--dry-run", "read and report, but store nothing")
    .action(async (file: string, options: ImportOptions) => {
      await runImport(file, options);
    });
}

async function runImport(file: string, options: ImportOptions): Promise<void> {
  const config = loadConfig();
  const year = parseYear(options.year);
  const chosen = options.directory ? { path: options.directory, demo: false } : directoryPath(config);
  const directory = await loadDirectory(chosen.path);
  const previous = await readRegistryFile(config.DUBAN_DATA_DIR);
  const now = new Date();
  const result = await importNotice({
    path: file,
    directory,
    now,
    ...(year !== undefined ? { year } : {}),
    ...(previous ? { previous: previous.registry } : {}),
  });
  if (!options.dryRun) {
    await writeRegistryFile(config.DUBAN_DATA_DIR, {
      registry: result.registry,
      source: result.source,
      importedAt: now.toISOString(),
    });
  }
  if (options.scaffoldDirectory) {
    await writeFile(options.scaffoldDirectory, directoryToYaml(scaffoldDirectory(result.registry)), "utf8");
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result.registry, null, 2)}\n`);
    return;
  }
  const summary = summarizeImport(result, {
    directoryPath: chosen.path,
    demo: directory.demo,
    hadPrevious: previous !== undefined,
    ...(options.dryRun ? {} : { stored: registryFilePath(config.DUBAN_DATA_DIR) }),
  });
  process.stdout.write(`${summary}\n`);
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new InputError(`--year ${value}: not a year. Fix: give a four-digit year such as 2021.`);
  }
  return year;
}
