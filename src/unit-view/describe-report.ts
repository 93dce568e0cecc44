import { indicatorLabel } from "../registry/indicator-label.js";
import type { Task } from "../registry/registry.js";
import type { ProgressReport } from "../store/progress-report.js";
import { messages } from "../templates/template-store.js";
import { shortDate } from "./short-date.js";

const m = messages("progress");
/** A summary is one line on a phone: a note is cut to this many characters. */
const NOTE_CHARS = 24;

/**
 * A report in one line, for cards and roll-ups: "3月24日：城镇新增就业4200人，完成80%",
 * "3月24日：正常推进", "3月24日：有困难（招聘场地未落实）", or the note when it has no numbers;
 * a report the office made for the unit says so: "3月24日：正常推进（督考办代报）".
 */
export function describeReport(report: ProgressReport, task: Pick<Task, "indicators">): string {
  const parts = report.values.flatMap((v) => {
    const indicator = task.indicators[v.indicator];
    return indicator
      ? [m("valueWritten", { label: indicatorLabel(indicator), value: v.value, unit: v.unit })]
      : [];
  });
  if (report.percent !== undefined) parts.push(m("percentWritten", { percent: report.percent }));
  let what = parts.join(m("valueSeparator"));
  if (report.status === "difficulty") what = m("reportDifficulty", { note: shorten(report.note) });
  else if (report.status === "completion-requested") what = m("reportCompletion");
  else if (what === "") what = report.note ? shorten(report.note) : m("reportOnTrack");
  if (report.proxy) what = m("reportByOffice", { what });
  return m("reportLine", { date: shortDate(report.reportedAt), what });
}

function shorten(note: string): string {
  return note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note;
}
