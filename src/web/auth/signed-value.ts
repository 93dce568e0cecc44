import type { z } from "zod";
import type { SignaturePurpose, WebKeys } from "./web-keys.js";

/**
 * `<payload>.<signature>`: the JSON payload in base64url, then its HMAC. Readable by whoever holds
 * it (nothing secret goes in), unforgeable without the key.
 */
export function sealValue(keys: WebKeys, purpose: SignaturePurpose, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${keys.sign(purpose, body)}`;
}

/** The payload of a sealed value whose signature holds and whose shape is `schema`'s; else undefined. */
export function openValue<T>(
  keys: WebKeys,
  purpose: SignaturePurpose,
  value: string,
  schema: z.ZodType<T>,
): T | undefined {
  const dot = value.indexOf(".");
  if (dot <= 0 || value.length > 2048) return undefined;
  const body = value.slice(0, dot);
  if (!keys.verify(purpose, body, value.slice(dot + 1))) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
