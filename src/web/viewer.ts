import { rolesOf } from "../commands/caller-roles.js";
import type { PeopleIndex } from "../directory/people.js";

/**
 * Who is looking at the web console (看板), as the directory knows them: what each person sees
 * follows their roles. An admin sees every task; a lead leader the tasks they lead (`leaderName`
 * is their name as the registry writes it under 牵头领导); a unit's contact or head the tasks of
 * their units. Roles combine: a leader who is also a unit's contact sees both sets.
 */
export interface Viewer {
  personId: string;
  name: string;
  roles: readonly ("admin" | "leader" | "contact")[];
  /** Units the person is a contact or head of. */
  units: readonly string[];
  /** Set for a lead leader. */
  leaderName?: string;
}

/** The viewer for a person id of the directory; undefined for someone it no longer lists. */
export function viewerFor(people: PeopleIndex, personId: string): Viewer | undefined {
  const person = people.byId(personId);
  if (!person) return undefined;
  const { entries, roles } = rolesOf(people, person);
  const units = [...new Set(entries.flatMap((e) => (e.unit === undefined ? [] : [e.unit])))];
  const leader = entries.find((e) => e.role === "leader");
  return {
    personId,
    name: person.name,
    roles,
    units,
    ...(leader ? { leaderName: leader.name } : {}),
  };
}
