import type { WorkCalendar } from "../calendar/work-calendar.js";

/**
 * 序时进度: the share of the period's working days that have passed by `date`, 0–100. The period
 * runs from 1 January of the task's year to the deadline in force, so for the usual year-end
 * deadline it is the elapsed share of the year's working days (调休 included); a task due 6月底
 * is paced over its half year.
 */
export function computePace(
  calendar: Pick<WorkCalendar, "workingDaysBetween">,
  input: { year: number; date: string; deadline: string },
): number {
  const before = `${input.year - 1}-12-31`;
  const total = calendar.workingDaysBetween(before, input.deadline);
  if (total <= 0) return 100;
  const elapsed = calendar.workingDaysBetween(before, input.date);
  return (Math.min(total, Math.max(0, elapsed)) / total) * 100;
}
