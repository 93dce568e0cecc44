import { InputError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";
import { findDumpProblems } from "./find-dump-problems.js";
import { DUMP_FORMAT, DUMP_VERSION, type StoreDump, storeDumpSchema } from "./store-dump.js";

/** Reads a backup file's text; every error names the file and what is wrong with it. */
export function parseDump(text: string, file: string): StoreDump {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${file}: not a Duban backup (not JSON: ${(cause as Error).message}).`, { cause });
  }
  const head = (raw ?? {}) as { format?: unknown; version?: unknown };
  if (head.format !== DUMP_FORMAT) {
    throw new InputError(
      `${file}: not a Duban backup (no "format": "${DUMP_FORMAT}"). Pass a file written by duban backup.`,
    );
  }
  if (typeof head.version === "number" && head.version > DUMP_VERSION) {
    throw new InputError(
      `${file}: backup format version ${head.version} was written by a newer Duban (this one reads up to ${DUMP_VERSION}). Upgrade Duban, then restore.`,
    );
  }
  const result = storeDumpSchema.safeParse(raw);
  if (!result.success) {
    throw new InputError(`${file}: invalid backup:\n${formatIssues(result.error.issues)}`);
  }
  const problems = findDumpProblems(result.data);
  if (problems.length > 0) {
    throw new InputError(`${file}: inconsistent backup:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  return result.data;
}
