import type { Assignment } from "./assignment.js";

const grouped = new WeakMap<readonly Assignment[], ReadonlyMap<number, readonly Assignment[]>>();

/**
 * A list of assignments grouped by task, worked out once per list: the lists the ladder and the
 * office's views use are kept per registry and directory, and filtering the whole list for each
 * task (for each reminder rendered, for each task judged) grew with tasks × units.
 */
export function assignmentsByTask(
  assignments: readonly Assignment[],
): ReadonlyMap<number, readonly Assignment[]> {
  let byTask = grouped.get(assignments);
  if (byTask === undefined) {
    const groups = new Map<number, Assignment[]>();
    for (const assignment of assignments) {
      const list = groups.get(assignment.taskNo);
      if (list) list.push(assignment);
      else groups.set(assignment.taskNo, [assignment]);
    }
    byTask = groups;
    grouped.set(assignments, byTask);
  }
  return byTask;
}
