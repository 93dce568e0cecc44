import type { PeopleIndex, Person } from "../directory/people.js";

/** A person the playground lets one act as, in the order the picker lists them. */
export interface PickablePerson {
  id: string;
  name: string;
  role: Person["role"];
  unit?: string;
}

/** The admins, then the lead leaders, then each unit's contacts and heads, in directory order. */
export function pickablePeople(people: PeopleIndex): PickablePerson[] {
  return people
    .all()
    .map((person, index) => ({ person, index }))
    .sort((a, b) => groupOf(a.person) - groupOf(b.person) || a.index - b.index)
    .map(({ person }) => ({
      id: person.personId,
      name: person.name,
      role: person.role,
      ...(person.unit !== undefined ? { unit: person.unit } : {}),
    }));
}

/** Admins, leaders, then units (contacts and heads together, as the directory lists each unit). */
function groupOf(person: Person): number {
  return person.role === "admin" ? 0 : person.role === "leader" ? 1 : 2;
}
