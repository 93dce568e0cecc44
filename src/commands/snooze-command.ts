import type { Turn } from "../conversation/turn.js";
import { BUSINESS_OFFSET_MS } from "../shared/clock.js";
import { messages } from "../templates/template-store.js";
import { findReportingUnit } from "../workflow/find-reporting-unit.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { accept, reject } from "./args/arg-result.js";
import { type Duration, readDuration } from "./args/read-duration.js";
import { findTask } from "./args/read-task-ref.js";
import { snoozedUntil } from "./arrangements.js";
import type { CommandSpec } from "./command-spec.js";
import { instantInWords } from "./when-in-words.js";

const m = messages("commands");
/** Longer than this, /away with a substitute is the way: a contact must not fall silent for weeks. */
export const MAX_SNOOZE_WORKING_DAYS = 10;
const HOUR_MS = 3_600_000;

/**
 * /snooze N [1d] (暂缓): the snooze of the card's 明天再提醒 button, typed: no reminder for the
 * caller until the time given — by default the next working day's first sending time, as the
 * button; "2d" the second working day's, "1周" the fifth's; "3h", "半天" that many hours from now.
 * The snooze is the person's (the ladder defers all their reminders, never a due date), and N says
 * which task prompted it, as the button's card does; the caller must answer for a unit of task N.
 * Undone by /unsnooze.
 */
export const snoozeCommand: CommandSpec = {
  name: "snooze",
  aliases: ["暂缓", "暂缓提醒", "稍后提醒"],
  params: [
    { name: "task", keys: ["任务", "序号"] },
    { name: "duration", keys: ["时长"], optional: true },
  ],
  roles: ["contact"],
  text: { summary: "snoozeSummary", usage: "snoozeUsage", example: "snoozeExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const found = await findTask(turn, args.task ?? "");
    if (!found.ok) return answerArgProblem(ctx, snoozeCommand, found);
    const taskNo = found.value.task.no;
    // By default as the button: until the next working day's first sending time.
    const duration =
      args.duration === undefined
        ? accept<Duration>({ unit: "day", amount: 1 })
        : readDuration(args.duration);
    if (!duration.ok) return answerArgProblem(ctx, snoozeCommand, duration);
    const length = duration.value;
    if (length.amount === 0) return answerArgProblem(ctx, snoozeCommand, reject("zero", m("snoozeZero")));
    const unit = await findReportingUnit(turn, found.value);
    if (unit === undefined) {
      await turn.answer(m("snoozeNotYours", { taskNo }));
      return { result: "refused", taskNo, details: { reason: "not-their-unit" } };
    }
    const until = snoozeEnd(turn, length);
    const limit = sendingStart(turn, turn.deps.calendar.addWorkingDays(turn.date, MAX_SNOOZE_WORKING_DAYS));
    if (Date.parse(until) > Date.parse(limit))
      return answerArgProblem(
        ctx,
        snoozeCommand,
        reject("too-long", m("snoozeTooLong", { max: MAX_SNOOZE_WORKING_DAYS })),
      );
    const current = (await turn.deps.store.people.get(caller.actor)) ?? {};
    const previous = snoozedUntil(turn, current);
    await turn.deps.store.people.put(caller.actor, { ...current, snoozeUntil: until });
    await turn.answer(m("snoozed", { taskNo, until: instantInWords(until, turn.date) }));
    return {
      result: "recorded",
      taskNo,
      unit,
      details: { until, ...(previous ? { replaced: previous } : {}) },
    };
  },
};

/** When the snooze ends: a working day's first sending time for days and weeks, now + hours for hours. */
function snoozeEnd(turn: Turn, length: Duration): string {
  if (length.unit === "hour") return inShanghai(Date.parse(turn.at) + length.amount * HOUR_MS);
  const days = length.unit === "week" ? length.amount * 5 : length.amount;
  return sendingStart(turn, turn.deps.calendar.addWorkingDays(turn.date, days));
}

/** `date` at the first sending time, as the button's snooze ends: "2021-03-23T09:00:00+08:00". */
function sendingStart(turn: Turn, date: string): string {
  return `${date}T${turn.deps.settings.reminders.hours.sendFrom}:00+08:00`;
}

/** An instant written in Asia/Shanghai time, as the store keeps the button's snoozes. */
function inShanghai(ms: number): string {
  return `${new Date(ms + BUSINESS_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
