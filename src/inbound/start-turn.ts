import type { InboundEvent } from "../channels/channel.js";
import type { OutboxPayload } from "../delivery/outbox-payload.js";
import type { Person } from "../directory/people.js";
import { businessDate } from "../shared/clock.js";
import type { InboundDeps, Turn } from "./inbound-deps.js";

/** The turn for one event: its time, and answers keyed `answer/<channel>/<event id>/<n>`. */
export function startTurn(deps: InboundDeps, event: InboundEvent, person: Person): Turn {
  const at = new Date(event.at).toISOString();
  let n = 0;
  return {
    deps,
    event,
    person,
    at,
    date: businessDate(new Date(at)),
    async answer(text) {
      const payload: OutboxPayload = {
        message: { kind: "text", text },
        immediate: true,
        meta: { kind: "answer", event: event.eventId },
      };
      await deps.store.outbox.enqueue({
        idempotencyKey: `answer/${event.channel}/${event.eventId}/${++n}`,
        channel: event.channel,
        recipient: person.personId,
        payload,
        notBefore: at,
        createdAt: at,
      });
    },
  };
}
