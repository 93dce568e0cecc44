import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";

/**
 * Parses a YAML config file and validates it; every error names the file, the line or key,
 * and the fix. `what` names the file's kind in messages ("directory", "settings").
 */
export function parseYamlConfig<T extends z.ZodType>(
  text: string,
  path: string,
  schema: T,
  what: string,
): z.output<T> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0] ? ` at line ${first.linePos[0].line}` : "";
    throw new ConfigError(`${path}: not valid YAML${where}: ${first?.message}. Fix the YAML syntax there.`);
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success)
    throw new ConfigError(`${path}: invalid ${what}:\n${formatIssues(result.error.issues)}`);
  return result.data;
}
