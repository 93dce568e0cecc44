import type { PeopleIndex, Person } from "../../directory/people.js";
import { messages } from "../../templates/template-store.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");

/**
 * Someone in the directory by name (李四), or, where two people share a name, by an account or the
 * person id (wecom:lisi, lisi). One person holding several entries (a contact of two units) is
 * one. Unknown: refused with the name as written; shared: refused with each one's units and id.
 */
export function readPerson(written: string, people: PeopleIndex): ArgResult<Person> {
  const word = written.normalize("NFKC").trim();
  const found = new Map<string, Person>();
  for (const person of people.all())
    if (person.name === word || person.personId === word || Object.values(person.accounts).includes(word))
      if (!found.has(person.personId)) found.set(person.personId, person);
  const [only, ...others] = found.values();
  if (!only) return reject("unknown-person", m("argUnknownPerson", { written: word }));
  if (others.length === 0) return accept(only);
  const candidates = [only, ...others].map((p) =>
    m("personWithId", { who: describePerson(people, p), id: p.personId }),
  );
  return reject(
    "ambiguous-person",
    m("argAmbiguousPerson", {
      written: word,
      candidates: candidates.join(m("listSeparator")),
      example: only.personId,
    }),
  );
}

/** "孙海燕（区人社局负责人）", "寇宁（牵头领导）": the person with what the directory says they are. */
export function describePerson(people: PeopleIndex, person: Person): string {
  const roles = people
    .all()
    .filter((p) => p.personId === person.personId)
    .map((p) =>
      p.role === "contact"
        ? m("roleOfContact", { unit: p.unit ?? "" })
        : p.role === "head"
          ? m("roleOfHead", { unit: p.unit ?? "" })
          : p.role === "leader"
            ? m("roleOfLeader")
            : m("roleOfAdmin"),
    );
  return m("personDescribed", { name: person.name, roles: roles.join(m("listSeparator")) });
}
