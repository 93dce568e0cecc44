import { z } from "zod";

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema compiled once, on its first use (z.compile: the same results and the same issues as
 * the schema's own parser, from generated code that does not walk the schema for every value). For
 * the hot paths: every audit entry, outbox message and report a store takes is validated, and the
 * dispatcher reads every payload it sends; the walk took about 11 µs of each record.
 */
export function compiledSchema<T extends z.ZodType>(schema: T): T {
  let found = compiledSchemas.get(schema) as T | undefined;
  if (found === undefined) {
    found = z.compile(schema);
    compiledSchemas.set(schema, found);
  }
  return found;
}
