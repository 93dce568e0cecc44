import { sortDump } from "./sort-dump.js";
import type { StoreDump } from "./store-dump.js";

/**
 * The dump as text: records in canonical order, object keys sorted at every depth below the
 * top (where `format` and `version` come first, for whoever opens the file), two-space indent.
 * Two dumps of the same content are therefore equal byte for byte, whichever store wrote them
 * and in whatever key order the records were first stored.
 */
export function serializeDump(dump: StoreDump): string {
  const sorted = sortDump(dump);
  const top = {
    format: sorted.format,
    version: sorted.version,
    registry: sortKeys(sorted.registry),
    progress: sortKeys(sorted.progress),
    requests: sortKeys(sorted.requests),
    outbox: sortKeys(sorted.outbox),
    cards: sortKeys(sorted.cards),
    prompts: sortKeys(sorted.prompts),
    people: sortKeys(sorted.people),
    audit: sortKeys(sorted.audit),
    overrides: sortKeys(sorted.overrides),
  } satisfies Record<keyof StoreDump, unknown>;
  return `${JSON.stringify(top, null, 2)}\n`;
}

/**
 * The size of serializeDump(dump) in UTF-8 bytes, without sorting anything: the order of records
 * and keys moves bytes around, it does not add or drop any (a dump holds JSON values only, as the
 * stores read them back; undefined properties are left out by both). For a total that only needs
 * the size (`duban simulate`'s store size), at a fraction of the cost.
 */
export function serializedDumpBytes(dump: StoreDump): number {
  const top = {
    format: dump.format,
    version: dump.version,
    registry: dump.registry,
    progress: dump.progress,
    requests: dump.requests,
    outbox: dump.outbox,
    cards: dump.cards,
    prompts: dump.prompts,
    people: dump.people,
    audit: dump.audit,
    overrides: dump.overrides,
  } satisfies Record<keyof StoreDump, unknown>;
  // The final newline counted apart: appending it would copy the whole text once more.
  return Buffer.byteLength(JSON.stringify(top, null, 2), "utf8") + 1;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, sortKeys(v)]);
  return Object.fromEntries(entries);
}
