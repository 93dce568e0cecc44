import { cycleInWords, plainDate } from "../../calendar/format-dates.js";
import type { PeopleIndex } from "../../directory/people.js";
import { indicatorLabel } from "../../registry/indicator-label.js";
import type { Task } from "../../registry/registry.js";
import type { ProgressReport } from "../../store/progress-report.js";
import type { WorkflowRequest } from "../../store/workflow-request.js";
import { message, messages } from "../../templates/template-store.js";
import { ACKNOWLEDGED, DIFFICULTY_RESOLVED } from "../../unit-view/is-report.js";

const m = messages("ledger");

/** One line of the history sheet (记录): a progress record, a request, or a decision on one. */
export interface HistoryRow {
  /** When it happened (an ISO instant). */
  at: string;
  task: Task;
  unit: string;
  event: string;
  person: string;
  /** The reporting cycle a report answers, in words; "" for requests and decisions. */
  cycle: string;
  content: string;
}

const REPORT_EVENT: Readonly<Record<string, string>> = {
  [ACKNOWLEDGED]: "eventAcknowledged",
  difficulty: "eventDifficulty",
  [DIFFICULTY_RESOLVED]: "eventDifficultyResolved",
  // Earlier versions stored 申请办结 as a report.
  "completion-requested": "eventCompletionReport",
};

/** A progress record (签收, 报送, 有困难, …) in full: its numbers, percent and note. */
export function reportRow(report: ProgressReport, task: Task, people: PeopleIndex): HistoryRow {
  const parts = report.values.flatMap((v) => {
    const indicator = task.indicators[v.indicator];
    return indicator
      ? [
          message("progress", "valueWritten", {
            label: indicatorLabel(indicator),
            value: v.value,
            unit: v.unit,
          }),
        ]
      : [];
  });
  if (report.percent !== undefined) parts.push(m("percentDone", { share: report.percent }));
  if (report.note) parts.push(report.note);
  const name = nameOf(people, report.reportedBy);
  return {
    at: report.reportedAt,
    task,
    unit: report.unit,
    event: m(REPORT_EVENT[report.status] ?? "eventReport"),
    person: report.proxy ? m("byOffice", { name }) : name,
    cycle: cycleInWords(report.cycle),
    content: parts.join(m("contentSeparator")),
  };
}

/**
 * A completion or extension request as made, and the office's decision on it when there is one; a
 * reopening as the office's act.
 */
export function requestRows(request: WorkflowRequest, task: Task, people: PeopleIndex): HistoryRow[] {
  // The office's undo of an approved completion (/reopen): one row, made and decided at once.
  if (request.kind === "reopening")
    return [
      {
        at: request.decision?.decidedAt ?? request.requestedAt,
        task,
        unit: request.unit,
        event: m("eventCompletionReopened"),
        person: nameOf(people, request.decision?.decidedBy ?? request.requestedBy),
        cycle: "",
        content: request.reason ? m("reasonGiven", { reason: request.reason }) : "",
      },
    ];
  const extension = request.kind === "extension";
  const asked = [
    ...(extension && request.newDeadline
      ? [m("extensionAsked", { deadline: plainDate(request.newDeadline) })]
      : []),
    ...(request.reason ? [m("reasonGiven", { reason: request.reason })] : []),
  ];
  const rows: HistoryRow[] = [
    {
      at: request.requestedAt,
      task,
      unit: request.unit,
      event: m(extension ? "eventExtensionRequest" : "eventCompletionRequest"),
      person: nameOf(people, request.requestedBy),
      cycle: "",
      content: asked.join(m("contentSeparator")),
    },
  ];
  const { decision } = request;
  if (decision) {
    const granted =
      extension && decision.decision === "approved" && request.newDeadline
        ? [m("extensionGranted", { deadline: plainDate(request.newDeadline) })]
        : [];
    rows.push({
      at: decision.decidedAt,
      task,
      unit: request.unit,
      event: m(
        extension
          ? decision.decision === "approved"
            ? "eventExtensionApproved"
            : "eventExtensionRejected"
          : decision.decision === "approved"
            ? "eventCompletionApproved"
            : "eventCompletionReturned",
      ),
      person: nameOf(people, decision.decidedBy),
      cycle: "",
      content: [...granted, ...(decision.note ? [decision.note] : [])].join(m("contentSeparator")),
    });
  }
  return rows;
}

/** A person's name from the directory; the id itself for someone it no longer lists. */
function nameOf(people: PeopleIndex, personId: string): string {
  return people.byId(personId)?.name ?? personId;
}
