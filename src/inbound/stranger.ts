import type { InboundEvent } from "../channels/channel.js";
import { LOCAL_CHANNEL } from "../channels/choose-channel.js";
import type { Person } from "../directory/people.js";
import type { Recipient } from "../directory/recipient.js";

/**
 * Someone the directory does not know, as the outbox can still address them: by the account they
 * wrote from, in the same person-id form the directory uses (`<channel>:<userid>`). The local
 * channel's ids are person ids already.
 */
export function stranger(event: Pick<InboundEvent, "channel" | "from">): Person {
  return {
    ...recipientFromPersonId(event.channel === LOCAL_CHANNEL ? event.from : `${event.channel}:${event.from}`),
    role: "contact",
  };
}

/**
 * A recipient for a person id that is not in the directory: `<channel>:<userid>` carries its
 * account in the id itself; a name id (`name:…`) or a local id reaches no platform.
 */
export function recipientFromPersonId(personId: string): Recipient {
  const [prefix, ...rest] = personId.split(":");
  const id = rest.join(":");
  if (prefix && prefix !== "name" && prefix !== "chat" && id)
    return { personId, name: id, accounts: { [prefix]: id } };
  return { personId, name: personId, accounts: {} };
}
