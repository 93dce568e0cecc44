import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import type { ProgressReport } from "../store/progress-report.js";
import type { Store } from "../store/store.js";
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
  const requests = (await store.requests.list({ taskNo: task.no })).filter((r) => r.unit === unit);
  const records = history.filter((r) => r.unit === unit);
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
  const latestOf = (name: string) =>
    history.filter((r) => r.unit === name && isReport(r) && isProgress(r)).at(-1);
  const coUnits =
    role === "host"
      ? assignments
          .filter((a) => a.role === "co")
          .map((a) => {
            const latest = latestOf(a.unit);
            return latest ? { unit: a.unit, latest } : { unit: a.unit };
          })
      : [];
  const latest = reports.filter(isProgress).at(-1);
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

/**
 * Whether a report says where the work stands. Earlier versions stored 申请办结 as a report
 * (status `completion-requested`); it is a request, so it never shows as the latest progress.
 */
function isProgress(report: Pick<ProgressReport, "status">): boolean {
  return report.status !== "completion-requested";
}
