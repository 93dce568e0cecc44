import { z } from "zod";
import { timeSchema } from "./reminder-settings.js";

/**
 * The weekly leader digest (督办周报): each lead leader gets one message about the tasks they lead
 * on the first working day of each ISO week, at `time` (Asia/Shanghai). `chats` sends a leader's
 * digest to group chats of the directory as well (a leaders' group, a group robot), by leader name.
 */
export const digestSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  time: timeSchema.default("09:10"),
  /** By leader name, the directory's group chats (`chats:` names) that also get the digest. */
  chats: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
});
export type DigestSettings = z.output<typeof digestSettingsSchema>;
