import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { InboundEvent } from "../channels/channel.js";
import type { PeopleIndex } from "../directory/people.js";
import { businessDate } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";

export interface InboundDeps {
  store: Store;
  people: PeopleIndex;
  calendar: WorkCalendar;
  logger: Logger;
  /** When a snooze ends: this time on the next working day. */
  snoozeUntilTime: string;
}

/** Platforms deliver a callback up to four times; a week outlives every retry and replay window. */
const DEDUPE_TTL_MS = 7 * 24 * 3600_000;

/**
 * The one entry point for what people send, whatever the channel. Each platform event is
 * handled once (claimOnce on its event id). Handles 明天再提醒 (snooze); progress replies and the
 * workflow buttons are handled by the progress feature.
 */
export function createInboundHandler(deps: InboundDeps) {
  return async (event: InboundEvent): Promise<void> => {
    if (!(await deps.store.claimOnce(`inbound:${event.channel}:${event.eventId}`, DEDUPE_TTL_MS))) {
      deps.logger.info("duplicate delivery ignored", { channel: event.channel, eventId: event.eventId });
      return;
    }
    const person = deps.people.byPlatformId(event.channel, event.from);
    if (event.kind === "card-action" && event.actionKey === "snooze" && person) {
      const card = await deps.store.cards.get(event.cardId);
      const date = deps.calendar.nextWorkingDay(businessDate(new Date(event.at)));
      const until = `${date}T${deps.snoozeUntilTime}:00+08:00`;
      const current = (await deps.store.people.get(person.personId)) ?? {};
      await deps.store.people.put(person.personId, { ...current, snoozeUntil: until });
      await deps.store.audit.append({
        at: event.at,
        actor: person.personId,
        action: "reminder.snoozed",
        ...(card ? { taskNo: card.taskNo, unit: card.unit } : {}),
        details: { until, cardId: event.cardId },
      });
      return;
    }
    deps.logger.info("inbound event not handled yet", { kind: event.kind, channel: event.channel });
  };
}
