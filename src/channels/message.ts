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

/**
 * What an image or a file may weigh, the strictest of the platforms (bytes before base64):
 * - an image goes to a WeCom group robot as base64 in the message, at most 2 MB (Doc 99110); the
 *   app's media/upload takes more (10 MB in the current Doc 90253, 2 MB in older copies), DingTalk's
 *   media/upload 20 MB: 2 MB is what every one takes. A digest chart is some 50–200 KB.
 * - a file: WeCom's media/upload and the robot's upload_media take at most 20 MB, DingTalk's
 *   media/upload 20 MB. The 881-row seed ledger is about 150 KB.
 * - WeCom refuses media of 5 bytes or less ("所有文件size必须大于5个字节").
 */
export const MEDIA_LIMITS = {
  imageBytes: 2 * 1024 * 1024,
  fileBytes: 20 * 1024 * 1024,
  minBytes: 6,
  /** WeCom shows the upload's filename; 128 characters is ample and keeps a message small. */
  fileNameChars: 128,
} as const;

/** The bytes a base64 text decodes to, without decoding it. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/**
 * Padded base64. One character class, not groups of four: a repeated group overflows V8's regex
 * stack on a string of megabytes (a 2 MB image is 2.8 million characters).
 */
const isBase64 = (text: string): boolean => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);

/** A file's name as the recipient sees it: no folders, no control characters. */
const fileNameSchema = z
  .string()
  .min(1)
  .max(MEDIA_LIMITS.fileNameChars)
  .refine((name) => !/[/\\]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20));

const mediaBytes = (maxBytes: number) =>
  z
    .string()
    .refine(isBase64, "base64")
    .refine((base64) => {
      const bytes = base64Bytes(base64);
      return bytes >= MEDIA_LIMITS.minBytes && bytes <= maxBytes;
    }, `between ${MEDIA_LIMITS.minBytes} and ${maxBytes} bytes`);

/**
 * A PNG picture (a digest chart). `caption`: what a channel that cannot show images sends
 * instead, as text; where the picture goes, the caption does not (neither platform shows one).
 */
export const imageMessageSchema = z.object({
  kind: z.literal("image"),
  fileName: fileNameSchema.regex(/\.png$/i),
  base64: mediaBytes(MEDIA_LIMITS.imageBytes),
  caption: z.string().min(1).optional(),
});

/** A file to download (the Excel ledger). `caption`: as an image's. */
export const fileMessageSchema = z.object({
  kind: z.literal("file"),
  fileName: fileNameSchema,
  base64: mediaBytes(MEDIA_LIMITS.fileBytes),
  caption: z.string().min(1).optional(),
});

export const outboundMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1) }),
  z.object({ kind: z.literal("markdown"), title: z.string().min(1), markdown: z.string().min(1) }),
  z.object({ kind: z.literal("card"), card: cardSchema }),
  imageMessageSchema,
  fileMessageSchema,
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
export type MediaMessage = Extract<OutboundMessage, { kind: "image" | "file" }>;
export type MediaKind = MediaMessage["kind"];

/**
 * How a card the recipient already has changes after a click. `close`: its buttons give way to
 * `label`, what was chosen ("已签收"), so nobody clicks twice; `replace`: a whole new card.
 */
export const cardUpdateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("close"), label: z.string().min(1) }),
  z.object({ kind: z.literal("replace"), card: cardSchema }),
]);
export type CardUpdate = z.infer<typeof cardUpdateSchema>;
