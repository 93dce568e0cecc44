import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

export const promptSchema = z.object({
  /** One prompt per key and person; setting the same key again replaces it (e.g. "difficulty:52"). */
  key: z.string().min(1),
  /** What the answer is for: "difficulty", "extension", "progress-text", … */
  kind: z.string().min(1),
  /** Every prompt names its task, so a contact with several tasks is never confused. */
  taskNo: z.number().int().positive(),
  unit: z.string().min(1).optional(),
  cycle: z.string().min(1).optional(),
  createdAt: isoInstantSchema,
  expiresAt: isoInstantSchema,
  /** Whatever the feature needs to finish the conversation, as JSON. */
  data: z.unknown().optional(),
});
export type Prompt = z.infer<typeof promptSchema>;

/** Questions the bot asked and is waiting for an answer to. */
export interface PromptStore {
  set(personId: string, prompt: Prompt): Promise<void>;
  /** The person's prompts that have not expired at `now`, oldest first. */
  active(personId: string, now: Date | string): Promise<Prompt[]>;
  /** Removes one prompt, or all of the person's prompts when `key` is omitted. */
  clear(personId: string, key?: string): Promise<void>;
}
