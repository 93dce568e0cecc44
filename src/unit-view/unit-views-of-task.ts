import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import { sameItems } from "../shared/same-items.js";
import type { ProgressReport } from "../store/progress-report.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { groupTaskRecords, unitViewOf } from "./load-unit-view.js";
import type { UnitView } from "./unit-view.js";

/** What a task's views were made from, and the views made so far, by unit. */
interface Kept {
  history: readonly ProgressReport[];
  requests: string;
  assignments: readonly Assignment[];
  views: Map<string, UnitView>;
}

/**
 * Each task's unit views from the last call, kept with what they were made from. The office's
 * overview judges every unit of every task for each weekly digest and bulletin, and from one week
 * to the next most tasks have no new record: their views are the same.
 */
const kept = new WeakMap<Task, Kept>();

/**
 * A task's unit views, one per unit as asked for, from the task's records (its progress history
 * and requests, oldest first) and its assignments. A view is a function of those alone (no date),
 * so while they are what they were at the last call, the views of that call are handed out again:
 * the history by its records' identity (the stores keep them frozen, and a new one is appended), the
 * assignments by identity (assignmentsFor keeps them per registry and directory), the requests by
 * content (each read parses them afresh). The views are shared, so callers must not change them.
 */
export function unitViewsOfTask(
  task: Task,
  history: readonly ProgressReport[],
  requests: readonly WorkflowRequest[],
  assignments: readonly Assignment[],
): (unit: string) => UnitView {
  const requestsJson = JSON.stringify(requests);
  let entry = kept.get(task);
  if (
    entry === undefined ||
    entry.assignments !== assignments ||
    entry.requests !== requestsJson ||
    !sameItems(entry.history, history)
  ) {
    entry = { history: [...history], requests: requestsJson, assignments, views: new Map() };
    kept.set(task, entry);
  }
  const { views } = entry;
  let records: ReturnType<typeof groupTaskRecords> | undefined;
  return (unit) => {
    let view = views.get(unit);
    if (view === undefined) {
      records ??= groupTaskRecords(history, requests);
      view = unitViewOf(records, task, unit, assignments);
      views.set(unit, view);
    }
    return view;
  };
}
