import { createHash } from "node:crypto";
import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import { shortTitle } from "../registry/short-title.js";
import { businessDate } from "../shared/clock.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { messages } from "../templates/template-store.js";
import { completionInForce } from "../unit-view/completion-in-force.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import { sendNotice } from "../workflow/send-notice.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import { findTask } from "./args/read-task-ref.js";
import { readUnit } from "./args/read-unit.js";
import type { CommandSpec } from "./command-spec.js";

const m = messages("commands");

/**
 * /reopen N [单位] 理由 (撤销办结, 重新打开): the undo of an approved completion. The unit's part goes
 * back to 推进中 and the ladder reminds it again. Recorded as a reopening (store.requests, kind
 * `reopening`, naming the completion it undoes) beside the approval, which stays as it was decided,
 * so every reader of 已办结 (unit view, lights, ladder, /task, /my, /overdue, the ledger) follows it
 * and the history keeps both. Logged as `request.reopened`; the unit's contacts are told. The unit
 * may be left out when the task has one unit only.
 */
export const reopenCommand: CommandSpec = {
  name: "reopen",
  aliases: ["撤销办结", "重新打开"],
  params: [
    { name: "task", keys: ["任务"] },
    { name: "unit", keys: ["单位"], optional: true },
    { name: "reason", keys: ["理由"], optional: true, rest: true },
  ],
  roles: ["admin"],
  text: { summary: "reopenSummary", usage: "reopenUsage", example: "reopenExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const found = await findTask(turn, args.task ?? "");
    if (!found.ok) return answerArgProblem(ctx, reopenCommand, found);
    const { task, assignments } = found.value;
    const unitWord = args.unit;
    let reason = args.reason;
    let unitName: string | undefined;
    if (unitWord !== undefined) {
      const unit = readUnit(unitWord, turn.deps.directory);
      const [only] = assignments;
      if (unit.ok) unitName = unit.value.name;
      else if (only && assignments.length === 1) {
        // "/reopen 52 理由" on a task of one unit: the word is the reason's start, not a unit.
        reason = [unitWord, reason].filter((w) => w !== undefined).join(" ");
        unitName = only.unit;
      } else return answerArgProblem(ctx, reopenCommand, unit);
    } else if (assignments.length === 1) unitName = assignments[0]?.unit;
    if (unitName === undefined)
      return answerArgProblem(ctx, reopenCommand, reject("no-unit", m("reopenNoUnit", { taskNo: task.no })));
    const unit = unitName;
    if (!assignments.some((a) => a.unit === unit))
      return answerArgProblem(
        ctx,
        reopenCommand,
        reject("not-on-task", m("remindNotOnTask", { unit, taskNo: task.no })),
      );
    const why = reason?.trim() ?? "";
    if (why === "") return answerArgProblem(ctx, reopenCommand, reject("no-reason", m("reopenNoReason")));

    const about = { taskNo: task.no, unit };
    const id = reopeningId(turn, task.no, unit);
    const view = await loadUnitView(turn.deps.store, task, unit, assignments);
    // A redelivered command finds its reopening made: it finishes it rather than refuse.
    const made = await turn.deps.store.requests.get(id);
    const completion = made?.undoes
      ? await turn.deps.store.requests.get(made.undoes)
      : completionInForce(view.requests);
    if (!completion) {
      await turn.answer(m("reopenNotCompleted", { taskNo: task.no, unit }));
      return { result: "not-completed", details: { state: view.state }, ...about };
    }
    const reopening = await recordReopening(turn, caller.actor, made, {
      id,
      taskNo: task.no,
      unit,
      reason: why,
      undoes: completion.id,
    });
    const approval = completion.decision;
    await turn.deps.store.audit.append({
      at: turn.at,
      actor: caller.actor,
      action: "request.reopened",
      taskNo: task.no,
      unit,
      person: completion.requestedBy,
      details: {
        requestId: reopening.id,
        undoes: completion.id,
        approvedBy: approval?.decidedBy,
        approvedAt: approval?.decidedAt,
        reason: why,
        event: turn.event.eventId,
      },
    });
    const words = {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      unit,
      reason: why,
      approvedBy: approval ? (turn.deps.people.byId(approval.decidedBy)?.name ?? approval.decidedBy) : "",
      approvedOn: approval ? plainDate(businessDate(new Date(approval.decidedAt))) : "",
    };
    const told = await sendNotice(turn, toldOfReopening(turn, unit, completion), {
      key: `reopened/${reopening.id}`,
      text: m("reopenNotice", words),
      meta: { kind: "completion-reopened", task: task.no, unit, request: reopening.id },
    });
    await turn.answer(m("reopenAnswer", words));
    return {
      result: "reopened",
      details: { requestId: reopening.id, undoes: completion.id, told },
      ...about,
    };
  },
};

/** One reopening per unit and event: `reopening-<task>-<digest>`, in the request-id form. */
function reopeningId(turn: Turn, taskNo: number, unit: string): string {
  const digest = createHash("sha256")
    .update(`${turn.event.channel}\u0000${turn.event.eventId}\u0000${unit}`)
    .digest("hex");
  return `reopening-${taskNo}-${digest.slice(0, 12)}`;
}

/**
 * The reopening as a request the office makes and approves in the same instant, as /extend records
 * a deadline it sets: approved is in force. One made before a crash is decided now.
 */
async function recordReopening(
  turn: Turn,
  actor: string,
  made: WorkflowRequest | undefined,
  fields: { id: string; taskNo: number; unit: string; reason: string; undoes: string },
): Promise<WorkflowRequest> {
  const { requests } = turn.deps.store;
  if (made?.status === "approved") return made;
  if (!made)
    await requests.create({ ...fields, kind: "reopening", requestedBy: actor, requestedAt: turn.at });
  return (await requests.decide(fields.id, { decision: "approved", decidedBy: actor, decidedAt: turn.at }))
    .request;
}

/** The unit's contacts, and whoever asked for the completion if the directory lists them elsewhere. */
function toldOfReopening(turn: Turn, unit: string, completion: WorkflowRequest): Person[] {
  const contacts = turn.deps.people.ofUnit(unit, "contact");
  const requester = turn.deps.people.byId(completion.requestedBy);
  return requester && !contacts.some((p) => p.personId === requester.personId)
    ? [...contacts, requester]
    : [...contacts];
}
