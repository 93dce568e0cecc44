import type { InboundEvent } from "../channels/channel.js";
import type { PeopleIndex, Person } from "../directory/people.js";
import type { Caller } from "./command-context.js";
import type { Role } from "./command-spec.js";

const ROLE_OF: Record<Person["role"], Exclude<Role, "unknown">> = {
  admin: "admin",
  leader: "leader",
  contact: "contact",
  head: "contact",
};
const TRUST_ORDER = ["admin", "leader", "contact"] as const;

/**
 * Every directory entry of the person `person` is one of, and the roles they give. The index
 * answers a platform id with one entry, but the same id may be a contact in two units, or a
 * leader who is also an admin: entries sharing the person id (derived from the platform ids) are
 * the same person.
 */
export function rolesOf(
  people: PeopleIndex,
  person: Person,
): { entries: Person[]; roles: Exclude<Role, "unknown">[] } {
  const entries = people.all().filter((p) => p.personId === person.personId);
  if (entries.length === 0) entries.push(person);
  const held = new Set(entries.map((p) => ROLE_OF[p.role]));
  return { entries, roles: TRUST_ORDER.filter((r) => held.has(r)) };
}

/** The caller of an event; `person` is whom the directory answered for its sender, if anyone. */
export function callerOf(
  people: PeopleIndex,
  event: Pick<InboundEvent, "channel" | "from">,
  person: Person | undefined,
): Caller {
  const where = { channel: event.channel, userId: event.from };
  if (!person) return { ...where, entries: [], roles: ["unknown"], actor: `${event.channel}:${event.from}` };
  const { entries, roles } = rolesOf(people, person);
  return { ...where, entries, roles, actor: person.personId };
}
