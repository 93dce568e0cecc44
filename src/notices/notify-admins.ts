import type { ChannelName } from "../channels/channel.js";
import type { OutboundMessage } from "../channels/message.js";
import type { Recipient } from "../directory/recipient.js";
import type { Store } from "../store/store.js";

/**
 * Puts a plain-text notice to every admin in the outbox. `key` names the notice, so the same
 * notice is sent once however often the caller runs (e.g. once a day per calendar warning).
 * The admins may be any recipients, e.g. the group chats a bulletin's summary also goes to;
 * `kind` labels the message in the outbox (admin-notice by default). `message` sends something
 * other than text (a chart), to the recipients `accepts` lets through.
 */
export async function notifyAdmins<R extends Recipient>(
  deps: {
    store: Pick<Store, "outbox">;
    admins: readonly R[];
    channelFor: (recipient: R) => ChannelName | undefined;
    key: string;
    now: Date;
    kind?: string;
    accepts?: (recipient: R) => boolean;
  } & ({ text: string } | { message: OutboundMessage }),
): Promise<number> {
  const message: OutboundMessage = "message" in deps ? deps.message : { kind: "text", text: deps.text };
  let enqueued = 0;
  for (const admin of deps.admins) {
    const channel = deps.channelFor(admin);
    if (!channel || deps.accepts?.(admin) === false) continue;
    const { created } = await deps.store.outbox.enqueue({
      idempotencyKey: `${deps.key}/${admin.personId}`,
      channel,
      recipient: admin.personId,
      payload: {
        message,
        meta: { kind: deps.kind ?? "admin-notice" },
      },
      notBefore: deps.now.toISOString(),
      createdAt: deps.now.toISOString(),
    });
    if (created) enqueued++;
  }
  return enqueued;
}
