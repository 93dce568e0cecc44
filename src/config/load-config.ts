import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import { type AppConfig, appConfigSchema } from "./app-config.js";

/** The shipped demo directory for the seed notice; every contact in it is invented. */
export const DEMO_DIRECTORY = join(PACKAGE_ROOT, "config", "examples", "directory.yaml");

/** Reads the environment once at start; an error names the variable and the fix, never a value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = appConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      `environment (.env or shell): invalid settings:\n${formatIssues(result.error.issues)}`,
    );
  }
  return result.data;
}

/** The directory file in use, and whether it is the shipped demo. */
export function directoryPath(config: AppConfig, root = PACKAGE_ROOT): { path: string; demo: boolean } {
  if (config.DUBAN_DIRECTORY) return { path: config.DUBAN_DIRECTORY, demo: false };
  const own = join(root, "config", "directory.yaml");
  if (existsSync(own)) return { path: own, demo: false };
  return { path: DEMO_DIRECTORY, demo: true };
}
