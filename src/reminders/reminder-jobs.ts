import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import type { ChannelLimits } from "../channels/channel-limits.js";
import type { Settings } from "../config/settings.js";
import type { Directory } from "../directory/directory.js";
import type { Job } from "../scheduler/job.js";
import type { Store } from "../store/store.js";
import { loadReminderWorld } from "./load-reminder-world.js";
import { createReminderSweepJob } from "./reminder-sweep.js";

/** The reminder ladder's jobs: the sweep that plans each working day's reminders into the outbox. */
export function reminderJobs(deps: {
  store: Store;
  directory: Directory;
  settings: Settings;
  calendar: WorkCalendar;
  channels: readonly ChannelName[];
  accountOrder: readonly ChannelName[];
  limits: ChannelLimits;
}): Job[] {
  return [
    createReminderSweepJob({
      store: deps.store,
      calendar: deps.calendar,
      loadWorld: () => loadReminderWorld(deps),
    }),
  ];
}
