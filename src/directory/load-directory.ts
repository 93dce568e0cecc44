import { readFile } from "node:fs/promises";
import { parseYamlConfig } from "../config/parse-yaml-config.js";
import { ConfigError } from "../shared/errors.js";
import { type Directory, directorySchema } from "./directory.js";
import { findDirectoryConflicts } from "./directory-index.js";

/** Reads and validates a directory file; every error names the file, the key and the fix. */
export async function loadDirectory(path: string): Promise<Directory> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ConfigError(
      `${path}: cannot read the directory file (${(cause as Error).message}). ` +
        "Fix: point DUBAN_DIRECTORY at an existing YAML file, or unset it to use the demo directory.",
      { cause },
    );
  }
  return parseDirectory(text, path);
}

export function parseDirectory(text: string, path: string): Directory {
  const directory = parseYamlConfig(text, path, directorySchema, "directory");
  const conflicts = findDirectoryConflicts(directory);
  if (conflicts.length > 0) {
    throw new ConfigError(`${path}: invalid directory:\n${conflicts.map((c) => `  - ${c}`).join("\n")}`);
  }
  return directory;
}
