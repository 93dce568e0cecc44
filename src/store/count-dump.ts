import type { DumpSection, StoreDump } from "./store-dump.js";

/** How many records of each kind a dump holds, for the summaries backup and restore print. */
export function countDump(dump: StoreDump): Record<DumpSection | "tasks", number> {
  return {
    registry: dump.registry.imports.length,
    tasks: dump.registry.current?.registry.tasks.length ?? 0,
    progress: dump.progress.length,
    requests: dump.requests.length,
    outbox: dump.outbox.length,
    cards: dump.cards.length,
    prompts: dump.prompts.length,
    people: dump.people.length,
    audit: dump.audit.length,
    overrides: dump.overrides.length,
  };
}
