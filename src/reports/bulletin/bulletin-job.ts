import type { WorkCalendar } from "../../calendar/work-calendar.js";
import type { ChannelName } from "../../channels/channel.js";
import type { Settings } from "../../config/settings.js";
import type { Directory } from "../../directory/directory.js";
import type { PeopleIndex } from "../../directory/people.js";
import type { Recipient } from "../../directory/recipient.js";
import { notifyAdmins } from "../../notices/notify-admins.js";
import { beforeTimeOfDay, dailyCron } from "../../scheduler/daily-cron.js";
import type { Job, JobReport } from "../../scheduler/job.js";
import { businessDate } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { Store } from "../../store/store.js";
import { messages } from "../../templates/template-store.js";
import { sectionLightsImage } from "../charts/chart-images.js";
import { chartMessage } from "../charts/chart-message.js";
import { type BulletinPeriod, periodOf, previousPeriod } from "./bulletin-period.js";
import { bulletinSummary } from "./bulletin-summary.js";
import { periodInWords } from "./bulletin-words.js";
import { collectBulletin } from "./collect-bulletin.js";
import { sectionLights } from "./section-lights.js";

/**
 * A service that was down on the first working day after a period still sends the summary on
 * the next ones, up to this many working days after the period's end; later it would be stale.
 */
const CATCH_UP_WORKING_DAYS = 3;
const m = messages("bulletin");

/**
 * The period whose summary is due on `today`: the quarter (or month) that ended, when today is
 * one of the first working days after its end; undefined on any other day.
 */
export function periodDue(
  today: string,
  every: Settings["bulletin"]["every"],
  calendar: Pick<WorkCalendar, "isWorkingDay" | "workingDaysBetween">,
): BulletinPeriod | undefined {
  if (!calendar.isWorkingDay(today)) return undefined;
  const ended = previousPeriod(periodOf(every === "monthly" ? "month" : "quarter", today));
  const after = calendar.workingDaysBetween(ended.end, today);
  return after >= 1 && after <= CATCH_UP_WORKING_DAYS ? ended : undefined;
}

/**
 * Whether every recipient a channel reaches (one at least) has the period's summary in the outbox already, and
 * its chart where charts are drawn and the channel shows images (notifyAdmins' keys).
 */
async function allSent(
  deps: {
    store: Pick<Store, "outbox">;
    channelFor: (recipient: Recipient) => ChannelName | undefined;
    canSendMedia: (recipient: Recipient, kind: "image") => boolean;
    charts?: boolean;
  },
  key: string,
  recipients: readonly Recipient[],
): Promise<boolean> {
  let reached = 0;
  for (const recipient of recipients) {
    if (!deps.channelFor(recipient)) continue;
    reached++;
    if ((await deps.store.outbox.findIdByKey(`${key}/${recipient.personId}`)) === undefined) return false;
    const chart = deps.charts !== false && deps.canSendMedia(recipient, "image");
    if (chart && (await deps.store.outbox.findIdByKey(`${key}/chart/${recipient.personId}`)) === undefined)
      return false;
  }
  // Nobody to send to: the run goes on, to say so as it always has.
  return reached > 0;
}

/**
 * Every day at `bulletin.time`: on the first working day after a quarter (or month) ends, the
 * bulletin's summary to the admins (with how to write the .docx draft) and to the configured
 * group chats. Once per period and recipient (the outbox's idempotency key), however often it runs.
 */
export function createBulletinJob(deps: {
  store: Store;
  directory: Directory;
  people: PeopleIndex;
  calendar: WorkCalendar;
  settings: Settings;
  channelFor: (recipient: Recipient) => ChannelName | undefined;
  /** Whether the recipient's channel shows images (else the chart is not sent: the text says it all). */
  canSendMedia: (recipient: Recipient, kind: "image") => boolean;
  /** Whether to draw the chart (`duban simulate` does not). */
  charts?: boolean;
  logger: Logger;
}): Job {
  const { settings, people, logger } = deps;
  return {
    name: "bulletin-summary",
    cron: dailyCron(settings.bulletin.time),
    async run(now): Promise<JobReport> {
      const today = businessDate(now);
      if (beforeTimeOfDay(now, settings.bulletin.time)) return { due: false };
      const period = periodDue(today, settings.bulletin.every, deps.calendar);
      if (!period) return { due: false };
      const chats: Recipient[] = [];
      for (const name of settings.bulletin.chats) {
        const chat = people.chat(name);
        if (chat) chats.push(chat);
        else logger.warn("bulletin chat not in the directory's chats", { chat: name });
      }
      const key = `bulletin/${period.key}`;
      // The days after the first catch up only what it could not send: when every recipient has
      // the summary (and the chart), judging the whole office again would enqueue nothing.
      if (await allSent(deps, key, [...people.admins(), ...chats]))
        return { due: true, period: period.key, enqueued: 0, charts: 0 };
      const bulletin = await collectBulletin(deps, { period, today });
      if (!bulletin) return { due: true, registry: false };
      const common = { store: deps.store, channelFor: deps.channelFor, now, kind: "bulletin-summary" };
      const toAdmins = await notifyAdmins({
        ...common,
        admins: people.admins(),
        key,
        text: bulletinSummary(bulletin, { forAdmins: true }),
      });
      const toChats = await notifyAdmins({
        ...common,
        admins: chats,
        key,
        text: bulletinSummary(bulletin, { forAdmins: false }),
      });
      // The lights per section as a chart, after the summary, to whoever can see images.
      const chart =
        deps.charts === false
          ? undefined
          : await chartMessage(
              () =>
                sectionLightsImage(
                  sectionLights(bulletin),
                  m("chartTitle", { period: periodInWords(period) }),
                ),
              {
                fileName: m("chartFile", { key: period.key }),
                caption: m("chartCaption", { period: periodInWords(period) }),
                logger,
              },
            );
      let charts = 0;
      if (chart)
        charts = await notifyAdmins({
          ...common,
          admins: [...people.admins(), ...chats],
          key: `${key}/chart`,
          message: chart,
          accepts: (recipient) => deps.canSendMedia(recipient, "image"),
        });
      return { due: true, period: period.key, enqueued: toAdmins + toChats, charts };
    },
  };
}
