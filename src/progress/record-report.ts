import type { Turn } from "../inbound/inbound-deps.js";
import type { ProgressReport, ProgressStatus, ProgressValue } from "../store/progress-report.js";
import type { UnitView } from "./unit-view.js";

export interface ReportInput {
  /** The unit's view before this report: it tells whether the cycle has a report already. */
  view: UnitView;
  cycle: string;
  status: ProgressStatus;
  values: ProgressValue[];
  percent?: number;
  note: string;
  source: "card" | "text";
}

/**
 * Stores a report as a new version (the store numbers them; earlier versions stay) and logs it.
 * A second report in the same cycle is a revision (已修改): `progress.revised` in the audit log.
 */
export async function recordReport(
  turn: Turn,
  input: ReportInput,
): Promise<{ report: ProgressReport; revised: boolean }> {
  const { view, cycle } = input;
  const revised = view.reports.some((r) => r.cycle === cycle);
  const report = await turn.deps.store.progress.append({
    taskNo: view.task.no,
    unit: view.unit,
    cycle,
    reportedBy: turn.person.personId,
    reportedAt: turn.at,
    status: input.status,
    ...(input.percent !== undefined ? { percent: input.percent } : {}),
    values: input.values,
    note: input.note,
    source: input.source,
  });
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: revised ? "progress.revised" : "progress.recorded",
    taskNo: view.task.no,
    unit: view.unit,
    details: {
      cycle,
      version: report.version,
      status: report.status,
      values: report.values,
      ...(report.percent !== undefined ? { percent: report.percent } : {}),
      note: report.note,
      source: report.source,
      event: turn.event.eventId,
    },
  });
  return { report, revised };
}
