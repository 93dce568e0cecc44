/** The official holiday arrangements a calendar package publishes, keyed by `YYYY-MM-DD`. */
export interface HolidayTable {
  /** Public holidays, weekend days inside them included: date → holiday name (清明). */
  holidays: ReadonlyMap<string, string>;
  /** Make-up working days (调休上班): date → the holiday they make up for (春节). */
  makeupWorkdays: ReadonlyMap<string, string>;
  /** Years whose arrangement the table holds; any other year is only a Monday–Friday guess. */
  coveredYears: ReadonlySet<number>;
}
