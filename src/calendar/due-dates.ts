import { listNominalDates } from "./list-nominal-dates.js";
import type { ReportingCycle } from "./reporting-cycle.js";
import type { WorkCalendar } from "./work-calendar.js";

/** One report a unit owes: the cycle's key, its nominal day, and the working day it is due. */
export interface DueDate {
  /** Stable across runs: "2021-W12", "2021-03", "2021-Q1" or "once". */
  cycle: string;
  /** The day the cycle names (the 25th, the Friday, the deadline). */
  nominal: string;
  /** `nominal` moved back to a working day when it is not one. */
  due: string;
}

/**
 * The reports a task asks for between `start` (exclusive) and `deadline` (inclusive), in order.
 * A periodic cycle whose due day would move back onto or before `start` is left out: every day
 * from start to its nominal day is a day off, so no one could report in time, and the next cycle
 * asks again. `once` is always kept, since it is the task's only report.
 */
export function dueDates(input: {
  cycle: ReportingCycle;
  start: string;
  deadline: string;
  calendar: Pick<WorkCalendar, "onOrBefore" | "snapshot">;
}): readonly DueDate[] {
  const { cycle, start, deadline } = input;
  const calendar = input.calendar.snapshot?.() ?? input.calendar;
  // Memoised per calendar (as it is now) and cycle object (which lives as long as the settings): the lights ask
  // for every unit of every task, and all of a task's units share its cycle, start and deadline.
  let byCycle = memo.get(calendar);
  if (byCycle === undefined) {
    byCycle = new WeakMap();
    memo.set(calendar, byCycle);
  }
  let byDates = byCycle.get(cycle);
  if (byDates === undefined) {
    byDates = new Map();
    byCycle.set(cycle, byDates);
  }
  const key = `${start}|${deadline}`;
  let dues = byDates.get(key);
  if (dues === undefined) {
    dues = Object.freeze(
      listNominalDates(cycle, start, deadline)
        .map(({ cycle: key, nominal }) =>
          Object.freeze({ cycle: key, nominal, due: calendar.onOrBefore(nominal) }),
        )
        .filter((entry) => cycle.kind === "once" || entry.due > start),
    );
    byDates.set(key, dues);
  }
  return dues;
}

const memo = new WeakMap<object, WeakMap<ReportingCycle, Map<string, readonly DueDate[]>>>();
