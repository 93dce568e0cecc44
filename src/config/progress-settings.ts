import { z } from "zod";

/**
 * Conversation settings. After 有困难, 申请延期 or 填写进展 the bot waits `promptTtlMinutes` for
 * the answer; later, a reply without a task number is read as a fresh reply again. A difficulty
 * always reaches the office's admins; `difficultyToLeaders` also sends it to the task's lead leaders.
 */
export const progressSettingsSchema = z.strictObject({
  promptTtlMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(720),
  difficultyToLeaders: z.boolean({ error: "difficultyToLeaders must be true or false" }).default(false),
});
export type ProgressSettings = z.output<typeof progressSettingsSchema>;
