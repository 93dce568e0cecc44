import { cycleInWords } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { assessUnit } from "../lights/assess-unit.js";
import { indicatorLabel } from "../registry/indicator-label.js";
import { matchUnit } from "../registry/match-unit.js";
import { shortTitle } from "../registry/short-title.js";
import { writeTarget } from "../registry/write-target.js";
import type { ProgressReport } from "../store/progress-report.js";
import { messages } from "../templates/template-store.js";
import { describeReport } from "../unit-view/describe-report.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import type { TaskContext } from "../workflow/task-context.js";
import { exampleFor } from "./example-for.js";
import type { RecordedReport } from "./record-report.js";

const m = messages("progress");
const STATUS: Record<string, string> = {
  "on-track": "statusOnTrack",
  difficulty: "statusDifficulty",
  "completion-requested": "statusCompletionRequested",
};
/** A roll-up lists this many co-units by name; the rest are counted. */
const ROLL_UP_LINES = 5;

/**
 * Tells the reporter what was recorded and how to correct it: each value against its target,
 * the percent complete, the note, 代报 when the office reported for the unit, a difficulty the
 * report closed, the light after this report, and the roll-up (a host sees its
 * co-units' latest inputs; a co-unit hears which host its input goes to).
 */
export async function confirmReport(
  turn: Turn,
  context: TaskContext,
  recorded: RecordedReport,
): Promise<void> {
  const { report, revised } = recorded;
  const { task } = context;
  const view = await loadUnitView(turn.deps.store, task, report.unit, context.assignments);
  const light = assessUnit(view, { date: turn.date, start: context.start, year: context.year }, turn.deps);
  const values = report.values.flatMap((v) => {
    const indicator = task.indicators[v.indicator];
    if (!indicator) return [];
    const factor = matchUnit(v.unit, indicator.unit)?.factor ?? 1;
    const share =
      indicator.bound === "max" || indicator.value <= 0
        ? undefined
        : Math.round(((v.value * factor) / indicator.value) * 1000) / 10;
    return [
      {
        label: indicatorLabel(indicator),
        actual: `${v.value}${v.unit}`,
        target: writeTarget(indicator),
        share,
      },
    ];
  });
  const statusKey = STATUS[report.status];
  const showNote = report.note !== "" && report.status !== "completion-requested";
  const reported = view.coUnits.filter((c) => c.latest);
  const lines = reported.slice(0, ROLL_UP_LINES).map((c) => ({
    unit: c.unit,
    summary: describeReport(c.latest as ProgressReport, task),
  }));
  if (reported.length > ROLL_UP_LINES)
    lines.push({ unit: m("moreCoUnits", { count: reported.length - ROLL_UP_LINES }), summary: "…" });
  const hosts = context.assignments.filter((a) => a.role === "host").map((a) => a.unit);
  await turn.answer(
    m("confirmation", {
      revised,
      taskNo: task.no,
      shortTitle: shortTitle(task),
      unit: report.unit,
      cycle: cycleInWords(report.cycle),
      co: view.role === "co",
      status: statusKey ? m(statusKey) : "",
      values,
      percent: report.percent === undefined ? "" : String(report.percent),
      note: showNote ? report.note : "",
      proxy: report.proxy ? (turn.deps.people.byId(report.reportedBy)?.name ?? report.reportedBy) : "",
      difficultyResolved: recorded.difficultyResolved === true,
      noValues:
        report.status === "reported" &&
        values.length === 0 &&
        report.percent === undefined &&
        task.indicators.length > 0,
      example: exampleFor(task),
      hosts: view.role === "co" ? hosts.join(m("listSeparator")) : "",
      rollUp:
        view.coUnits.length > 0
          ? { none: reported.length === 0, reported: reported.length, total: view.coUnits.length, lines }
          : false,
      light: light.text,
    }),
  );
}
