import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import type { ProgressReport } from "../store/progress-report.js";
import type { Store } from "../store/store.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { deadlineInForce } from "./deadline-in-force.js";
import { deriveWorkflowState } from "./derive-workflow-state.js";
import { DIFFICULTY_RESOLVED, isReport } from "./is-report.js";
import type { Actual, UnitView } from "./unit-view.js";

/**
 * Reads one unit's part in a task: two store reads (the task's progress history and requests),
 * whatever the number of co-units. `assignments` are the task's, from the live directory.
 */
export async function loadUnitView(
  store: Pick<Store, "progress" | "requests">,
  task: Task,
  unit: string,
  assignments: readonly Assignment[],
): Promise<UnitView> {
  const history = await store.progress.history(task.no);
  const requests = await store.requests.list({ taskNo: task.no });
  // One view: filtering for the unit (and each co-unit) costs less than grouping every unit.
  const records: TaskRecords = {
    records: (name) => history.filter((r) => r.unit === name),
    requests: (name) => requests.filter((r) => r.unit === name),
    latestProgress: (name) => latestProgressIn(history.filter((r) => r.unit === name)),
  };
  return unitViewOf(records, task, unit, assignments);
}

/**
 * A task's progress records and requests by unit, in the order they were stored. `records` and
 * `requests` hand out arrays of the caller's own (a view keeps them).
 */
export interface TaskRecords {
  records(unit: string): ProgressReport[];
  requests(unit: string): WorkflowRequest[];
  /** The unit's latest report that says where the work stands. */
  latestProgress(unit: string): ProgressReport | undefined;
}

/**
 * Groups a task's history and requests by unit once, for all of its units' views: the office's
 * overview judges every unit of every task for each digest and bulletin, and filtering the whole
 * history for each unit (and for each co-unit of each host) grew with units × records.
 */
export function groupTaskRecords(
  history: readonly ProgressReport[],
  requests: readonly WorkflowRequest[],
): TaskRecords {
  const records = groupByUnit(history);
  const requestsByUnit = groupByUnit(requests);
  return {
    records: (unit) => [...(records.get(unit) ?? [])],
    requests: (unit) => [...(requestsByUnit.get(unit) ?? [])],
    latestProgress: (unit) => latestProgressIn(records.get(unit) ?? []),
  };
}

/** One unit's part in a task, from its task's records by unit (groupTaskRecords, for many units). */
export function unitViewOf(
  taskRecords: TaskRecords,
  task: Task,
  unit: string,
  assignments: readonly Assignment[],
): UnitView {
  const records = taskRecords.records(unit);
  const requests = taskRecords.requests(unit);
  const reports = records.filter(isReport);
  const actuals = new Map<number, Actual>();
  let percent: number | undefined;
  for (const report of reports) {
    for (const value of report.values)
      actuals.set(value.indicator, { ...value, cycle: report.cycle, reportedAt: report.reportedAt });
    if (report.percent !== undefined) percent = report.percent;
  }
  const extensions = requests.filter((r) => r.kind === "extension" && r.status === "approved");
  const deadline = deadlineInForce(task.deadline, requests);
  const role = assignments.find((a) => a.unit === unit)?.role ?? "host";
  const coUnits =
    role === "host"
      ? assignments
          .filter((a) => a.role === "co")
          .map((a) => {
            const latest = taskRecords.latestProgress(a.unit);
            return latest ? { unit: a.unit, latest } : { unit: a.unit };
          })
      : [];
  const latest = latestProgressIn(records);
  let difficulty: ProgressReport | undefined;
  for (const record of records)
    if (record.status === "difficulty") difficulty = record;
    else if (record.status === DIFFICULTY_RESOLVED) difficulty = undefined;
  return {
    task,
    unit,
    role,
    records,
    reports,
    ...(latest ? { latest } : {}),
    ...(difficulty ? { difficulty } : {}),
    acknowledged: records.length > 0,
    actuals,
    ...(percent !== undefined ? { percent } : {}),
    requests,
    state: deriveWorkflowState(records, requests),
    deadline,
    extensions: extensions.length,
    coUnits,
  };
}

function groupByUnit<T extends { unit: string }>(items: readonly T[]): Map<string, T[]> {
  const byUnit = new Map<string, T[]>();
  for (const item of items) {
    const list = byUnit.get(item.unit);
    if (list) list.push(item);
    else byUnit.set(item.unit, [item]);
  }
  return byUnit;
}

/** The last of a unit's records that is a report saying where the work stands. */
function latestProgressIn(records: readonly ProgressReport[]): ProgressReport | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i];
    if (record && isReport(record) && isProgress(record)) return record;
  }
  return undefined;
}

/**
 * Whether a report says where the work stands. Earlier versions stored 申请办结 as a report
 * (status `completion-requested`); it is a request, so it never shows as the latest progress.
 */
function isProgress(report: Pick<ProgressReport, "status">): boolean {
  return report.status !== "completion-requested";
}
