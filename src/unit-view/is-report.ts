import type { ProgressReport } from "../store/progress-report.js";

/** The status of a 签收 record: it shows the unit has the task, but reports nothing. */
export const ACKNOWLEDGED = "acknowledged";
/** The status of the record that closes an open difficulty: it reports nothing either. */
export const DIFFICULTY_RESOLVED = "difficulty-resolved";

/**
 * Whether a progress record is a report for its cycle. 签收 is stored as a progress record (so
 * that the unit's history shows when it acknowledged), but it must never stop the reminder ladder
 * or count as on time. Neither may the record that closes a difficulty.
 */
export function isReport(record: Pick<ProgressReport, "status">): boolean {
  return record.status !== ACKNOWLEDGED && record.status !== DIFFICULTY_RESOLVED;
}
