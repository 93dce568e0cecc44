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
 * chat, then stored and handled as a platform's callback is. False when the store could not take
 * it: the caller answers 503, so the sender tries again, as a platform would.
 */
export async function receiveLocalEvent(deps: LocalInboundDeps, event: InboundEvent): Promise<boolean> {
  // Noted first, so the chat shows it before the answer it gets; taken back if it was not stored.
  const takeBack = deps.channel.noteHeard(event);
  try {
    await deps.inbox.receive(event);
  } catch {
    takeBack();
    return false;
  }
  deps.onReceived?.();
  return true;
}
