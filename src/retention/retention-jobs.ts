import type { Settings } from "../config/settings.js";
import type { Job } from "../scheduler/job.js";
import type { Store } from "../store/store.js";
import { createRetentionJob } from "./retention-job.js";

/** The store's upkeep: the nightly removal of what is past its retention window. */
export function retentionJobs(deps: { store: Store; settings: Settings }): Job[] {
  return [createRetentionJob({ store: deps.store, settings: deps.settings.retention })];
}
