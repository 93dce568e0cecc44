/**
 * Something the office must fill in before reminders reach everyone. The service runs anyway:
 * a warning is said at start (one log line), in `duban plan` and in GET /healthz, never fatal.
 * - `demo_directory`: the shipped demo directory is in use; its people are invented.
 * - `units_without_contacts`: units with no contact or head; they are never reminded.
 * - `leaders_without_ids`: lead leaders with no WeCom or DingTalk user id; escalations miss them.
 * - `calendar_years_uncovered`: the registry's reporting runs into years without holiday data.
 * - `calendar_year_uncovered`, `calendar_next_year_missing`: this year's, or from 1 December next
 *   year's, holiday data is missing (the admins' daily calendar warnings, src/calendar/).
 * - `deadlines_passed`: every task's deadline has passed; nothing more will be sent.
 * - `chart_font_missing`: no CJK font for the charts; digests and bulletins go without images.
 * - `digest_chats_unknown`, `digest_leaders_unknown`: the settings send leader digests to group
 *   chats the directory lacks, or list them under leaders it does not know.
 * - `web_secret_missing`: several instances share a Redis store but no DUBAN_WEB_SECRET is set:
 *   each signs the web console's links and sessions with its own random key.
 */
export interface StartupWarning {
  code:
    | "demo_directory"
    | "units_without_contacts"
    | "leaders_without_ids"
    | "calendar_years_uncovered"
    | "calendar_year_uncovered"
    | "calendar_next_year_missing"
    | "deadlines_passed"
    | "chart_font_missing"
    | "digest_chats_unknown"
    | "digest_leaders_unknown"
    | "web_secret_missing";
  /** How many units, leaders, years or tasks the warning is about (1 for the demo directory). */
  count: number;
  /** Formal Chinese, from templates/checks.yaml: what is missing, and what to fill in where. */
  text: string;
  /** For the calendar warnings: the years without holiday data. */
  years?: number[];
}
