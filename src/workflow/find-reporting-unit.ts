import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import type { TaskContext } from "./task-context.js";

/**
 * The unit of the task a person answers for, or undefined when they may not answer for it
 * (issue 5, §4). A unit's contacts (and its head) answer for their unit; so does the substitute
 * of a contact who is away; the office's admins may answer for any unit. `preferred` is the unit
 * of the card clicked; otherwise the person's own unit, host units first.
 */
export async function findReportingUnit(
  turn: Turn,
  context: TaskContext,
  preferred?: string,
): Promise<string | undefined> {
  const { person } = turn;
  const units = context.assignments
    .filter((a) => preferred === undefined || a.unit === preferred)
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "host" ? -1 : 1))
    .map((a) => a.unit);
  const own = units.find((unit) => isMember(turn, unit, person));
  if (own) return own;
  for (const unit of units) if (await standsIn(turn, unit)) return unit;
  return person.role === "admin" ? units[0] : undefined;
}

function isMember(turn: Turn, unit: string, person: Person): boolean {
  return turn.deps.people.ofUnit(unit).some((p) => p.personId === person.personId);
}

/** Whether the person is, today, the substitute of one of the unit's contacts who is away. */
async function standsIn(turn: Turn, unit: string): Promise<boolean> {
  for (const contact of turn.deps.people.ofUnit(unit)) {
    const settings = await turn.deps.store.people.get(contact.personId);
    if (
      settings?.substitute === turn.person.personId &&
      settings.awayUntil &&
      turn.date <= settings.awayUntil &&
      (settings.awayFrom === undefined || turn.date >= settings.awayFrom)
    )
      return true;
  }
  return false;
}
