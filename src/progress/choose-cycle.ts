import type { DueDate } from "../calendar/due-dates.js";
import { addDays, isoWeekKey } from "../calendar/iso-date.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";

/** A cycle's reporting window opens on its first reminder and lasts until the next one opens. */
export interface CycleWindow {
  cycle: string;
  /** The day of the cycle's first reminder: `firstOffset` working days before it is due. */
  opens: string;
}

/**
 * Each due cycle with the day its window opens: the day the ladder sends its first reminder
 * (T−3 working days for a host, the co-request's T−5 for a co-unit), on the working-day calendar,
 * so a holiday before the due date moves the opening back and a 调休 make-up day counts.
 */
export function cycleWindows(
  dues: readonly DueDate[],
  calendar: Pick<WorkCalendar, "addWorkingDays">,
  firstOffset: number,
): CycleWindow[] {
  return dues.map((d) => ({ cycle: d.cycle, opens: calendar.addWorkingDays(d.due, firstOffset) }));
}

/**
 * The cycle a report answers when the reply itself does not say (a text, or a prompt's answer):
 * the cycle whose window is open on `date`, from its first reminder up to the next cycle's first
 * reminder. So a late report on 03-30 (monthly, due the 25th) is March's, and April's reminders
 * still go out; after the last window opens every report updates the last cycle. Before the
 * first window no cycle has been asked for: the report is filed under the period before it, which
 * satisfies nothing (cycle keys of one kind sort in time order, and the ladder counts a report
 * for a cycle as covering the cycles before it).
 */
export function chooseCycle(input: {
  date: string;
  windows: readonly CycleWindow[];
  dues: readonly DueDate[];
}): string {
  const { date, windows, dues } = input;
  const open = windows.filter((w) => w.opens <= date).at(-1);
  if (open) return open.cycle;
  const [first] = dues;
  return first ? precedingCycle(first) : "once";
}

/** The key of the period before `first`: "2021-02" before "2021-03", "2020-Q4", "2021-W11". */
function precedingCycle(first: DueDate): string {
  const month = /^(\d{4})-(\d{2})$/.exec(first.cycle);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
  }
  const quarter = /^(\d{4})-Q(\d)$/.exec(first.cycle);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  if (/^\d{4}-W\d{2}$/.test(first.cycle)) return isoWeekKey(addDays(first.nominal, -7));
  // Sorts before "once": an early report on a one-off task does not close it.
  return "interim";
}
