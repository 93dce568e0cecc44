import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import type { PeopleIndex, Person } from "../directory/people.js";
import type { Job } from "../scheduler/job.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";
import { createCalendarWarningJob } from "./calendar-warning-job.js";

/** The office's own notices: the morning check that the working-day calendar is complete. */
export function noticeJobs(deps: {
  store: Store;
  calendar: WorkCalendar;
  people: PeopleIndex;
  channelFor: (person: Person) => ChannelName | undefined;
  logger: Logger;
}): Job[] {
  return [
    createCalendarWarningJob({
      store: deps.store,
      calendar: deps.calendar,
      admins: () => deps.people.admins(),
      channelFor: deps.channelFor,
      logger: deps.logger,
    }),
  ];
}
