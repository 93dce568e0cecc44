import { z } from "zod";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const timeSchema = z.string().regex(TIME, { error: 'write a time as "HH:MM", e.g. "08:30"' });

/**
 * The reminder ladder, in working days relative to the due date (negative = before).
 * Host units: `first` a card to the contacts; `due` a second reminder to units that have not
 * reported; `overdue` a notice to the contacts and the unit head; `escalation` to the task's lead
 * leaders and the office. Co-units: `coRequest` asks for their input to the host by `coInputDue`.
 */
export const ladderSchema = z.strictObject({
  first: z.int().max(-1).default(-3),
  due: z.literal(0).default(0),
  overdue: z.int().min(1).default(1),
  escalation: z.int().min(1).default(3),
  coRequest: z.int().max(-1).default(-5),
  coInputDue: z.int().max(0).default(-2),
});
export type Ladder = z.output<typeof ladderSchema>;

/**
 * Messages go out only between `start` and `end` on working days (Asia/Shanghai). Within that,
 * the sweep spreads them over `spreadMinutes` from `sendFrom`, away from :00 and :30 (WeCom advises
 * against bursts on the hour and half hour).
 */
export const sendingHoursSchema = z
  .strictObject({
    start: timeSchema.default("08:30"),
    end: timeSchema.default("18:00"),
    sendFrom: timeSchema.default("09:00"),
    spreadMinutes: z.int().min(10).max(600).default(150),
  })
  .refine((h) => h.start < h.end, { error: "start must be before end", path: ["end"] })
  .refine((h) => h.sendFrom >= h.start && h.sendFrom < h.end, {
    error: "sendFrom must lie between start and end",
    path: ["sendFrom"],
  });
export type SendingHours = z.output<typeof sendingHoursSchema>;

export const reminderSettingsSchema = z.strictObject({
  ladder: ladderSchema.default(ladderSchema.parse({})),
  hours: sendingHoursSchema.default(sendingHoursSchema.parse({})),
});
export type ReminderSettings = z.output<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = reminderSettingsSchema.parse({});
