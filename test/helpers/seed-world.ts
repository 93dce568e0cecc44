import { readFileSync } from "node:fs";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { CHANNEL_PLUGINS } from "../../src/channels/plugins.js";
import { DEMO_DIRECTORY } from "../../src/config/load-config.js";
import { DEFAULT_SETTINGS } from "../../src/config/settings.js";
import { indexDirectory } from "../../src/directory/directory-index.js";
import { parseDirectory } from "../../src/directory/load-directory.js";
import { indexPeople } from "../../src/directory/people.js";
import { computeAssignments } from "../../src/registry/compute-assignments.js";
import { decodeText, toLines } from "../../src/registry/decode-text.js";
import { parseNotice } from "../../src/registry/parse-notice.js";
import type { Registry } from "../../src/registry/registry.js";
import { loadReminderWorld } from "../../src/reminders/load-reminder-world.js";
import type { LedgerSources, LedgerStore } from "../../src/reports/ledger/ledger-sources.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { SEED_PATH } from "./notice.js";

export const demoDirectory = parseDirectory(readFileSync(DEMO_DIRECTORY, "utf8"), DEMO_DIRECTORY);

/**
 * Imports the seed notice with the demo directory into a store, as `duban import` does; `edit`
 * may change the registry first (a task due earlier than the seed's year end).
 */
export async function importSeed(store: Store, edit: (registry: Registry) => void = () => {}): Promise<void> {
  const registry = parseNotice(toLines(decodeText(readFileSync(SEED_PATH), "seed").text), {
    now: new Date("2021-01-21T00:00:00Z"),
  });
  edit(registry);
  await store.registry.save({
    registry,
    directory: demoDirectory,
    assignments: computeAssignments(registry, indexDirectory(demoDirectory)),
    source: { path: SEED_PATH, format: "text", sha256: "seed" },
    importedAt: "2021-01-21T02:00:00.000Z",
  });
}

/** A SQLite store in `dir`/`file` holding the seed, as `duban import` leaves it. */
export async function openSeededStore(dir: string, file: string): Promise<Store> {
  const store = await openStore({ spec: `sqlite:${dir}/${file}`, dataDir: dir, redisKeyPrefix: "x:" });
  await importSeed(store);
  return store;
}

/**
 * The reminder world over a store holding the seed, on the local channel. One set of sources for
 * every call, as the service's sweep has: the loader hands out the same world while nothing changed.
 */
export function seedWorldLoader(store: Store) {
  const sources = {
    store,
    directory: demoDirectory,
    settings: DEFAULT_SETTINGS,
    calendar: createChineseDaysCalendar(),
    channels: ["local"] as const,
    accountOrder: CHANNEL_PLUGINS.map((plugin) => plugin.name),
  };
  return () => loadReminderWorld(sources);
}

/** What the ledger and the bulletin read, over a store holding the seed: the demo directory, the default settings. */
export function seedLedgerSources(store: LedgerStore): LedgerSources {
  return {
    store,
    directory: demoDirectory,
    people: indexPeople(
      demoDirectory,
      CHANNEL_PLUGINS.map((plugin) => plugin.name),
    ),
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_SETTINGS,
  };
}
