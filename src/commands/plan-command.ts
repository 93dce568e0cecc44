import { dateWithWeekday } from "../calendar/format-dates.js";
import type { PlannedReminder, StepKind } from "../reminders/plan-reminders.js";
import { planRemindersFor } from "../reminders/plan-reminders.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { type ArgResult, accept, reject } from "./args/arg-result.js";
import { readDuration } from "./args/read-duration.js";
import type { CommandSpec } from "./command-spec.js";
import { loadLadder } from "./load-ladder.js";

const m = messages("commands");
const STEP: Record<StepKind, string> = {
  first: "planStepFirst",
  due: "planStepDue",
  overdue: "planStepOverdue",
  escalation: "planStepEscalation",
  "co-request": "planStepCoRequest",
};
const STEPS = Object.keys(STEP) as StepKind[];
const DEFAULT_DAYS = 3;
const MAX_DAYS = 30;
/** How many of the next messages are named one by one. */
const NEXT_SHOWN = 5;

/**
 * /plan [days] (计划): what the reminder ladder sends over the next working days (3 unless told, at
 * most 30), from the same planner as the sweep and `duban plan`: per day the count by step, then
 * the next few messages still to go. Today's messages already sent are counted apart.
 */
export const planCommand: CommandSpec = {
  name: "plan",
  aliases: ["计划", "提醒计划"],
  params: [{ name: "days", keys: ["天数"], optional: true }],
  roles: ["admin"],
  text: { summary: "planSummary", usage: "planUsage", example: "planExample" },
  async run(ctx, args) {
    const { turn } = ctx;
    const read = args.days === undefined ? accept(DEFAULT_DAYS) : readDays(args.days);
    if (!read.ok) return answerArgProblem(ctx, planCommand, read);
    const days = read.value;
    const world = await loadLadder(turn);
    if (!world) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const { calendar } = turn.deps;
    const dates: string[] = [];
    let day = calendar.isWorkingDay(turn.date) ? turn.date : calendar.nextWorkingDay(turn.date);
    while (dates.length < days) {
      dates.push(day);
      day = calendar.nextWorkingDay(day);
    }
    const toGo: PlannedReminder[] = [];
    let sentToday = 0;
    const lines: string[] = [];
    for (const date of dates) {
      const planned = planRemindersFor(world, date);
      let left = planned;
      if (date === turn.date) {
        left = [];
        for (const reminder of planned) {
          const queued = await turn.deps.store.outbox.findByKey(reminder.idempotencyKey);
          if (queued?.status === "sent") sentToday++;
          else left.push(reminder);
        }
      }
      toGo.push(...left);
      const steps = STEPS.flatMap((step) => {
        const count = planned.filter((r) => r.step === step).length;
        return count === 0 ? [] : [m("planStepCount", { step: m(STEP[step]), count })];
      });
      lines.push(
        m("planDay", {
          date: dateWithWeekday(date),
          count: planned.length,
          steps: steps.join(m("listSeparator")),
          sent: date === turn.date ? sentToday : 0,
        }),
      );
    }
    const next = toGo.slice(0, NEXT_SHOWN).map((r) =>
      m("planNext", {
        at: r.at.slice(5, 16).replace("T", " "),
        taskNo: r.taskNo,
        unit: r.unit,
        more: (r.items?.length ?? 1) > 1,
        count: r.items?.length ?? 1,
        step: m(STEP[r.step]),
        to: r.recipient.name,
      }),
    );
    await turn.answer(
      m("planAnswer", { days: dates.length, total: toGo.length, lines, next, hasNext: next.length > 0 }),
    );
    return { result: "answered", details: { days: dates.length, toGo: toGo.length, sentToday } };
  },
};

/** Working days, 1 to 30, as a duration is written: "5", "5天", "1周" (five working days). */
function readDays(written: string): ArgResult<number> {
  const read = readDuration(written);
  if (!read.ok) return read;
  const { unit, amount } = read.value;
  const days = unit === "week" ? amount * 5 : unit === "day" ? amount : 0;
  return days >= 1 && days <= MAX_DAYS
    ? accept(days)
    : reject("bad-days", m("planBadDays", { written, max: MAX_DAYS }));
}
