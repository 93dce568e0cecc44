import { type DueDate, dueDates } from "../calendar/due-dates.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { Settings } from "../config/settings.js";
import type { Task } from "../registry/registry.js";

/**
 * The reports a unit owes on a task, up to its deadline in force: the same cycles the reminder
 * ladder asks for (settings.reporting), so that a reply is filed under the cycle it was asked for.
 */
export function listUnitDues(input: {
  task: Task;
  deadline: string;
  start: string;
  settings: Pick<Settings, "reporting">;
  calendar: Pick<WorkCalendar, "onOrBefore" | "snapshot">;
}): readonly DueDate[] {
  const { reporting } = input.settings;
  return dueDates({
    cycle: reporting.tasks[String(input.task.no)] ?? reporting.defaultCycle,
    start: input.start,
    deadline: input.deadline,
    calendar: input.calendar,
  });
}
