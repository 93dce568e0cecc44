import type { DueDate } from "../reminders/due-dates.js";

/**
 * The cycle a report answers when the reply itself does not say (a text, or a prompt's answer):
 * the cycle of the last reminder card the unit got, while that cycle is still unreported (so a
 * late report fills the late cycle); otherwise the first cycle due on or after today (so a second
 * reply before the due date is a new version of the same cycle); after the last due date, the
 * last cycle. Cycle keys of one kind sort in time order.
 */
export function chooseCycle(input: {
  date: string;
  dues: readonly DueDate[];
  /** The cycle of the latest card sent to the unit for the task, if any. */
  lastCardCycle?: string;
  /** The latest cycle the unit has reported (签收 not counted). */
  lastReportedCycle?: string;
}): string {
  const { date, dues, lastCardCycle, lastReportedCycle } = input;
  if (lastCardCycle && (lastReportedCycle ?? "") < lastCardCycle) return lastCardCycle;
  const upcoming = dues.find((d) => d.due >= date) ?? dues.at(-1);
  return upcoming?.cycle ?? lastCardCycle ?? "once";
}
