import type { z } from "zod";
import { compiledSchema } from "../shared/compiled-schema.js";
import { AppError } from "../shared/errors.js";
import { formatIssues } from "../shared/format-zod-issues.js";

/**
 * Checks a record before it is written, with the schema the dump uses, so that whatever a store
 * holds can always be backed up and restored. `what` names the call, e.g. "outbox.enqueue".
 * Properties set to `undefined` are dropped, as JSON would drop them, so that what a write
 * returns equals what a later read returns.
 */
export function validateInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = compiledSchema(schema).safeParse(value);
  if (!result.success) {
    throw new AppError("bad_request", `${what}: invalid record:\n${formatIssues(result.error.issues)}`);
  }
  return dropUndefined(result.data) as T;
}

/**
 * A copy without the `undefined` properties, at every depth. Plain loops: every write goes through
 * this, and entries/filter/map/fromEntries allocated four arrays per object.
 */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    // As Object.fromEntries does: "__proto__" becomes an own property, not the prototype.
    if (key === "__proto__")
      Object.defineProperty(copy, key, {
        value: dropUndefined(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = dropUndefined(v);
  }
  return copy;
}
