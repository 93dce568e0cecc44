import type { WorkCalendar } from "../../calendar/work-calendar.js";
import type { Settings } from "../../config/settings.js";
import type { Directory } from "../../directory/directory.js";
import type { PeopleIndex } from "../../directory/people.js";
import type { OverrideStore } from "../../store/office-override.js";
import type { ProgressStore } from "../../store/progress-report.js";
import type { RegistryStore } from "../../store/registry-import.js";
import type { RequestStore } from "../../store/workflow-request.js";

/** The parts of the store the ledger reads: it writes nothing. */
export interface LedgerStore {
  registry: Pick<RegistryStore, "current">;
  overrides: Pick<OverrideStore, "list">;
  progress: Pick<ProgressStore, "history">;
  requests: Pick<RequestStore, "list">;
}

/**
 * What the ledger is made from: the store, the live directory (a task's units follow it, as the
 * reminder ladder's and the chat commands' do), the people (to name who reported and decided),
 * the office's calendar and the settings (the lights and the reporting cycles).
 */
export interface LedgerSources {
  store: LedgerStore;
  directory: Directory;
  people: PeopleIndex;
  calendar: WorkCalendar;
  settings: Settings;
}
