import { createOfficeCalendar } from "../calendar/office-days-calendar.js";
import { directoryPath, loadConfig } from "../config/load-config.js";
import { loadSettings, settingsPath } from "../config/load-settings.js";
import { loadDirectory } from "../directory/load-directory.js";
import { indexPeople } from "../directory/people.js";
import type { LedgerSources } from "../reports/ledger/ledger-sources.js";
import { listOfficeDays } from "../store/office-override.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { resolveStoreDefaults, type StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * What a report command (`duban export`, `duban digest`) reads, as the service has it: the
 * configured settings and directory, the store (`--store`, `--data-dir`), the office's calendar
 * with the days set in chat, and people identified by the whole plugin table. The caller closes
 * `store`.
 */
export async function openReportSources(
  defaults: StoreDefaultsOption,
  options: { store?: string; dataDir?: string },
): Promise<LedgerSources & { store: Store }> {
  const { CHANNEL_PLUGINS } = await import("../channels/plugins.js");
  const config = loadConfig();
  const settings = loadSettings(settingsPath(config.DUBAN_SETTINGS));
  const directory = await loadDirectory(directoryPath(config).path);
  const store = await openStore({
    ...(await resolveStoreDefaults(defaults)),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    spec: options.store,
  });
  try {
    // The office's days set in chat (/calendar add) count, as in the service.
    const calendar = createOfficeCalendar({
      load: () => listOfficeDays(store.overrides),
      config: settings.calendar,
    });
    await calendar.refresh();
    // Person ids are made from the whole plugin table, as the service makes them.
    const people = indexPeople(
      directory,
      CHANNEL_PLUGINS.map((plugin) => plugin.name),
    );
    return { store, directory, people, calendar, settings };
  } catch (error) {
    await store.close();
    throw error;
  }
}
