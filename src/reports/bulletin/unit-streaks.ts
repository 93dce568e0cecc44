import type { UnitStanding } from "../../commands/office-overview.js";
import { byName } from "./rank-units.js";

/** A unit on time for `cycles` reporting cycles in a row, up to the day judged. */
export interface Streak {
  unit: string;
  cycles: number;
}

/**
 * Units whose every report was on time for at least `min` consecutive cycles, counting back from
 * the latest due date: a cycle is a due date of the unit (all its tasks' reports due that day), on
 * time when each of them came by then. Longest streak first, then the name.
 */
export function onTimeStreaks(standings: readonly UnitStanding[], min: number): Streak[] {
  const dues = new Map<string, Map<string, boolean>>();
  for (const standing of standings) {
    const ofUnit = dues.get(standing.unit) ?? new Map<string, boolean>();
    for (const due of standing.pastDues) ofUnit.set(due.due, (ofUnit.get(due.due) ?? true) && due.onTime);
    dues.set(standing.unit, ofUnit);
  }
  const streaks: Streak[] = [];
  for (const [unit, ofUnit] of dues) {
    const latestFirst = [...ofUnit.entries()].sort((a, b) => byName(b[0], a[0]));
    const broken = latestFirst.findIndex(([, onTime]) => !onTime);
    const cycles = broken === -1 ? latestFirst.length : broken;
    if (cycles >= min) streaks.push({ unit, cycles });
  }
  return streaks.sort((a, b) => b.cycles - a.cycles || byName(a.unit, b.unit));
}

/** Whether a unit stood badly: a red light or a report overdue on any of its tasks. */
function laggingUnits(standings: readonly UnitStanding[]): Set<string> {
  return new Set(
    standings.filter((s) => s.light.color === "red" || s.lateReport !== undefined).map((s) => s.unit),
  );
}

/**
 * 后进转先进: units that were red or had a report overdue at the previous period's end, and whose
 * every light is green (nothing overdue) now. By name.
 */
export function turnedGreen(previous: readonly UnitStanding[], current: readonly UnitStanding[]): string[] {
  const before = laggingUnits(previous);
  const notGreen = new Set(current.filter((s) => s.light.color !== "green").map((s) => s.unit));
  const now = new Set(current.map((s) => s.unit));
  const lagging = laggingUnits(current);
  return [...before].filter((u) => now.has(u) && !notGreen.has(u) && !lagging.has(u)).sort(byName);
}
