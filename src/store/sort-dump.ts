import { compareText } from "./compare-text.js";
import { overrideKey } from "./office-override.js";
import type { StoreDump } from "./store-dump.js";

/**
 * Puts every section in the dump's canonical order. Progress keeps its append order within a
 * task (the sort is stable) and requests keep their creation order; both stores return those.
 */
export function sortDump(dump: StoreDump): StoreDump {
  return {
    ...dump,
    progress: [...dump.progress].sort((a, b) => a.taskNo - b.taskNo),
    outbox: [...dump.outbox].sort((a, b) => a.id - b.id),
    cards: [...dump.cards].sort((a, b) => compareText(a.cardId, b.cardId)),
    prompts: [...dump.prompts].sort(
      (a, b) => compareText(a.personId, b.personId) || compareText(a.prompt.key, b.prompt.key),
    ),
    people: [...dump.people].sort((a, b) => compareText(a.personId, b.personId)),
    audit: [...dump.audit].sort((a, b) => a.seq - b.seq),
    overrides: [...dump.overrides].sort((a, b) => compareText(overrideKey(a), overrideKey(b))),
  };
}
