import type { Directory } from "../directory/directory.js";
import { indexDirectory } from "../directory/directory-index.js";
import type { Assignment } from "./assignment.js";
import { computeAssignments } from "./compute-assignments.js";
import type { Registry } from "./registry.js";

const memo = new WeakMap<Registry, WeakMap<Directory, readonly Assignment[]>>();

/**
 * The assignments of a registry under a directory, worked out once per pair: the stores hand out
 * the same parsed registry until the next import, and a directory edit or an import is a new
 * object. The sweep, the office's views and every reply ask for them; indexing the directory and
 * expanding its groups (各镇街) for each was most of what a reply's lookups cost.
 */
export function assignmentsFor(registry: Registry, directory: Directory): readonly Assignment[] {
  let byDirectory = memo.get(registry);
  if (byDirectory === undefined) {
    byDirectory = new WeakMap();
    memo.set(registry, byDirectory);
  }
  let assignments = byDirectory.get(directory);
  if (assignments === undefined) {
    assignments = computeAssignments(registry, indexDirectory(directory));
    byDirectory.set(directory, assignments);
  }
  return assignments;
}
