import { join } from "node:path";
import type { DemoClock } from "../demo/demo-clock.js";
import type { Directory } from "../directory/directory.js";
import { storeImport } from "../importing/store-import.js";
import { importNotice } from "../registry/import-notice.js";
import type { Clock } from "../shared/clock.js";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import type { Store } from "../store/store.js";

/** The notice the seed button imports: 济兖政发〔2021〕1号, a published district notice (66 tasks). */
export const SEED_NOTICE = join(PACKAGE_ROOT, "config", "examples", "yanzhou-2021-work-report-tasks.txt");

/**
 * Where the seed puts the clock: Monday 22 February 2021, 08:20, three working days before the
 * first monthly report after the notice (issued 21 January; reports due on the 25th), when the T−3
 * reminders are about to go. A later start would find the earlier cycles unreported, and red.
 */
export const SEED_CLOCK = new Date("2021-02-22T08:20:00+08:00");

export type SeedOutcome =
  | { loaded: true; tasks: number; problems: number; clockMoved: boolean }
  | { loaded: false; reason: "registry-exists" | "unreadable"; detail?: string };

/**
 * The playground's one-click start: imports the seed notice against the service's directory and
 * moves the demo clock to the seed's first reminder morning. Only into an empty store: a registry
 * already there (the office's own, or the seed) is never replaced from a button, and the clock goes
 * back in time only while there is nothing its earlier instant could contradict.
 */
export async function loadSeed(deps: {
  store: Store;
  directory: Directory;
  clock: Clock;
  demoClock?: DemoClock;
  file?: string;
}): Promise<SeedOutcome> {
  if (await deps.store.registry.current()) return { loaded: false, reason: "registry-exists" };
  const result = await importNotice({ path: deps.file ?? SEED_NOTICE, directory: deps.directory });
  if (result.registry.tasks.length === 0)
    return { loaded: false, reason: "unreadable", detail: result.source.path };
  deps.demoClock?.restartAt(SEED_CLOCK);
  await storeImport(deps.store, result, deps.directory, { now: deps.clock.now(), actor: "playground" });
  return {
    loaded: true,
    tasks: result.registry.tasks.length,
    problems: result.registry.problems.length,
    clockMoved: deps.demoClock !== undefined,
  };
}
