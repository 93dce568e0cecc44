/**
 * The working-day calendar every reminder decision goes through. All dates are `YYYY-MM-DD`
 * strings in the business time zone (Asia/Shanghai); an argument that is not such a date throws
 * a RangeError.
 */

/**
 * Why a day is, or is not, a working day.
 * - `workday` / `weekend`: an ordinary Monday–Friday / Saturday–Sunday.
 * - `holiday`: a public holiday of the official arrangement (weekend days inside it included).
 * - `makeup-workday`: a weekend day the official arrangement turns into a working day (调休上班).
 * - `override-closed` / `override-open`: a local closure or extra working day from the config.
 */
export type DayKind =
  | "workday"
  | "weekend"
  | "holiday"
  | "makeup-workday"
  | "override-closed"
  | "override-open";

/** One day of the calendar. */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The holiday (清明, or for a make-up day the holiday it makes up for), or the override's note. */
  name?: string;
}

/**
 * `official`: the year's arrangement from the State Council notice is known.
 * `fallback`: it is not, and the year is treated as Monday–Friday; admins must be warned.
 */
export type Coverage = "official" | "fallback";

/** Working days by the official arrangement plus local overrides. */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: string): string;
  /** `date` itself when it is a working day, else the previous working day (how due dates move). */
  onOrBefore(date: string): string;
  /**
   * Steps `n` working days forward (n > 0) or back (n < 0), not counting `date` itself; the
   * result is always a working day. `n = 0` gives `onOrBefore(date)`.
   * @example addWorkingDays("2021-04-02", 1) === "2021-04-06" // over 清明, 3–5 April 2021
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Counts working days from `from` (exclusive) to `to` (inclusive): for `to` after `from`, the
   * working days d with from < d ≤ to; for `to` before `from`, minus the working days d with
   * to ≤ d < from; 0 when equal. So `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≠ 0,
   * and `workingDaysBetween(due, today)` is how many working days a report is late.
   */
  workingDaysBetween(from: string, to: string): number;
  dayInfo(date: string): DayInfo;
  /** Whether `year`'s official arrangement is known or Monday–Friday is assumed. */
  coverage(year: number): Coverage;
  /**
   * The unchanging calendar the answers come from now, for a calendar whose days may change while
   * it runs (the office's /calendar days); absent when the calendar never changes. What is
   * memoised per calendar (due dates) is keyed by it, so a change is never answered from a memo.
   */
  snapshot?(): WorkCalendar;
}
