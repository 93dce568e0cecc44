import type { z } from "zod";

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
