import { loadAll, YAMLException } from "js-yaml";
import type { z } from "zod";
import { ConfigError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";

/**
 * Parses a YAML config file and validates it; every error names the file, the line or key,
 * and the fix. `what` names the file's kind in messages ("directory", "settings").
 *
 * YAML 1.2's core schema (js-yaml's default): a date stays a string, "yes" stays a word, and a
 * key given twice is an error. An empty file, or one of comments alone, is an empty mapping.
 */
export function parseYamlConfig<T extends z.ZodType>(
  text: string,
  path: string,
  schema: T,
  what: string,
): z.output<T> {
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (cause) {
    if (!(cause instanceof YAMLException)) throw cause;
    // The reason and the line only: the exception's message quotes the file's lines around the
    // error (a directory's people, their phone numbers), and errors are logged.
    const line = cause.mark?.line;
    const where = line === undefined ? "" : ` at line ${line + 1}`;
    throw new ConfigError(`${path}: not valid YAML${where}: ${cause.reason}. Fix the YAML syntax there.`);
  }
  if (documents.length > 1)
    throw new ConfigError(
      `${path}: not valid YAML: it holds ${documents.length} documents (separated by ---). Fix: keep one.`,
    );
  const result = schema.safeParse(documents[0] ?? {});
  if (!result.success)
    throw new ConfigError(`${path}: invalid ${what}:\n${formatIssues(result.error.issues)}`);
  return result.data;
}
