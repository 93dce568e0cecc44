import { z } from "zod";

/**
 * The office's bulletin (通报), issue 14 item 2: the `bulletin` section of the settings file.
 * - `every`: a bulletin per quarter or per month; its summary goes to the admins (and `chats`) on
 *   the first working day after the period ends, at `time` (Beijing time);
 * - `chats`: group chats of the directory (`chats:` names) that also get the summary, e.g. the
 *   leaders' group; none by default;
 * - `streak`: a unit on time for this many consecutive reporting cycles is named (连续按时报送);
 * - `aheadPoints`: a green task is 超进度 when each unfinished host unit's measures are at least
 *   this many percentage points above 序时进度 (else 达进度);
 * - `overdueRows`: the draft lists this many overdue items at most, the longest late first, and
 *   refers to the ledger (台账) for the rest: early in a year, before the first reports, every
 *   unit's part is late and a full list would run to dozens of pages.
 */
export const bulletinSettingsSchema = z.strictObject({
  every: z.enum(["quarterly", "monthly"]).default("quarterly"),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time of day written HH:MM, e.g. "09:30"' })
    .default("09:30"),
  chats: z.array(z.string().min(1)).default([]),
  streak: z.int().min(1).max(24).default(3),
  aheadPoints: z.number().min(0).max(100).default(5),
  overdueRows: z.int().min(1).max(10_000).default(50),
});
export type BulletinSettings = z.output<typeof bulletinSettingsSchema>;
