import { computePace } from "../lights/compute-pace.js";
import { indicatorLabel } from "../registry/indicator-label.js";
import { matchUnit } from "../registry/match-unit.js";
import { shortTitle } from "../registry/short-title.js";
import { writeTarget } from "../registry/write-target.js";
import { businessDate } from "../shared/clock.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { messages } from "../templates/template-store.js";
import { findReportingUnit } from "../workflow/find-reporting-unit.js";
import type { TaskContext } from "../workflow/task-context.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { readPage } from "./args/read-page.js";
import { findTask } from "./args/read-task-ref.js";
import { taskMutes, taskUrges, unitArrangements } from "./arrangements.js";
import { assessPart, type PartStatus } from "./assess-part.js";
import type { CommandContext } from "./command-context.js";
import type { CommandSpec } from "./command-spec.js";
import { describePart } from "./describe-part.js";
import { requestCode } from "./find-request.js";
import { shortUnitName } from "./load-task-contexts.js";
import { type PagedBlock, pageText } from "./page-text.js";
import { dayInWords } from "./when-in-words.js";

const m = messages("commands");
/** The task's sentence is shown up to this many characters: the rest is in the notice. */
const TEXT_CHARS = 120;
/** Co-units named in the task's heading before "等N个单位" (each has its own line below). */
const CO_UNITS_NAMED = 3;
/** The latest urges shown; the section's title counts them all. */
const URGES_SHOWN = 5;

/**
 * /task N (查任务): one task in full: its text, lead leaders, host and co-units, deadline, the
 * indicators with target, reported actual and 序时进度; its completion and extension requests,
 * pending (with the code /approve takes) and decided; what is in force for it and can be undone
 * (the office's mutes, away periods and snoozes of its units' people); the urges (/remind) it got;
 * each unit's state, light with its reasons and last report. Contacts may look at
 * the tasks of their units (or of a unit they stand in for); leaders and the office at any.
 */
export const taskCommand: CommandSpec = {
  name: "task",
  aliases: ["查任务", "查看任务", "任务详情"],
  params: [
    { name: "task", keys: ["任务", "序号"] },
    { name: "page", keys: ["页", "页码"], optional: true },
  ],
  roles: ["admin", "leader", "contact"],
  text: { summary: "taskSummary", usage: "taskUsage", example: "taskExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const found = await findTask(turn, args.task ?? "");
    if (!found.ok) return answerArgProblem(ctx, taskCommand, found);
    const page = readPage(args.page);
    if (!page.ok) return answerArgProblem(ctx, taskCommand, page);
    const context = found.value;
    const taskNo = context.task.no;
    const everyTask = caller.roles.includes("admin") || caller.roles.includes("leader");
    if (!everyTask && (await findReportingUnit(turn, context)) === undefined) {
      await turn.answer(m("taskNotYours", { taskNo }));
      return { result: "refused", taskNo, details: { reason: "not-their-unit" } };
    }
    const parts: PartStatus[] = [];
    for (const a of context.assignments) parts.push(await assessPart(turn, context, a.unit));
    // The requests and what is in force come before the units: a few lines that matter most,
    // kept on the first page when a task's units run to several.
    const blocks: PagedBlock[] = [{ text: heading(ctx, context, parts) }];
    const requests = parts
      .flatMap((p) => p.view.requests)
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : 1));
    for (const request of requests)
      blocks.push({ section: m("taskSectionRequests"), text: requestLine(ctx, request) });
    const arrangements = await unitArrangements(
      turn,
      context.assignments.map((a) => a.unit),
    );
    const units = context.assignments.map((a) => a.unit);
    for (const line of [...(await taskMutes(turn, taskNo, units)), ...arrangements])
      blocks.push({ section: m("taskSectionArrangements"), text: m("bullet", { line }) });
    const urges = await taskUrges(turn, taskNo);
    for (const line of urges.slice(0, URGES_SHOWN))
      blocks.push({ section: m("taskSectionUrges", { count: urges.length }), text: m("bullet", { line }) });
    const unitsSection = m("taskSectionUnits", { count: parts.length });
    for (const part of parts) blocks.push({ section: unitsSection, text: unitLine(ctx, part) });
    const head = m("taskHead", { taskNo, shortTitle: shortTitle(context.task) });
    const paged = pageText({
      head,
      blocks,
      page: page.value,
      limits: turn.deps.limits,
      command: `/task ${taskNo}`,
    });
    await turn.answer(paged.text);
    return {
      result: paged.outOfRange ? "out-of-range" : "answered",
      taskNo,
      details: { page: paged.page, pages: paged.pages },
    };
  },
};

/** The task itself: text, leaders, units, deadline and indicators against 序时进度. */
function heading({ turn }: CommandContext, context: TaskContext, parts: readonly PartStatus[]): string {
  const { task } = context;
  const hosts = parts.filter((p) => p.view.role === "host");
  const co = parts.filter((p) => p.view.role === "co").map((p) => shortUnitName(turn, p.view.unit));
  const pace = computePace(turn.deps.calendar, {
    year: context.year,
    date: turn.date,
    deadline: task.deadline,
  });
  const indicators = task.indicators.map((indicator, index) => {
    const actuals = hosts.map((host) => {
      const actual = host.view.actuals.get(index);
      if (!actual)
        return m("indicatorNotReported", {
          unit: hosts.length > 1 ? shortUnitName(turn, host.view.unit) : "",
        });
      const factor = matchUnit(actual.unit, indicator.unit)?.factor;
      const share =
        indicator.bound === "min" && factor !== undefined && indicator.value > 0
          ? Math.round(((actual.value * factor) / indicator.value) * 1000) / 10
          : undefined;
      return m("indicatorActual", {
        unit: hosts.length > 1 ? shortUnitName(turn, host.view.unit) : "",
        actual: `${actual.value}${actual.unit}`,
        ...(share !== undefined ? { share } : {}),
      });
    });
    return {
      label: indicatorLabel(indicator),
      target: writeTarget(indicator),
      actual: actuals.join(m("reasonSeparator")),
    };
  });
  const text = task.text.length > TEXT_CHARS ? `${task.text.slice(0, TEXT_CHARS - 1)}…` : task.text;
  return m("taskInfo", {
    text,
    leaders: task.leaders.join(m("listSeparator")) || m("noHost"),
    hosts: hosts.map((p) => p.view.unit).join(m("listSeparator")) || m("noHost"),
    coUnits:
      co.length === 0
        ? ""
        : co.slice(0, CO_UNITS_NAMED).join(m("listSeparator")) +
          (co.length > CO_UNITS_NAMED ? m("moreUnitsTotal", { count: co.length }) : ""),
    deadline: dayInWords(task.deadline, turn.date),
    deadlineText: task.deadlineText ?? "",
    indicators,
    pace: Math.round(pace * 10) / 10,
  });
}

/** One unit: role, state, light and last report, and its deadline when an extension moved it. */
function unitLine({ turn }: CommandContext, part: PartStatus): string {
  const words = describePart(turn, part);
  return m("taskUnit", {
    ...words,
    unit: shortUnitName(turn, part.view.unit),
    extended: part.view.extensions > 0,
  });
}

/** A completion or extension request, pending or decided, with who decided and when; or a reopening. */
function requestLine({ turn }: CommandContext, request: WorkflowRequest): string {
  const decidedBy = request.decision
    ? (turn.deps.people.byId(request.decision.decidedBy)?.name ?? request.decision.decidedBy)
    : "";
  const view = {
    unit: shortUnitName(turn, request.unit),
    requestedOn: dayInWords(businessDate(new Date(request.requestedAt)), turn.date),
    newDeadline: request.newDeadline ? dayInWords(request.newDeadline, turn.date) : "",
    reason: request.reason ?? "",
    decidedBy,
    decidedOn: request.decision
      ? dayInWords(businessDate(new Date(request.decision.decidedAt)), turn.date)
      : "",
    note: request.decision?.note ?? "",
    code: requestCode(request),
  };
  const { status } = request;
  if (request.kind === "reopening") return m("requestReopened", view);
  if (request.kind === "completion")
    return m(
      status === "pending"
        ? "requestCompletionPending"
        : status === "approved"
          ? "requestCompletionApproved"
          : "requestCompletionReturned",
      view,
    );
  return m(
    status === "pending"
      ? "requestExtensionPending"
      : status === "approved"
        ? "requestExtensionApproved"
        : "requestExtensionRejected",
    view,
  );
}
