import { z } from "zod";

const DAY_ERROR = 'day must be 1–31 or "last" (a day past the end of a month means its last day)';
const WEEKDAY_ERROR = "weekday must be 1 (Monday) to 7 (Sunday)";

const dayOfMonthSchema = z.union(
  [z.int({ error: DAY_ERROR }).min(1, { error: DAY_ERROR }).max(31, { error: DAY_ERROR }), z.literal("last")],
  { error: DAY_ERROR },
);

/**
 * When a unit's progress report is due. Per task, or the config's default.
 * - `weekly`: every week on `weekday`, 1 = Monday … 7 = Sunday.
 * - `monthly`: every month on `day` (1–31, or "last"; 31 in a 30-day month is its last day).
 * - `quarterly`: on `day` of each quarter's last month (March, June, September, December).
 * - `once`: a single report, due by the task's deadline.
 * A due day that is not a working day moves to the previous working day.
 */
export const reportingCycleSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("weekly"),
      weekday: z
        .int({ error: WEEKDAY_ERROR })
        .min(1, { error: WEEKDAY_ERROR })
        .max(7, { error: WEEKDAY_ERROR }),
    }),
    z.strictObject({ kind: z.literal("monthly"), day: dayOfMonthSchema }),
    z.strictObject({ kind: z.literal("quarterly"), day: dayOfMonthSchema }),
    z.strictObject({ kind: z.literal("once") }),
  ],
  { error: "kind must be weekly, monthly, quarterly or once" },
);

export type ReportingCycle = z.output<typeof reportingCycleSchema>;

/** Monthly, due the 25th: what the office asks for when the config says nothing. */
export const DEFAULT_REPORTING_CYCLE: ReportingCycle = { kind: "monthly", day: 25 };

/** The config key for the default cycle; tasks without their own cycle use it. */
export const defaultReportingCycleSchema = reportingCycleSchema.default(DEFAULT_REPORTING_CYCLE);
