import type { Turn } from "../conversation/turn.js";

/**
 * Whether the person of the turn acts for the office rather than as the unit: an admin who is not
 * one of the unit's people. What they report for the unit is 代报 (findReportingUnit lets them).
 */
export function reportsForOffice(turn: Turn, unit: string): boolean {
  const { person } = turn;
  if (person.role !== "admin") return false;
  return !turn.deps.people.ofUnit(unit).some((p) => p.personId === person.personId);
}
