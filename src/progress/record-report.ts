import { cycleInWords } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { ProgressReport, ProgressStatus, ProgressValue } from "../store/progress-report.js";
import { message } from "../templates/template-store.js";
import { describeReport } from "../unit-view/describe-report.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { readDifficulty, saysDifficultySolved } from "../workflow/difficulty-words.js";
import { raiseDifficulty } from "../workflow/raise-difficulty.js";
import { reportsForOffice } from "../workflow/reports-for-office.js";
import { closeDifficulty } from "../workflow/resolve-difficulty.js";
import { sendNotice } from "../workflow/send-notice.js";

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

export interface RecordedReport {
  report: ProgressReport;
  /** A second report in the same cycle (已修改). */
  revised: boolean;
  /** The report said the unit's open difficulty is solved, and it was closed. */
  difficultyResolved?: true;
}

/**
 * Stores a report as a new version (the store numbers them; earlier versions stay) and logs it.
 * A second report in the same cycle is a revision (已修改): `progress.revised` in the audit log.
 * Around the record:
 * - an admin reporting for the unit is 代报: the record says so, and the unit's contacts are told;
 * - a text that opens with 有困难 is a difficulty, like the answer to the 有困难 button's prompt,
 *   and every difficulty goes to the office (raiseDifficulty);
 * - a text saying the open difficulty is solved ("困难已解决") closes it (closeDifficulty).
 */
export async function recordReport(turn: Turn, input: ReportInput): Promise<RecordedReport> {
  const { view, cycle } = input;
  let { status, note } = input;
  const raised = status === "reported" && input.source === "text" ? readDifficulty(note) : undefined;
  if (raised !== undefined) [status, note] = ["difficulty", raised];
  const proxy = reportsForOffice(turn, view.unit);
  const revised = view.reports.some((r) => r.cycle === cycle);
  const report = await turn.deps.store.progress.append({
    taskNo: view.task.no,
    unit: view.unit,
    cycle,
    reportedBy: turn.person.personId,
    reportedAt: turn.at,
    status,
    ...(input.percent !== undefined ? { percent: input.percent } : {}),
    values: input.values,
    note,
    source: input.source,
    ...(proxy ? { proxy: true as const } : {}),
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
      ...(proxy ? { proxy: true } : {}),
      event: turn.event.eventId,
    },
  });
  let difficultyResolved = false;
  if (status === "difficulty") await raiseDifficulty(turn, view, report);
  else if (view.difficulty && input.source === "text" && saysDifficultySolved(note)) {
    await closeDifficulty(turn, view, "text");
    difficultyResolved = true;
  }
  if (proxy) await tellUnitOfProxy(turn, view, report);
  return { report, revised, ...(difficultyResolved ? { difficultyResolved: true as const } : {}) };
}

/** 代报: the unit's contacts learn what the office reported in their name, and how to correct it. */
async function tellUnitOfProxy(turn: Turn, view: UnitView, report: ProgressReport): Promise<void> {
  const { task, unit } = view;
  await sendNotice(turn, turn.deps.people.ofUnit(unit, "contact"), {
    key: `proxy/${task.no}/${unit}/${report.cycle}/v${report.version}`,
    text: message("progress", "proxyNotice", {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      unit,
      cycle: cycleInWords(report.cycle),
      name: turn.person.name,
      summary: describeReport(report, task),
    }),
    meta: { kind: "proxy-report", task: task.no, unit, cycle: report.cycle },
  });
}
