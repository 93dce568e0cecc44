import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { formatIssues } from "../directory/load-directory.js";
import { ConfigError } from "../shared/errors.js";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "./settings.js";

/** The settings file in use: DUBAN_SETTINGS, else config/duban.yaml when present, else none (defaults). */
export function settingsPath(explicit: string | undefined, root = PACKAGE_ROOT): string | undefined {
  if (explicit) return explicit;
  const own = join(root, "config", "duban.yaml");
  return existsSync(own) ? own : undefined;
}

/** Reads and validates the settings; an error names the file, the key and the fix. */
export function loadSettings(path: string | undefined): Settings {
  if (path === undefined) return DEFAULT_SETTINGS;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(
      `${path}: cannot read the settings file. Fix: point DUBAN_SETTINGS at a YAML file.`,
      { cause },
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0] ? ` at line ${first.linePos[0].line}` : "";
    throw new ConfigError(`${path}: not valid YAML${where}: ${first?.message}. Fix the YAML syntax there.`);
  }
  const result = settingsSchema.safeParse(doc.toJS() ?? {});
  if (!result.success)
    throw new ConfigError(`${path}: invalid settings:\n${formatIssues(result.error.issues)}`);
  return result.data;
}
