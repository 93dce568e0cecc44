import { z } from "zod";
import { calendarConfigSchema } from "../calendar/calendar-config.js";
import { defaultReportingCycleSchema, reportingCycleSchema } from "../calendar/reporting-cycle.js";
import { bulletinSettingsSchema } from "./bulletin-settings.js";
import { deliverySettingsSchema } from "./delivery-settings.js";
import { digestSettingsSchema } from "./digest-settings.js";
import { lightSettingsSchema } from "./light-settings.js";
import { progressSettingsSchema } from "./progress-settings.js";
import { reminderSettingsSchema } from "./reminder-settings.js";
import { retentionSettingsSchema } from "./retention-settings.js";

/**
 * Non-secret settings the office may change: `config/duban.yaml` (or DUBAN_SETTINGS). Every
 * section is optional; `config/duban.example.yaml` shows them all with their defaults.
 */
export const settingsSchema = z.strictObject({
  calendar: calendarConfigSchema.default({ closedDays: [], extraWorkingDays: [] }),
  reporting: z
    .strictObject({
      defaultCycle: defaultReportingCycleSchema,
      /** Per-task cycles by task number, e.g. { "52": { kind: weekly, weekday: 5 } }. */
      tasks: z
        .record(
          z.string().regex(/^\d+$/, { error: 'task numbers are written as digits, e.g. "52"' }),
          reportingCycleSchema,
        )
        .default({}),
    })
    .default({ defaultCycle: { kind: "monthly", day: 25 }, tasks: {} }),
  reminders: reminderSettingsSchema.default(reminderSettingsSchema.parse({})),
  progress: progressSettingsSchema.default(progressSettingsSchema.parse({})),
  lights: lightSettingsSchema.default(lightSettingsSchema.parse({})),
  delivery: deliverySettingsSchema.default(deliverySettingsSchema.parse({})),
  retention: retentionSettingsSchema.default(retentionSettingsSchema.parse({})),
  bulletin: bulletinSettingsSchema.default(bulletinSettingsSchema.parse({})),
  digest: digestSettingsSchema.default(digestSettingsSchema.parse({})),
});

export type Settings = z.output<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
