import { isoWeekKey } from "../../calendar/iso-date.js";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import type { ChannelName } from "../../channels/channel.js";
import type { ChannelLimits } from "../../channels/channel-limits.js";
import type { Settings } from "../../config/settings.js";
import type { Directory } from "../../directory/directory.js";
import type { PeopleIndex } from "../../directory/people.js";
import type { Recipient } from "../../directory/recipient.js";
import { beforeTimeOfDay, dailyCron } from "../../scheduler/daily-cron.js";
import type { Job, JobReport } from "../../scheduler/job.js";
import { businessDate } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { Store } from "../../store/store.js";
import type { KeptStandings } from "./collect-digest.js";
import { composeDigests } from "./compose-digest.js";
import { digestChartMessage } from "./digest-chart.js";
import { digestDay } from "./digest-week.js";
import { enqueueDigest } from "./enqueue-digest.js";

export interface DigestJobDeps {
  store: Store;
  directory: Directory;
  people: PeopleIndex;
  calendar: WorkCalendar;
  settings: Settings;
  /** The strictest limits of the running channels: a leader's chats may be on another platform. */
  limits: ChannelLimits;
  channelFor: (recipient: Recipient) => ChannelName | undefined;
  canSendMedia: (recipient: Recipient, kind: "image") => boolean;
  /** Whether to draw the pace chart (`duban simulate` does not: it counts what is sent, fast). */
  charts: boolean;
  logger: Logger;
}

/**
 * Every day at the digest time (settings.digest.time, Beijing): on the first working day of the
 * ISO week, each leader of the directory who leads a task gets the week's digest, and so do the
 * group chats configured for them. Other days it does nothing, so a week starting with a holiday
 * (清明, Monday 5 April 2021) gets its digest on the Tuesday.
 */
export function createDigestJob(deps: DigestJobDeps): Job {
  // The last week's standings at its send instant: this week's light changes are counted from them.
  let kept: KeptStandings | undefined;
  return {
    name: "leader-digest",
    cron: dailyCron(deps.settings.digest.time),
    async run(now): Promise<JobReport> {
      if (!deps.settings.digest.enabled) return { skipped: "disabled" };
      const date = businessDate(now);
      const week = isoWeekKey(date);
      if (digestDay(deps.calendar, week) !== date) return { skipped: "not-digest-day", week };
      if (beforeTimeOfDay(now, deps.settings.digest.time)) return { skipped: "before-time", week };
      const leaders = deps.directory.leaders.map((leader) => leader.name);
      const result = await composeDigests(deps, { leaders, week }, deps.limits, kept);
      if (result.status !== "composed") return { skipped: result.status, week };
      kept = result.kept;
      let sent = 0;
      let enqueued = 0;
      for (const composed of result.digests) {
        if (composed.parts.length === 0) continue;
        const { leader } = composed.digest;
        const recipients = recipientsOf(deps, leader);
        const chart =
          deps.charts && recipients.some((r) => deps.canSendMedia(r, "image"))
            ? await digestChartMessage(composed.digest, deps.logger)
            : undefined;
        const outcome = await enqueueDigest(deps, composed, recipients, now, chart);
        if (outcome.unreachable.length > 0)
          deps.logger.warn("digest recipients no channel reaches", {
            leader,
            week,
            recipients: outcome.unreachable,
          });
        sent++;
        enqueued += outcome.enqueued;
      }
      return { week, leaders: sent, enqueued };
    },
  };
}

/** The leader, and the group chats settings.digest.chats names for them that the directory has. */
function recipientsOf(deps: DigestJobDeps, leader: string): Recipient[] {
  const person = deps.people.leader(leader);
  const chats = (deps.settings.digest.chats[leader] ?? []).flatMap((name) => {
    const chat = deps.people.chat(name);
    if (!chat) deps.logger.warn("digest chat not in the directory", { leader, chat: name });
    return chat ? [chat] : [];
  });
  return [...(person ? [person] : []), ...chats];
}

/** The weekly digest's job, for the composition root. */
export function digestJobs(deps: DigestJobDeps): Job[] {
  return [createDigestJob(deps)];
}
