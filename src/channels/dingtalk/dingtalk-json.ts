import type { z } from "zod";

export type JsonReading = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * JSON from a request body, a Stream frame's `data` or a string field inside either. Never throws;
 * the problem never quotes the input (it may hold a person's message).
 */
export function parseJson(text: string | Buffer, what = "the body"): JsonReading {
  try {
    return { ok: true, value: JSON.parse(typeof text === "string" ? text : text.toString("utf8")) };
  } catch {
    return { ok: false, problem: `${what} is not JSON` };
  }
}

/** Names each field zod refused and how, never the value it found (e.g. "msgId: invalid_type"). */
export function problemOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.code}`)
    .join("; ");
}
