import { message } from "../templates/template-store.js";
import type { RegistryDiff } from "./diff-registry.js";
import type { Registry } from "./registry.js";

/** Why an import must not replace the stored registry. */
export type ImportRefusal =
  | { kind: "noTasks" }
  | { kind: "removesMany"; removed: number; stored: number }
  | { kind: "yearChanged"; from: number; to: number };

/** More than this share of the stored tasks removed at once is a wrong file more often than a revision. */
const MAX_REMOVED_SHARE = 0.25;

/**
 * A bad file never destroys data: reading no task is always refused; removing more than a quarter
 * of the stored tasks, or changing the year, is refused unless the office confirms with `--replace`.
 */
export function checkImportSafety(
  previous: Registry | undefined,
  next: Registry,
  diff: RegistryDiff,
  options: { replace: boolean },
): ImportRefusal[] {
  if (next.tasks.length === 0) return [{ kind: "noTasks" }];
  if (!previous || options.replace) return [];
  const refusals: ImportRefusal[] = [];
  const stored = previous.tasks.length;
  if (diff.removed.length > stored * MAX_REMOVED_SHARE) {
    refusals.push({ kind: "removesMany", removed: diff.removed.length, stored });
  }
  if (previous.document.year !== next.document.year) {
    refusals.push({ kind: "yearChanged", from: previous.document.year, to: next.document.year });
  }
  return refusals;
}

export function describeRefusal(refusal: ImportRefusal): string {
  const { kind, ...view } = refusal;
  return message("import/refusals", kind, view);
}
