import { cycleInWords, dateWithWeekday, plainDate } from "../calendar/format-dates.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import { cardButton } from "../cards/card-actions.js";
import type { ChannelLimits } from "../channels/channel-limits.js";
import type { CardButton, OutboundMessage } from "../channels/message.js";
import type { PeopleIndex } from "../directory/people.js";
import type { Task } from "../registry/registry.js";
import { exampleReply, shortTitle } from "../registry/short-title.js";
import { messages } from "../templates/template-store.js";
import type { PlannedReminder } from "./plan-reminders.js";

export interface RenderContext {
  tasks: ReadonlyMap<number, Task>;
  calendar: WorkCalendar;
  people: PeopleIndex;
  /** Host units of a task as the directory spells them (for co-requests). */
  hostUnitsOf(taskNo: number): string[];
  /** Working days before the due date by which co-units give their input. */
  coInputDue: number;
  /** Whether the unit has already acknowledged the task (签收 shows only the first time). */
  acknowledged(taskNo: number, unit: string): boolean;
  /** What a card may hold on the channels that are on. */
  limits: Pick<ChannelLimits, "cardFields" | "cardButtons">;
}

/**
 * What a unit's progress card shows of its own record (load-card-facts.ts): its last
 * report in one line, and the last reported actual of each indicator.
 */
export interface CardFacts {
  /** "3月24日：城镇新增就业4200人". */
  lastReport?: string;
  /** By indicator index, as written: "4200人". */
  actuals: ReadonlyMap<number, string>;
}

const m = messages("reminders");
const progress = messages("progress");

/**
 * The message a planned reminder carries: a card for the unit's contacts, text for heads and
 * leaders. With `facts`, the card also shows the unit's last report and each indicator's actual.
 */
export function renderReminder(
  reminder: PlannedReminder,
  ctx: RenderContext,
  facts?: CardFacts,
): OutboundMessage {
  const task = ctx.tasks.get(reminder.taskNo);
  if (!task) throw new Error(`renderReminder: task ${reminder.taskNo} is not in the registry`);
  if (reminder.items) {
    const items = reminder.items.map((item) => itemView(item, reminder.date, ctx));
    const key =
      { escalation: "escalation", "co-request": "coRequestDigest" }[reminder.step as string] ?? "overdueHead";
    const coDue = dateWithWeekday(ctx.calendar.addWorkingDays(reminder.due, ctx.coInputDue));
    const example = items[0] ? `${items[0].taskNo} ${m("coExample")}` : "";
    return {
      kind: "text",
      text: m(key, { unit: reminder.unit, items, coDue, example, count: items.length }),
    };
  }
  const view = {
    ...itemView(reminder, reminder.date, ctx),
    coDue: dateWithWeekday(ctx.calendar.addWorkingDays(reminder.due, ctx.coInputDue)),
    hostUnits: ctx.hostUnitsOf(reminder.taskNo).join("、"),
    deadline: plainDate(task.deadline),
  };
  const kind = {
    first: "First",
    due: "Due",
    overdue: "Overdue",
    escalation: "Overdue",
    "co-request": "CoRequest",
  }[reminder.step];
  const indicator = task.indicators[0];
  const example = indicator ? `${reminder.taskNo} ${exampleReply(indicator)}` : m("exampleNoIndicator", view);
  const fixed = [
    {
      label: m("fieldUnit"),
      value: `${reminder.unit}（${m(reminder.role === "host" ? "roleHost" : "roleCo")}）`,
    },
    { label: m("fieldDue"), value: view.due },
    { label: m("fieldDeadline"), value: view.deadline },
    ...(facts?.lastReport ? [{ label: progress("fieldLastReport"), value: facts.lastReport }] : []),
    ...(reminder.onBehalfOf
      ? [{ label: m("fieldOnBehalf"), value: m("onBehalf", { name: reminder.onBehalfOf.name }) }]
      : []),
  ];
  const indicators = task.indicators.map((i, index) => {
    const actual = facts?.actuals.get(index);
    return {
      label: m("fieldIndicator"),
      value: actual ? progress("indicatorActual", { target: i.text, actual }) : i.text,
    };
  });
  // The unit and dates first, then as many indicators as the channels show (three at most).
  const fields = [
    ...fixed.slice(0, 3),
    ...indicators.slice(0, Math.max(0, Math.min(3, ctx.limits.cardFields - fixed.length))),
    ...fixed.slice(3),
  ];
  return {
    kind: "card",
    card: {
      title: m(`title${kind}`, view),
      description: `${m(`desc${kind}`, view)}${m("howToAnswer", { example })}`,
      fields,
      buttons: buttonsFor(reminder, ctx.acknowledged(reminder.taskNo, reminder.unit)).slice(
        0,
        ctx.limits.cardButtons,
      ),
    },
  };
}

/** What every reminder says about one late or due unit of one task. */
function itemView(
  item: { taskNo: number; unit: string; cycle: string; due: string },
  date: string,
  ctx: RenderContext,
) {
  const task = ctx.tasks.get(item.taskNo);
  return {
    taskNo: item.taskNo,
    shortTitle: task ? shortTitle(task) : "",
    unit: item.unit,
    cycle: cycleInWords(item.cycle),
    due: dateWithWeekday(item.due),
    late: Math.max(0, ctx.calendar.workingDaysBetween(item.due, date)),
    contacts: names(ctx.people, item.unit, "contact"),
    heads: names(ctx.people, item.unit, "head"),
    hostUnits: ctx.hostUnitsOf(item.taskNo).join("、"),
  };
}

/**
 * Six buttons, most used first, so that a channel showing fewer keeps the ones that matter:
 * 签收 the first time, 明天再提醒 once 签收 is done.
 */
function buttonsFor(reminder: PlannedReminder, acknowledged: boolean): CardButton[] {
  if (reminder.role === "co") return [cardButton("report", { style: "primary" }), cardButton("difficulty")];
  return [
    acknowledged ? cardButton("snooze") : cardButton("ack", { style: "primary" }),
    cardButton("on-track", { style: acknowledged ? "primary" : "default" }),
    cardButton("difficulty"),
    cardButton("complete"),
    cardButton("extend"),
    cardButton("report"),
  ];
}

function names(people: PeopleIndex, unit: string, role: "contact" | "head"): string {
  return (
    people
      .ofUnit(unit, role)
      .map((p) => p.name)
      .join("、") || "—"
  );
}
