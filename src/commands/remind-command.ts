import { dateWithWeekday } from "../calendar/format-dates.js";
import { createSendingWindow } from "../delivery/sending-window.js";
import type { Person } from "../directory/people.js";
import { shortTitle } from "../registry/short-title.js";
import { enqueueReminder } from "../reminders/enqueue-reminder.js";
import type { PlannedReminder } from "../reminders/plan-reminders.js";
import { businessDate, inBusinessTz } from "../shared/clock.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import { findTask } from "./args/read-task-ref.js";
import { readUnit } from "./args/read-unit.js";
import type { CommandSpec } from "./command-spec.js";
import { loadLadder } from "./load-ladder.js";
import { loadTaskStandings, type UnitStanding } from "./office-overview.js";

const m = messages("commands");

/** Why a unit of the task gets no urge. */
type Skip = "settled" | "reported" | "nothing-due" | "unreachable";
const SKIP_WORDS: Record<Skip, string> = {
  settled: "remindSkipSettled",
  reported: "remindSkipReported",
  "nothing-due": "remindSkipNothingDue",
  unreachable: "remindSkipUnreachable",
};

/**
 * /remind N [unit] (催办, 一键催办): an urge now, to the contacts of each unit of task N that owes a
 * report (its late report, or the current cycle's), or of the one unit named. The card is the
 * ladder's (the due or overdue reminder, the unit's record, the buttons) under an urge title, put
 * through the sweep's enqueue path with a key of its own, so it comes on top of the ladder's and a
 * redelivered command sends nothing twice; a substitute stands in for a contact who is away. It
 * keeps to the sending hours and budgets like any reminder: outside them the answer says when it
 * will go. Each urge is logged as `reminder.urged`: who urged whom, for which task and unit.
 */
export const remindCommand: CommandSpec = {
  name: "remind",
  aliases: ["催办", "一键催办"],
  params: [
    { name: "task", keys: ["任务"] },
    { name: "unit", keys: ["单位"], optional: true },
  ],
  roles: ["admin"],
  text: { summary: "remindSummary", usage: "remindUsage", example: "remindExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const { store, directory, calendar, settings } = turn.deps;
    const found = await findTask(turn, args.task ?? "");
    if (!found.ok) return answerArgProblem(ctx, remindCommand, found);
    const context = found.value;
    const { task } = context;
    let assignments = context.assignments;
    if (args.unit !== undefined) {
      const unit = readUnit(args.unit, directory);
      if (!unit.ok) return answerArgProblem(ctx, remindCommand, unit);
      assignments = assignments.filter((a) => a.unit === unit.value.name);
      if (assignments.length === 0)
        return answerArgProblem(
          ctx,
          remindCommand,
          reject("not-on-task", m("remindNotOnTask", { unit: unit.value.name, taskNo: task.no })),
        );
    }
    const world = await loadLadder(turn);
    if (!world) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const standings = await loadTaskStandings(turn, { ...context, assignments });
    const urged: { unit: string; to: Person[]; muted: boolean }[] = [];
    const skipped: { unit: string; why: Skip }[] = [];
    for (const standing of standings) {
      const owed = owedBy(standing, turn.date);
      if (!owed) {
        skipped.push({
          unit: standing.unit,
          why: standing.settled ? "settled" : standing.current ? "reported" : "nothing-due",
        });
        continue;
      }
      const contacts = world.people.ofUnit(standing.unit, "contact");
      const reach = contacts.length > 0 ? contacts : world.people.ofUnit(standing.unit, "head");
      const to: Person[] = [];
      for (const person of reach) {
        const stand = world.substituteFor(person, turn.date);
        const recipient = stand ?? person;
        const channel = world.channelFor(recipient);
        if (!channel) continue;
        const reminder: PlannedReminder = {
          date: turn.date,
          at: turn.at,
          step: owed.step,
          offset: calendar.workingDaysBetween(owed.due, turn.date),
          taskNo: task.no,
          unit: standing.unit,
          role: standing.role,
          cycle: owed.cycle,
          due: owed.due,
          recipient,
          ...(stand ? { onBehalfOf: person } : {}),
          channel,
          idempotencyKey: `urge/${task.no}/${standing.unit}/${turn.event.channel}/${turn.event.eventId}/${recipient.personId}`,
        };
        await enqueueReminder(store, world, reminder, new Date(turn.at), {
          title: m("urgeTitle", { taskNo: task.no }),
          actor: caller.actor,
          action: "reminder.urged",
          details: { event: turn.event.eventId },
          meta: { kind: "urge" },
        });
        to.push(recipient);
      }
      if (to.length === 0) skipped.push({ unit: standing.unit, why: "unreachable" });
      else urged.push({ unit: standing.unit, to, muted: standing.muted });
    }

    const window = createSendingWindow({ hours: settings.reminders.hours, calendar, random: () => 0 });
    const now = new Date(turn.at);
    const opens = window.opensAt(now);
    const later = opens.getTime() > now.getTime();
    await turn.answer(
      m("remindAnswer", {
        taskNo: task.no,
        shortTitle: shortTitle(task),
        urged: urged.map((u) =>
          m("remindUnit", {
            unit: u.unit,
            names: u.to.map((p) => p.name).join(m("listSeparator")),
            muted: u.muted,
          }),
        ),
        skipped: skipped.map((s) => m(SKIP_WORDS[s.why], { unit: s.unit })),
        any: urged.length > 0,
        later,
        when: later ? `${dateWithWeekday(businessDate(opens))}${inBusinessTz(opens).format("HH:mm")}` : "",
      }),
    );
    const [only] = assignments;
    return {
      result: urged.length > 0 ? "urged" : "nothing-owed",
      taskNo: task.no,
      ...(assignments.length === 1 && only ? { unit: only.unit } : {}),
      details: {
        urged: urged.map((u) => ({ unit: u.unit, to: u.to.map((p) => p.personId) })),
        skipped,
        ...(later ? { sendsAt: opens.toISOString() } : {}),
      },
    };
  },
};

/**
 * What the unit owes today, and the ladder step its urge looks like: a late report (逾期), else the
 * current cycle's report, due today or already asked for; nothing when it has reported or its part
 * is closed.
 */
function owedBy(
  standing: UnitStanding,
  date: string,
): { cycle: string; due: string; step: PlannedReminder["step"] } | undefined {
  if (standing.settled) return undefined;
  if (standing.lateReport)
    return { cycle: standing.lateReport.cycle, due: standing.lateReport.due, step: "overdue" };
  const current = standing.current;
  if (!current || current.reported) return undefined;
  return { cycle: current.cycle, due: current.due, step: current.due <= date ? "due" : "first" };
}
