import { z } from "zod";

/**
 * The neutral message model. Features build these; each channel renders them in its platform's
 * format (WeCom template cards, DingTalk cards, the local channel's plain text).
 */

export const cardButtonSchema = z.object({
  /** Carried back in the card-action event; WeCom allows 1024 bytes, keep it short. */
  key: z.string().min(1).max(256),
  text: z.string().min(1),
  style: z.enum(["primary", "default", "danger"]).default("default"),
});
export type CardButton = z.infer<typeof cardButtonSchema>;

export const cardSchema = z.object({
  title: z.string().min(1),
  /** One or two lines under the title. */
  description: z.string().optional(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  buttons: z.array(cardButtonSchema).max(6).default([]),
  /** Opened when the card body is tapped. */
  url: z.string().optional(),
});
export type Card = z.infer<typeof cardSchema>;

export const outboundMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1) }),
  z.object({ kind: z.literal("markdown"), title: z.string().min(1), markdown: z.string().min(1) }),
  z.object({ kind: z.literal("card"), card: cardSchema }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/**
 * How a card the recipient already has changes after a click. `close`: its buttons give way to
 * `label`, what was chosen ("已签收"), so nobody clicks twice; `replace`: a whole new card.
 */
export const cardUpdateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("close"), label: z.string().min(1) }),
  z.object({ kind: z.literal("replace"), card: cardSchema }),
]);
export type CardUpdate = z.infer<typeof cardUpdateSchema>;
