import type { Recipient } from "../channels/message.js";
import type { Directory } from "./directory.js";

/** Someone Duban writes to: a unit's contact or head, a lead leader, or an admin of the office. */
export interface Person extends Recipient {
  role: "contact" | "head" | "leader" | "admin";
  /** The unit, for contacts and heads. */
  unit?: string;
}

/**
 * A person's id: their WeCom user id, else their DingTalk user id, else their name within the
 * unit. Settings (snooze, away) are kept under it, so it must not change when a name is retyped.
 */
export function personIdOf(
  person: { name: string; wecomUserId?: string | undefined; dingtalkUserId?: string | undefined },
  scope: string,
): string {
  if (person.wecomUserId) return `wecom:${person.wecomUserId}`;
  if (person.dingtalkUserId) return `dingtalk:${person.dingtalkUserId}`;
  return `name:${scope}/${person.name}`;
}

function toPerson(
  entry: { name: string; wecomUserId?: string | undefined; dingtalkUserId?: string | undefined },
  role: Person["role"],
  scope: string,
  unit?: string,
): Person {
  return {
    personId: personIdOf(entry, scope),
    name: entry.name,
    role,
    ...(unit ? { unit } : {}),
    ...(entry.wecomUserId ? { wecomUserId: entry.wecomUserId } : {}),
    ...(entry.dingtalkUserId ? { dingtalkUserId: entry.dingtalkUserId } : {}),
  };
}

/** Everyone in the directory, contacts first, then leaders and admins. */
export function listPeople(directory: Directory): Person[] {
  return [
    ...directory.units.flatMap((unit) => unit.contacts.map((c) => toPerson(c, c.role, unit.name, unit.name))),
    ...directory.leaders.map((leader) => toPerson(leader, "leader", "leader")),
    ...directory.admins.map((admin) => toPerson(admin, "admin", "admin")),
  ];
}

/** People by unit, by leader name and by id, built once per directory. */
export interface PeopleIndex {
  ofUnit(unit: string, role?: "contact" | "head"): Person[];
  leader(name: string): Person | undefined;
  admins(): Person[];
  byId(personId: string): Person | undefined;
  /** The person a platform user id belongs to (for inbound messages). */
  byPlatformId(channel: "wecom" | "dingtalk" | "local", userId: string): Person | undefined;
  all(): Person[];
}

export function indexPeople(directory: Directory): PeopleIndex {
  const everyone = listPeople(directory);
  const byUnit = new Map<string, Person[]>();
  const byId = new Map<string, Person>();
  const byWecom = new Map<string, Person>();
  const byDingtalk = new Map<string, Person>();
  for (const person of everyone) {
    if (person.unit) byUnit.set(person.unit, [...(byUnit.get(person.unit) ?? []), person]);
    if (!byId.has(person.personId)) byId.set(person.personId, person);
    if (person.wecomUserId && !byWecom.has(person.wecomUserId)) byWecom.set(person.wecomUserId, person);
    if (person.dingtalkUserId && !byDingtalk.has(person.dingtalkUserId))
      byDingtalk.set(person.dingtalkUserId, person);
  }
  const leaders = new Map(everyone.filter((p) => p.role === "leader").map((p) => [p.name, p]));
  const admins = everyone.filter((p) => p.role === "admin");
  return {
    ofUnit: (unit, role) => (byUnit.get(unit) ?? []).filter((p) => role === undefined || p.role === role),
    leader: (name) => leaders.get(name),
    admins: () => admins,
    byId: (id) => byId.get(id),
    byPlatformId(channel, userId) {
      if (channel === "wecom") return byWecom.get(userId);
      if (channel === "dingtalk") return byDingtalk.get(userId);
      return byId.get(userId) ?? byWecom.get(userId) ?? byDingtalk.get(userId);
    },
    all: () => everyone,
  };
}
