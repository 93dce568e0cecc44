import { z } from "zod";

/**
 * Conversation settings. After 有困难, 申请延期 or 填写进展 the bot waits this long for the
 * answer; later, a reply without a task number is read as a fresh reply again.
 */
export const progressSettingsSchema = z.strictObject({
  promptTtlMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(720),
});
export type ProgressSettings = z.output<typeof progressSettingsSchema>;
