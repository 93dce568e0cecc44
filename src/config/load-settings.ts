import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../shared/errors.js";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import { parseYamlConfig } from "./parse-yaml-config.js";
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
  return parseYamlConfig(text, path, settingsSchema, "settings");
}
