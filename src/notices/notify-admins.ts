import type { ChannelName } from "../channels/channel.js";
import type { Person } from "../directory/people.js";
import type { Store } from "../store/store.js";

/**
 * Puts a plain-text notice to every admin in the outbox. `key` names the notice, so the same
 * notice is sent once however often the caller runs (e.g. once a day per calendar warning).
 */
export async function notifyAdmins(deps: {
  store: Pick<Store, "outbox">;
  admins: readonly Person[];
  channelFor: (person: Person) => ChannelName | undefined;
  key: string;
  text: string;
  now: Date;
}): Promise<number> {
  let enqueued = 0;
  for (const admin of deps.admins) {
    const channel = deps.channelFor(admin);
    if (!channel) continue;
    const { created } = await deps.store.outbox.enqueue({
      idempotencyKey: `${deps.key}/${admin.personId}`,
      channel,
      recipient: admin.personId,
      payload: { message: { kind: "text", text: deps.text }, meta: { kind: "admin-notice" } },
      notBefore: deps.now.toISOString(),
      createdAt: deps.now.toISOString(),
    });
    if (created) enqueued++;
  }
  return enqueued;
}
