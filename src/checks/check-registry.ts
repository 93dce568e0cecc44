import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { Registry } from "../registry/registry.js";
import { businessDate } from "../shared/clock.js";
import { message } from "../templates/template-store.js";
import type { StartupWarning } from "./startup-warning.js";

/**
 * What the registry needs that the service cannot supply: holiday data for every year its
 * reporting spans (from the day it took effect to its last deadline, and the notice's own year),
 * and a deadline still ahead (a registry whose deadlines have all passed sends nothing more).
 * `settingsFile` names where calendar overrides go, as shown to the office.
 */
export function checkRegistry(input: {
  registry: Registry;
  /** The day reporting starts: the notice's date, else the import's. */
  start: string;
  calendar: Pick<WorkCalendar, "coverage">;
  now: Date;
  settingsFile: string;
}): StartupWarning[] {
  const { registry, calendar } = input;
  const warnings: StartupWarning[] = [];
  const deadlines = registry.tasks.map((task) => task.deadline).sort();
  const last = deadlines.at(-1);
  const years = new Set<number>([registry.document.year]);
  const first = Number(input.start.slice(0, 4));
  const end = Number((last ?? input.start).slice(0, 4));
  for (let year = first; year <= end; year++) years.add(year);
  const uncovered = [...years].filter((year) => calendar.coverage(year) === "fallback").sort();
  if (uncovered.length > 0) {
    warnings.push({
      code: "calendar_years_uncovered",
      count: uncovered.length,
      years: uncovered,
      text: message("checks", "calendarYearsUncovered", {
        years: uncovered.join("、"),
        file: input.settingsFile,
      }),
    });
  }
  if (last !== undefined && last < businessDate(input.now)) {
    warnings.push({
      code: "deadlines_passed",
      count: deadlines.length,
      text: message("checks", "deadlinesPassed", {
        title: registry.document.title,
        count: deadlines.length,
        last,
      }),
    });
  }
  return warnings;
}
