import type { ChannelName } from "../../channels/channel.js";
import type { OutboundMessage } from "../../channels/message.js";
import type { Recipient } from "../../directory/recipient.js";
import type { Store } from "../../store/store.js";
import type { ComposedDigest } from "./compose-digest.js";

/**
 * Puts one leader's digest in the outbox for each recipient (the leader, their group chats), part
 * by part, keyed `digest/<week>/<leader>/<recipient>/<part>`: a week's digest is sent once however
 * often the job runs. A recipient whose first part is already there is left alone, so a rerun
 * whose data changed never adds a stray part. The one place a digest is enqueued: its chart
 * (`chart`, an image) goes after the text, keyed `…/chart`, to recipients whose channel shows images.
 */
export async function enqueueDigest(
  deps: {
    store: Pick<Store, "outbox">;
    channelFor: (recipient: Recipient) => ChannelName | undefined;
    canSendMedia: (recipient: Recipient, kind: "image") => boolean;
  },
  composed: ComposedDigest,
  recipients: readonly Recipient[],
  now: Date,
  chart?: OutboundMessage,
): Promise<{ enqueued: number; unreachable: string[] }> {
  const { digest, parts } = composed;
  let enqueued = 0;
  const unreachable: string[] = [];
  for (const recipient of recipients) {
    const channel = deps.channelFor(recipient);
    if (!channel) {
      unreachable.push(recipient.name);
      continue;
    }
    const messages: { part: string; message: OutboundMessage }[] = parts.map((text, index) => ({
      part: String(index + 1),
      message: { kind: "text", text },
    }));
    if (chart && deps.canSendMedia(recipient, "image")) messages.push({ part: "chart", message: chart });
    for (const [index, { part, message }] of messages.entries()) {
      const { created } = await deps.store.outbox.enqueue({
        idempotencyKey: `digest/${digest.week}/${digest.leader}/${recipient.personId}/${part}`,
        channel,
        recipient: recipient.personId,
        payload: {
          message,
          meta: { kind: "digest", leader: digest.leader, week: digest.week, part },
        },
        notBefore: now.toISOString(),
        createdAt: now.toISOString(),
      });
      if (!created && index === 0) break;
      if (created) enqueued++;
    }
  }
  return { enqueued, unreachable };
}
