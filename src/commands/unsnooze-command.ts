import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { findTask } from "./args/read-task-ref.js";
import { snoozedUntil } from "./arrangements.js";
import type { CommandSpec } from "./command-spec.js";
import { instantInWords } from "./when-in-words.js";

const m = messages("commands");

/**
 * /unsnooze [N] (取消暂缓): ends the caller's snooze (from /snooze or the 明天再提醒 button) now.
 * Reminders the sweep has already put off keep their later time; those it plans from now on go out
 * as usual. N, when given, is checked and recorded, as /snooze records it.
 */
export const unsnoozeCommand: CommandSpec = {
  name: "unsnooze",
  aliases: ["取消暂缓", "解除暂缓"],
  params: [{ name: "task", keys: ["任务", "序号"], optional: true }],
  roles: ["contact"],
  text: { summary: "unsnoozeSummary", usage: "unsnoozeUsage", example: "unsnoozeExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    let taskNo: number | undefined;
    if (args.task !== undefined) {
      const found = await findTask(turn, args.task);
      if (!found.ok) return answerArgProblem(ctx, unsnoozeCommand, found);
      taskNo = found.value.task.no;
    }
    const about = taskNo !== undefined ? { taskNo } : {};
    const current = (await turn.deps.store.people.get(caller.actor)) ?? {};
    const until = snoozedUntil(turn, current);
    if (!until) {
      await turn.answer(m("unsnoozeNothing"));
      return { result: "not-snoozed", ...about };
    }
    const { snoozeUntil: _ended, ...rest } = current;
    await turn.deps.store.people.put(caller.actor, rest);
    await turn.answer(m("unsnoozed", { until: instantInWords(until, turn.date) }));
    return { result: "cancelled", ...about, details: { until } };
  },
};
