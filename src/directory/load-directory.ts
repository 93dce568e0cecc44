import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
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
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0] ? ` at line ${first.linePos[0].line}` : "";
    throw new ConfigError(`${path}: not valid YAML${where}: ${first?.message}. Fix the YAML syntax there.`);
  }
  const result = directorySchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(`${path}: invalid directory:\n${formatIssues(result.error.issues)}`);
  }
  const conflicts = findDirectoryConflicts(result.data);
  if (conflicts.length > 0) {
    throw new ConfigError(`${path}: invalid directory:\n${conflicts.map((c) => `  - ${c}`).join("\n")}`);
  }
  return result.data;
}

/** One line per issue: the key path (units[3].kind), what is wrong, and what is allowed. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.reduce<string>(
        (acc, part) =>
          typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
        "",
      );
      return `  - ${key || "(top level)"}: ${issue.message}${fixFor(issue)}`;
    })
    .join("\n");
}

function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return `. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `. Fix: remove or rename ${issue.keys.join(", ")}`;
    case "invalid_type":
      return `. Fix: give a ${issue.expected}`;
    case "too_small":
      return ". Fix: give a non-empty value";
    default:
      return "";
  }
}
