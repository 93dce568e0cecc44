import { type DueDate, dueDates } from "../calendar/due-dates.js";
import type { ReportingCycle } from "../calendar/reporting-cycle.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import type { ChannelLimits } from "../channels/channel-limits.js";
import type { ReminderSettings } from "../config/reminder-settings.js";
import type { PeopleIndex, Person } from "../directory/people.js";
import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import { sendTime } from "./send-time.js";

export type StepKind = "first" | "due" | "overdue" | "escalation" | "co-request";

/** One message the ladder asks for on a given working day. */
export interface PlannedReminder {
  /** The working day the step falls on. */
  date: string;
  /** When it goes out: ISO-8601 with +08:00, inside the sending hours. */
  at: string;
  step: StepKind;
  /** Working days relative to the due date. */
  offset: number;
  taskNo: number;
  unit: string;
  role: Assignment["role"];
  cycle: string;
  due: string;
  recipient: Person;
  /** Set when the recipient stands in for someone who is away. */
  onBehalfOf?: Person;
  channel: ChannelName;
  /** task/unit/cycle/step/recipient: a sweep that runs twice enqueues each message once. */
  idempotencyKey: string;
  /**
   * For a digest (escalations, and overdue notices to unit heads): every late unit the one message
   * covers. The fields above then describe the first of them.
   */
  items?: { taskNo: number; unit: string; cycle: string; due: string }[];
}

/** Everything the planner reads; the caller loads it from the registry, directory and store. */
export interface ReminderWorld {
  tasks: ReadonlyMap<number, Task>;
  assignments: readonly Assignment[];
  people: PeopleIndex;
  calendar: WorkCalendar;
  settings: ReminderSettings;
  cycleFor(task: Task): ReportingCycle;
  /** Reports are asked for after this date (the day the registry took effect). */
  start: string;
  /** The channel that reaches a person, or undefined when none does. */
  channelFor(person: Person): ChannelName | undefined;
  /** What a message may hold on every channel that is on: the cards are rendered within it. */
  limits: ChannelLimits;
  /** Whether the unit has reported for the cycle (any version): the ladder stops for it. */
  reported(taskNo: number, unit: string, cycle: string): boolean;
  /** Whether the unit's part of the task is finished (办结): no more reminders at all. */
  closed(taskNo: number, unit: string): boolean;
  /** Whether the office stopped reminders for the unit, or for the task (/mute), until /unmute. */
  muted(taskNo: number, unit: string): boolean;
  /** The deadline in force for the unit (an approved extension moves it). */
  deadline(task: Task, unit: string): string;
  /** The person's away/substitute setting on `date`, from their settings. */
  substituteFor(person: Person, date: string): Person | undefined;
  /** Until when the person asked not to be reminded (明天再提醒), an ISO instant. */
  snoozedUntil(person: Person): string | undefined;
}

/** The messages the reminder ladder sends on `date`; pure, so `duban plan` and the sweep agree. */
export function planRemindersFor(world: ReminderWorld, date: string): PlannedReminder[] {
  if (!world.calendar.isWorkingDay(date)) return [];
  const { ladder } = world.settings;
  const steps: { step: StepKind; offset: number; role: Assignment["role"] }[] = [
    { step: "co-request", offset: ladder.coRequest, role: "co" },
    { step: "first", offset: ladder.first, role: "host" },
    { step: "due", offset: ladder.due, role: "host" },
    { step: "overdue", offset: ladder.overdue, role: "host" },
    { step: "escalation", offset: ladder.escalation, role: "host" },
  ];
  // The due date each step of today refers to: today is `offset` working days from it.
  const dueFor = new Map(steps.map((s) => [s.step, world.calendar.addWorkingDays(date, -s.offset)]));
  // Tasks share a few schedules (cycle and deadline); on most days no step of a schedule is due, so
  // each schedule's steps due today are found once, and its assignments are passed over at once.
  // By cycle, then deadline: the cycles are the settings' own objects, so no key is built.
  const schedules = new Map<ReportingCycle, Map<string, { step: (typeof steps)[number]; due: DueDate }[]>>();
  const planned: PlannedReminder[] = [];

  for (const assignment of world.assignments) {
    const task = world.tasks.get(assignment.taskNo);
    if (!task || world.closed(task.no, assignment.unit) || world.muted(task.no, assignment.unit)) continue;
    const deadline = world.deadline(task, assignment.unit);
    const cycle = world.cycleFor(task);
    let ofCycle = schedules.get(cycle);
    if (!ofCycle) {
      ofCycle = new Map();
      schedules.set(cycle, ofCycle);
    }
    let today = ofCycle.get(deadline);
    if (!today) {
      const byDue = new Map(
        dueDates({ cycle, start: world.start, deadline, calendar: world.calendar }).map((d) => [d.due, d]),
      );
      today = steps.flatMap((step) => {
        const due = byDue.get(dueFor.get(step.step) as string);
        return due ? [{ step, due }] : [];
      });
      ofCycle.set(deadline, today);
    }
    for (const { step: s, due } of today) {
      if (s.role !== assignment.role) continue;
      if (world.reported(task.no, assignment.unit, due.cycle)) continue;
      for (const recipient of recipientsOf(world, task, assignment.unit, s.step)) {
        const stand = world.substituteFor(recipient, date);
        const to = stand ?? recipient;
        const channel = world.channelFor(to);
        if (!channel) continue;
        const idempotencyKey = `${task.no}/${assignment.unit}/${due.cycle}/${s.step}/${to.personId}`;
        planned.push({
          date,
          // A digest gets its time once, for the whole digest (below).
          at: isDigest(s.step, to) ? "" : deferredForSnooze(world, to, date, idempotencyKey),
          step: s.step,
          offset: s.offset,
          taskNo: task.no,
          unit: assignment.unit,
          role: assignment.role,
          cycle: due.cycle,
          due: due.due,
          recipient: to,
          ...(stand ? { onBehalfOf: recipient } : {}),
          channel,
          idempotencyKey,
        });
      }
    }
  }
  return digestTextNotices(world, planned).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function isDigest(step: StepKind, recipient: Person): boolean {
  return step === "escalation" || step === "co-request" || (step === "overdue" && recipient.role === "head");
}

/**
 * Leaders, the office and unit heads read plain-text notices, not cards: one per person per day
 * lists every late unit, instead of one message per task (an admin would otherwise get dozens).
 * Co-unit requests too: a town is co-unit of most tasks (各镇街) and would get dozens of cards.
 */
function digestTextNotices(world: ReminderWorld, planned: PlannedReminder[]): PlannedReminder[] {
  const cards: PlannedReminder[] = [];
  const digests = new Map<string, PlannedReminder>();
  for (const reminder of planned) {
    if (!isDigest(reminder.step, reminder.recipient)) {
      cards.push(reminder);
      continue;
    }
    const item = { taskNo: reminder.taskNo, unit: reminder.unit, cycle: reminder.cycle, due: reminder.due };
    const key = `${reminder.step}/${reminder.date}/${reminder.recipient.personId}`;
    const digest = digests.get(key);
    if (digest) digest.items?.push(item);
    else {
      digests.set(key, {
        ...reminder,
        idempotencyKey: key,
        at: deferredForSnooze(world, reminder.recipient, reminder.date, key),
        items: [item],
      });
    }
  }
  return [...cards, ...digests.values()];
}

/**
 * A snooze defers the step to the next working day's sending hours (or later, if the snooze runs
 * longer); it never moves the due date, and the key stays the same so the message goes out once.
 */
function deferredForSnooze(world: ReminderWorld, person: Person, date: string, key: string): string {
  const at = sendTime(date, key, world.settings.hours);
  const until = world.snoozedUntil(person);
  if (!until || Date.parse(until) <= Date.parse(at)) return at;
  let day = world.calendar.nextWorkingDay(date);
  let later = sendTime(day, key, world.settings.hours);
  while (Date.parse(later) < Date.parse(until)) {
    day = world.calendar.nextWorkingDay(day);
    later = sendTime(day, key, world.settings.hours);
  }
  return later;
}

/** Who each step goes to: contacts; then also the head; escalation to lead leaders and the office. */
function recipientsOf(world: ReminderWorld, task: Task, unit: string, step: StepKind): Person[] {
  const contacts = world.people.ofUnit(unit, "contact");
  const heads = world.people.ofUnit(unit, "head");
  const reach = contacts.length > 0 ? contacts : heads;
  if (step === "overdue") return unique([...reach, ...heads]);
  if (step === "escalation") {
    const leaders = task.leaders.map((name) => world.people.leader(name)).filter((p): p is Person => !!p);
    return unique([...leaders, ...world.people.admins()]);
  }
  return reach;
}

function unique(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.personId) && seen.add(p.personId));
}
