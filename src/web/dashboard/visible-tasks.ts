import type { UnitStanding } from "../../commands/office-overview.js";
import type { Viewer } from "../viewer.js";

/**
 * Whether the viewer may see a task (given its units' standings): an admin every task, a lead
 * leader the tasks they lead, a contact or head the tasks one of their units is assigned to. Roles
 * add up: a leader who is also a contact sees both sets.
 */
export function canSee(
  viewer: Viewer,
  task: { leaders: readonly string[] },
  units: readonly string[],
): boolean {
  if (viewer.roles.includes("admin")) return true;
  if (viewer.leaderName !== undefined && task.leaders.includes(viewer.leaderName)) return true;
  return units.some((unit) => viewer.units.includes(unit));
}

/** The standings of the tasks the viewer may see (every unit of such a task, not only theirs). */
export function visibleStandings(viewer: Viewer, standings: readonly UnitStanding[]): UnitStanding[] {
  const unitsOf = new Map<number, string[]>();
  for (const s of standings) unitsOf.set(s.task.no, [...(unitsOf.get(s.task.no) ?? []), s.unit]);
  const seen = new Map<number, boolean>();
  return standings.filter((s) => {
    let visible = seen.get(s.task.no);
    if (visible === undefined) {
      visible = canSee(viewer, s.task, unitsOf.get(s.task.no) ?? []);
      seen.set(s.task.no, visible);
    }
    return visible;
  });
}
