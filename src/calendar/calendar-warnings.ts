import { businessDate } from "../shared/clock.js";
import { message } from "../templates/template-store.js";
import type { WorkCalendar } from "./work-calendar.js";

/**
 * Something the admins must fix in the calendar.
 * - `calendar_year_uncovered`: this year's arrangement is missing; Monday–Friday is assumed now.
 * - `calendar_next_year_missing`: from 1 December, next year's arrangement is still missing.
 */
export interface CalendarWarning {
  code: "calendar_year_uncovered" | "calendar_next_year_missing";
  /** The year whose arrangement is missing. */
  year: number;
  /** Formal Chinese text for the admins, from templates/calendar.yaml. */
  text: string;
}

/** The calendar warnings that apply at `now` (read in the business time zone). */
export function calendarWarnings(calendar: Pick<WorkCalendar, "coverage">, now: Date): CalendarWarning[] {
  const today = businessDate(now);
  const year = Number(today.slice(0, 4));
  const warnings: CalendarWarning[] = [];
  if (calendar.coverage(year) === "fallback") {
    warnings.push({
      code: "calendar_year_uncovered",
      year,
      text: message("calendar", "yearUncovered", { year }),
    });
  }
  // The State Council usually publishes next year's arrangement in November.
  if (today.slice(5, 7) === "12" && calendar.coverage(year + 1) === "fallback") {
    warnings.push({
      code: "calendar_next_year_missing",
      year: year + 1,
      text: message("calendar", "nextYearMissing", { year: year + 1 }),
    });
  }
  return warnings;
}
