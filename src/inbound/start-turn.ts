import type { InboundEvent } from "../channels/channel.js";
import type { OutboundMessage } from "../channels/message.js";
import type { InboundDeps, Turn } from "../conversation/turn.js";
import type { OutboxPayload } from "../delivery/outbox-payload.js";
import type { Person } from "../directory/people.js";
import { businessDate } from "../shared/clock.js";

/**
 * The turn for one event: its time, and answers keyed `answer/<channel>/<event id>/<n>`. What the
 * handlers log carries the event and the person, so a line can be traced to who sent what.
 */
export function startTurn(deps: InboundDeps, event: InboundEvent, person: Person): Turn {
  const at = new Date(event.at).toISOString();
  const logger = deps.logger.child({
    channel: event.channel,
    eventId: event.eventId,
    person: person.personId,
  });
  let n = 0;
  return {
    deps: { ...deps, logger },
    event,
    person,
    at,
    date: businessDate(new Date(at)),
    async answer(text) {
      await enqueue({ kind: "text", text });
      logger.debug("answer queued", { n, text });
    },
    async answerMedia(media) {
      await enqueue(media);
      logger.debug("answer queued", { n, kind: media.kind, fileName: media.fileName });
    },
  };

  async function enqueue(message: OutboundMessage): Promise<void> {
    const payload: OutboxPayload = {
      message,
      immediate: true,
      meta: { kind: "answer", event: event.eventId },
    };
    await deps.store.outbox.enqueue({
      idempotencyKey: `${answerKeyPrefix(event)}${++n}`,
      channel: event.channel,
      recipient: person.personId,
      payload,
      notBefore: at,
      createdAt: at,
    });
  }
}

/** What the keys of an event's answers begin with: they belong to that event alone. */
export function answerKeyPrefix(event: Pick<InboundEvent, "channel" | "eventId">): string {
  return `answer/${event.channel}/${event.eventId}/`;
}
