import type { z } from "zod";
import { AppError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";

/**
 * Checks a record before it is written, with the schema the dump uses, so that whatever a store
 * holds can always be backed up and restored. `what` names the call, e.g. "outbox.enqueue".
 * Properties set to `undefined` are dropped, as JSON would drop them, so that what a write
 * returns equals what a later read returns.
 */
export function validateInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("bad_request", `${what}: invalid record:\n${formatIssues(result.error.issues)}`);
  }
  return dropUndefined(result.data) as T;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, dropUndefined(v)]),
  );
}
