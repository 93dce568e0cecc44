import { createHash } from "node:crypto";
import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { messages } from "../templates/template-store.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import { sendNotice } from "../workflow/send-notice.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import { readDate } from "./args/read-date.js";
import { findTask } from "./args/read-task-ref.js";
import { readUnit } from "./args/read-unit.js";
import type { CommandSpec } from "./command-spec.js";

const m = messages("commands");

/**
 * /extend N [unit] 新日期 理由 (延期, 调整时限): the office sets a unit's deadline itself, for the one
 * unit named or for every unit of the task not yet closed. Recorded as an extension the office
 * asked for and approved at once (store.requests), so everything that reads a deadline (the
 * ladder, the lights, the unit's view, /task) follows it; the last one decided is in force, so
 * another /extend (back to the old date, too) undoes it. Logged as `deadline.set`; the unit's
 * contacts are told.
 */
export const extendCommand: CommandSpec = {
  name: "extend",
  aliases: ["延期", "调整时限"],
  params: [
    { name: "task", keys: ["任务"] },
    { name: "unit", keys: ["单位"], optional: true },
    { name: "date", keys: ["日期", "新日期"], optional: true },
    { name: "reason", keys: ["理由"], optional: true, rest: true },
  ],
  roles: ["admin"],
  text: { summary: "extendSummary", usage: "extendUsage", example: "extendExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const found = await findTask(turn, args.task ?? "");
    if (!found.ok) return answerArgProblem(ctx, extendCommand, found);
    const context = found.value;
    const { task } = context;
    // The unit is optional: "/extend 52 2022-01-31 理由" has a date where a unit would be.
    let { unit: unitWord, date: dateWord, reason } = args;
    const today = { today: turn.date, lean: "future" as const };
    if (
      unitWord !== undefined &&
      !readUnit(unitWord, turn.deps.directory).ok &&
      readDate(unitWord, today).ok
    ) {
      reason = [dateWord, reason].filter((w) => w !== undefined).join(" ") || undefined;
      dateWord = unitWord;
      unitWord = undefined;
    }
    let assignments = context.assignments;
    if (unitWord !== undefined) {
      const unit = readUnit(unitWord, turn.deps.directory);
      if (!unit.ok) return answerArgProblem(ctx, extendCommand, unit);
      assignments = assignments.filter((a) => a.unit === unit.value.name);
      if (assignments.length === 0)
        return answerArgProblem(
          ctx,
          extendCommand,
          reject("not-on-task", m("remindNotOnTask", { unit: unit.value.name, taskNo: task.no })),
        );
    }
    if (dateWord === undefined)
      return answerArgProblem(ctx, extendCommand, reject("no-date", m("extendNoDate")));
    const date = readDate(dateWord, today);
    if (!date.ok) return answerArgProblem(ctx, extendCommand, date);
    const newDeadline = date.value.date;
    if (newDeadline < turn.date)
      return answerArgProblem(
        ctx,
        extendCommand,
        reject("past-date", m("extendPast", { date: plainDate(newDeadline) })),
      );
    const why = reason?.trim() ?? "";
    if (why === "") return answerArgProblem(ctx, extendCommand, reject("no-reason", m("extendNoReason")));

    const words = {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      newDeadline: plainDate(newDeadline),
      reason: why,
    };
    const changed: { unit: string; from: string }[] = [];
    const skipped: string[] = [];
    for (const assignment of assignments) {
      const view = await loadUnitView(turn.deps.store, task, assignment.unit, context.assignments);
      if (view.state === "completed") {
        skipped.push(m("extendSkipCompleted", { unit: assignment.unit }));
        continue;
      }
      if (view.deadline === newDeadline) {
        skipped.push(m("extendSkipSame", { unit: assignment.unit }));
        continue;
      }
      const request = await setDeadline(turn, caller.actor, {
        taskNo: task.no,
        unit: assignment.unit,
        newDeadline,
        reason: why,
      });
      await turn.deps.store.audit.append({
        at: turn.at,
        actor: caller.actor,
        action: "deadline.set",
        taskNo: task.no,
        unit: assignment.unit,
        details: {
          requestId: request.id,
          from: view.deadline,
          to: newDeadline,
          reason: why,
          event: turn.event.eventId,
        },
      });
      await sendNotice(turn, turn.deps.people.ofUnit(assignment.unit, "contact"), {
        key: `deadline/${request.id}`,
        text: m("extendNotice", { ...words, unit: assignment.unit, from: plainDate(view.deadline) }),
        meta: { kind: "deadline-set", task: task.no, unit: assignment.unit },
      });
      changed.push({ unit: assignment.unit, from: view.deadline });
    }
    await turn.answer(
      m("extendAnswer", {
        ...words,
        any: changed.length > 0,
        changed: changed.map((c) => m("extendChanged", { unit: c.unit, from: plainDate(c.from) })),
        skipped,
        undo: `/extend ${task.no} ${changed[0]?.unit ?? ""} ${changed[0]?.from ?? ""} 恢复原时限`,
        one: changed.length === 1,
      }),
    );
    const [only] = assignments;
    return {
      result: changed.length > 0 ? "deadline-set" : "unchanged",
      taskNo: task.no,
      ...(assignments.length === 1 && only ? { unit: only.unit } : {}),
      details: { newDeadline, units: changed.map((c) => c.unit) },
    };
  },
};

/**
 * The record of a deadline the office set: an extension it asked for and approved in the same
 * instant, with an id of the request-id form (extension-<task>-<digest>), one per unit and event,
 * so a redelivered command finds its records already made.
 */
async function setDeadline(
  turn: Turn,
  actor: string,
  fields: { taskNo: number; unit: string; newDeadline: string; reason: string },
): Promise<WorkflowRequest> {
  const { requests } = turn.deps.store;
  const digest = createHash("sha256")
    .update(`${turn.event.channel}\u0000${turn.event.eventId}\u0000${fields.unit}`)
    .digest("hex");
  const id = `extension-${fields.taskNo}-${digest.slice(0, 12)}`;
  const made = await requests.get(id);
  if (made) return made;
  await requests.create({ ...fields, id, kind: "extension", requestedBy: actor, requestedAt: turn.at });
  return (
    await requests.decide(id, {
      decision: "approved",
      decidedBy: actor,
      decidedAt: turn.at,
      note: m("extendDecisionNote"),
    })
  ).request;
}
