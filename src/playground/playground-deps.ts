import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { LocalChannel } from "../channels/local/local-channel.js";
import type { Settings } from "../config/settings.js";
import type { DemoClock } from "../demo/demo-clock.js";
import type { Directory } from "../directory/directory.js";
import type { PeopleIndex } from "../directory/people.js";
import type { LocalInboundDeps } from "../http/answer-local-event.js";
import type { Job } from "../scheduler/job.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";

/** What the playground reads and drives: the local channel, the store and the service's clock. */
export interface PlaygroundDeps extends LocalInboundDeps {
  channel: LocalChannel;
  store: Store;
  clock: Clock;
  /** The service's demo clock: present, the clock controls work; absent, it runs on real time. */
  demoClock?: DemoClock;
  /** Read at each request: the directory may be reloaded. */
  sources(): {
    people: PeopleIndex;
    directory: Directory;
    directoryIsDemo: boolean;
    settings: Settings;
    calendar: WorkCalendar;
  };
  jobs: readonly Job[];
  /** Runs every job once, now (after the seed moved the clock, as at a start). */
  runJobsNow(): Promise<void>;
  /** The notice the seed button imports. */
  seedFile: string;
  logger: Logger;
}
