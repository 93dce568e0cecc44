import { calendarWarnings } from "../calendar/calendar-warnings.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import type { Person } from "../directory/people.js";
import type { Job, JobReport } from "../scheduler/job.js";
import { businessDate } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";
import { notifyAdmins } from "./notify-admins.js";

/**
 * Every morning: tells the admins when the working-day calendar lacks this year's arrangement
 * (Monday–Friday is assumed, loudly) or, from 1 December, next year's. Once a day per warning.
 */
export function createCalendarWarningJob(deps: {
  store: Pick<Store, "outbox">;
  calendar: WorkCalendar;
  admins: () => readonly Person[];
  channelFor: (person: Person) => ChannelName | undefined;
  logger: Logger;
}): Job {
  return {
    name: "calendar-warnings",
    cron: "5 8 * * *",
    async run(now): Promise<JobReport> {
      const warnings = calendarWarnings(deps.calendar, now);
      let enqueued = 0;
      for (const warning of warnings) {
        deps.logger.warn("working-day calendar incomplete", { code: warning.code, year: warning.year });
        enqueued += await notifyAdmins({
          store: deps.store,
          admins: deps.admins(),
          channelFor: deps.channelFor,
          key: `calendar/${warning.code}/${warning.year}/${businessDate(now)}`,
          text: warning.text,
          now,
        });
      }
      return { warnings: warnings.length, enqueued };
    },
  };
}
