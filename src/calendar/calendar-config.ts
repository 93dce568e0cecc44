import { z } from "zod";
import { isIsoDate } from "./iso-date.js";

/** A date in config: `YYYY-MM-DD`, and a real one (2021-02-30 is refused). */
export const configDateSchema = z
  .string({ error: "must be a date written YYYY-MM-DD, e.g. 2021-10-08" })
  .refine(isIsoDate, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a real date; write YYYY-MM-DD, e.g. 2021-10-08`,
  });

/** One override: a bare date, or a date with a note that is shown as the day's name. */
const overrideDaySchema = z
  .union(
    [
      configDateSchema,
      z.strictObject({
        date: configDateSchema,
        note: z.string({ error: "note must be text" }).optional(),
      }),
    ],
    { error: 'each entry is a date "YYYY-MM-DD" or { date: "YYYY-MM-DD", note: "…" }' },
  )
  .transform((entry) => (typeof entry === "string" ? { date: entry } : entry));

export type OverrideDay = z.output<typeof overrideDaySchema>;

/**
 * The `calendar` section of the config: local changes to the official arrangement.
 * - `closedDays`: days the district does not work although the nation does (a local closure).
 * - `extraWorkingDays`: days the district works although the nation does not.
 */
export const calendarConfigSchema = z
  .strictObject(
    {
      closedDays: z.array(overrideDaySchema, { error: "closedDays must be a list of dates" }).default([]),
      extraWorkingDays: z
        .array(overrideDaySchema, { error: "extraWorkingDays must be a list of dates" })
        .default([]),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown key ${issue.keys.join(", ")}; the calendar section takes closedDays and extraWorkingDays`
          : undefined,
    },
  )
  .superRefine((config, ctx) => {
    const closed = new Set(config.closedDays.map((day) => day.date));
    config.extraWorkingDays.forEach((day, index) => {
      if (closed.has(day.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["extraWorkingDays", index],
          message: `${day.date} is in both closedDays and extraWorkingDays; keep it in one list only`,
        });
      }
    });
  });

export type CalendarConfig = z.output<typeof calendarConfigSchema>;
