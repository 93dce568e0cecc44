import { readFile } from "node:fs/promises";
import { InputError } from "../shared/errors.js";
import { parseDump } from "./parse-dump.js";
import type { StoreDump } from "./store-dump.js";

/** Reads and checks a backup file; every error names the file and the fix. */
export async function readDumpFile(path: string): Promise<StoreDump> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new InputError(
      `${path}: cannot read the backup (${(cause as Error).message}). Pass a file written by duban backup.`,
      {
        cause,
      },
    );
  }
  return parseDump(text, path);
}
