import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../shared/errors.js";

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
