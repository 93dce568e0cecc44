import type { Directory } from "./directory.js";
import type { Recipient } from "./recipient.js";

/** Someone Duban writes to: a unit's contact or head, a lead leader, or an admin of the office. */
export interface Person extends Recipient {
  role: "contact" | "head" | "leader" | "admin";
  /** The unit, for contacts and heads. */
  unit?: string;
}

type Accounts = Readonly<Record<string, string>>;

/**
 * A person's id: `<channel>:<account>` for their account on the first channel of `preferred`
 * that they have one on (else their first account as written), else their name within the unit.
 * Settings (snooze, away) and records are kept under it, so it must not change when a name is
 * retyped or a platform is turned on or off: `preferred` is the whole plugin table, in its order.
 */
export function personIdOf(
  person: { name: string; accounts: Accounts },
  scope: string,
  preferred: readonly string[] = [],
): string {
  const channel =
    preferred.find((name) => person.accounts[name] !== undefined) ?? Object.keys(person.accounts)[0];
  const account = channel === undefined ? undefined : person.accounts[channel];
  if (channel !== undefined && account !== undefined) return `${channel}:${account}`;
  return `name:${scope}/${person.name}`;
}

/** The same id for a group chat: `chat:<name>`. */
export const chatIdOf = (name: string): string => `chat:${name}`;

/** Everyone in the directory, contacts first, then leaders and admins. */
export function listPeople(directory: Directory, preferred: readonly string[] = []): Person[] {
  const toPerson = (
    entry: { name: string; accounts: Accounts },
    role: Person["role"],
    scope: string,
    unit?: string,
  ): Person => ({
    personId: personIdOf(entry, scope, preferred),
    name: entry.name,
    role,
    ...(unit ? { unit } : {}),
    accounts: entry.accounts,
  });
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
  /** The person an account on a channel belongs to (for inbound messages). */
  byAccount(channel: string, userId: string): Person | undefined;
  /** A group chat of the directory, by name or by id (`chat:<name>`). */
  chat(nameOrId: string): Recipient | undefined;
  all(): Person[];
}

/**
 * Indexes the directory. `preferred`: every channel of the plugin table, in its order, which
 * person ids are made from (personIdOf). On the local channel a person writes as their person id (or as any of
 * their accounts).
 */
export function indexPeople(directory: Directory, preferred: readonly string[] = []): PeopleIndex {
  const everyone = listPeople(directory, preferred);
  const byUnit = new Map<string, Person[]>();
  const byId = new Map<string, Person>();
  const byAccount = new Map<string, Person>();
  /** The local channel stands in for every platform: a person may write as any of their accounts. */
  const byAnyAccount = new Map<string, Person>();
  const accountKey = (channel: string, userId: string) => `${channel}\u0000${userId}`;
  for (const person of everyone) {
    if (person.unit) byUnit.set(person.unit, [...(byUnit.get(person.unit) ?? []), person]);
    if (!byId.has(person.personId)) byId.set(person.personId, person);
    for (const [channel, userId] of Object.entries(person.accounts)) {
      const key = accountKey(channel, userId);
      if (!byAccount.has(key)) byAccount.set(key, person);
      if (!byAnyAccount.has(userId)) byAnyAccount.set(userId, person);
    }
  }
  const chats = new Map<string, Recipient>();
  for (const chat of directory.chats ?? []) {
    const recipient: Recipient = {
      personId: chatIdOf(chat.name),
      name: chat.name,
      accounts: chat.accounts,
      group: true,
    };
    chats.set(chat.name, recipient);
    chats.set(recipient.personId, recipient);
  }
  const leaders = new Map(everyone.filter((p) => p.role === "leader").map((p) => [p.name, p]));
  const admins = everyone.filter((p) => p.role === "admin");
  return {
    ofUnit: (unit, role) => (byUnit.get(unit) ?? []).filter((p) => role === undefined || p.role === role),
    leader: (name) => leaders.get(name),
    admins: () => admins,
    byId: (id) => byId.get(id),
    byAccount: (channel, userId) =>
      byAccount.get(accountKey(channel, userId)) ??
      (channel === "local" ? (byId.get(userId) ?? byAnyAccount.get(userId)) : undefined),
    chat: (nameOrId) => chats.get(nameOrId),
    all: () => everyone,
  };
}
