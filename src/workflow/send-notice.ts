import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";

/**
 * Puts a plain-text notice to each person in the outbox, keyed `<key>/<person>` so a handler that
 * runs again sends nothing twice. Not immediate: notices wait for the sending hours, as the
 * decision cards do. Returns how many were new.
 */
export async function sendNotice(
  turn: Turn,
  to: readonly Person[],
  notice: { key: string; text: string; meta: Record<string, string | number> },
): Promise<number> {
  let sent = 0;
  for (const person of to) {
    const channel = turn.deps.channelFor(person);
    if (!channel) continue;
    const { created } = await turn.deps.store.outbox.enqueue({
      idempotencyKey: `${notice.key}/${person.personId}`,
      channel,
      recipient: person.personId,
      payload: { message: { kind: "text", text: notice.text }, meta: notice.meta },
      notBefore: turn.at,
      createdAt: turn.at,
    });
    if (created) sent++;
  }
  return sent;
}
