import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

export const cardInstanceSchema = z.object({
  /** The platform's id of the sent card. */
  cardId: z.string().min(1),
  channel: z.string().min(1),
  taskNo: z.number().int().positive(),
  unit: z.string().min(1),
  cycle: z.string().min(1),
  /** The person id the card was sent to. */
  recipient: z.string().min(1),
  /** For a decision card sent to the admins: the request it decides. */
  requestId: z.string().min(1).optional(),
  /** The platform's code for updating the card once (WeCom response_code); expires. */
  responseCode: z.string().min(1).optional(),
  responseCodeExpiresAt: isoInstantSchema.optional(),
  createdAt: isoInstantSchema,
});
export type CardInstance = z.infer<typeof cardInstanceSchema>;

/** Cards the service has sent, so that a click can be traced back to its task, unit and cycle. */
export interface CardStore {
  /** Stores the card, replacing one with the same id. */
  put(card: CardInstance): Promise<void>;
  get(cardId: string): Promise<CardInstance | undefined>;
  /** The task's cards (of one unit and cycle when given), by `createdAt` then id. */
  list(filter: { taskNo: number; unit?: string; cycle?: string }): Promise<CardInstance[]>;
  /** Replaces the update code; a card that does not exist is a RecordNotFoundError. */
  setResponseCode(cardId: string, code: string, expiresAt: string): Promise<void>;
  /**
   * Takes the update code, once: of concurrent callers exactly one gets it. A code that expired
   * at `now` is discarded and nobody gets it.
   */
  consumeResponseCode(cardId: string, now: Date | string): Promise<string | undefined>;
}
