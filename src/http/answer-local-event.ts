import type Koa from "koa";
import type { InboundEvent } from "../channels/channel.js";
import type { LocalChannel } from "../channels/local/local-channel.js";
import type { Inbox } from "../inbound/inbox-processor.js";

export interface LocalInboundDeps {
  channel: Pick<LocalChannel, "noteHeard">;
  /** Where the event goes: stored first, then handled, as a platform's callback is. */
  inbox: Pick<Inbox, "receive">;
  /** Called once the event has been handled (the app wakes the dispatcher). */
  onReceived?: () => void;
}

/**
 * What a person "sent" on the local channel (POST /dev/inbound, the playground): noted for their
 * chat, then stored and handled as a platform's callback is, and answered once handled (so the
 * caller can read the answer right away): 202 with the event's id, or 503 when the store could not
 * take it, so that the sender tries again, as a platform would.
 */
export async function answerLocalEvent(
  ctx: Koa.Context,
  deps: LocalInboundDeps,
  event: InboundEvent,
): Promise<void> {
  // Noted first, so the chat shows it before the answer it gets; taken back if it was not stored.
  const takeBack = deps.channel.noteHeard(event);
  try {
    await deps.inbox.receive(event);
  } catch {
    takeBack();
    ctx.status = 503;
    ctx.body = { error: "the event could not be stored: send it again" };
    return;
  }
  deps.onReceived?.();
  ctx.status = 202;
  ctx.body = { eventId: event.eventId };
}
