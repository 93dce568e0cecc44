import type { InboundEvent } from "../channels/channel.js";
import type { Recipient } from "../channels/message.js";
import type { Person } from "../directory/people.js";

/**
 * Someone the directory does not know, as the outbox can still address them: by the platform id
 * they wrote from, in the same person-id form the directory uses (wecom:<userid>). The local
 * channel's ids are person ids already.
 */
export function stranger(event: Pick<InboundEvent, "channel" | "from">): Person {
  return {
    ...recipientFromPersonId(event.channel === "local" ? event.from : `${event.channel}:${event.from}`),
    role: "contact",
  };
}

/** A recipient for a person id that is not in the directory: its platform id is in the id itself. */
export function recipientFromPersonId(personId: string): Recipient {
  const [prefix, ...rest] = personId.split(":");
  const id = rest.join(":");
  if (prefix === "wecom" && id) return { personId, name: id, wecomUserId: id };
  if (prefix === "dingtalk" && id) return { personId, name: id, dingtalkUserId: id };
  return { personId, name: personId };
}
