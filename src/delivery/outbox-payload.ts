import { z } from "zod";
import { outboundMessageSchema } from "../channels/message.js";

/**
 * What an outbox message carries, as JSON in `payload`. The reminder sweep and the dispatcher's
 * own admin notices enqueue this shape; the dispatcher refuses (dead-letters) anything else.
 */
export const outboxPayloadSchema = z.object({
  message: outboundMessageSchema,
  /** Set for cards: the id clicks will carry back. */
  cardId: z.string().min(1).optional(),
  /** Free labels for logs and notices, e.g. { task: 52, step: "T-3", unit: "区财政局" }. */
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /**
   * A direct answer to someone who just wrote (a confirmation, a question back): it goes out at
   * once, even outside working hours. Budgets still apply.
   */
  immediate: z.boolean().optional(),
});
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;
