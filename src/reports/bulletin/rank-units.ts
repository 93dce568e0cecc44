import type { UnitStanding } from "../../commands/office-overview.js";
import type { PaceGap } from "./pace-gap.js";

/** A unit's reporting in the period: the reports due in it, and how many came by their due date. */
export interface OnTimeRank {
  unit: string;
  due: number;
  onTime: number;
  /** onTime / due, 0–1. */
  rate: number;
}

/** A unit's pace: the mean of its numeric host parts' shares and gaps to 序时进度. */
export interface PaceRank {
  unit: string;
  parts: number;
  /** Mean share of target, in percent. */
  share: number;
  /** Mean 序时进度, in percent. */
  pace: number;
  /** Mean share − pace, in percentage points. */
  points: number;
}

/** Units in ranking order, and those with nothing to rank them on (listed apart, by name). */
export interface Ranking<T> {
  ranked: T[];
  none: string[];
}

/** The same order for every run: names compared by code point, not by the host's locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Units by the share of their reports due in the period (from `start`; every one before the day
 * judged) that came by their due date, across all their tasks. Ties: more reports due first,
 * then the name. A unit with no report due in the period is listed apart.
 */
export function rankOnTime(standings: readonly UnitStanding[], start: string): Ranking<OnTimeRank> {
  const units = new Map<string, { due: number; onTime: number }>();
  for (const standing of standings) {
    const entry = units.get(standing.unit) ?? { due: 0, onTime: 0 };
    for (const due of standing.pastDues)
      if (due.due >= start) {
        entry.due++;
        if (due.onTime) entry.onTime++;
      }
    units.set(standing.unit, entry);
  }
  const ranked: OnTimeRank[] = [];
  const none: string[] = [];
  for (const [unit, { due, onTime }] of units)
    if (due === 0) none.push(unit);
    else ranked.push({ unit, due, onTime, rate: onTime / due });
  ranked.sort((a, b) => b.rate - a.rate || b.due - a.due || byName(a.unit, b.unit));
  return { ranked, none: none.sort(byName) };
}

/**
 * Units by how far their numeric host parts are ahead of 序时进度 on average (paceGap: the least
 * advanced measure of each part). Ties: more parts first, then the name. A unit with no number
 * reported on a host part is listed apart.
 */
export function rankPace(
  standings: readonly UnitStanding[],
  gap: (standing: UnitStanding) => PaceGap | undefined,
): Ranking<PaceRank> {
  const units = new Map<string, PaceGap[]>();
  for (const standing of standings) {
    const gaps = units.get(standing.unit) ?? [];
    const found = gap(standing);
    if (found) gaps.push(found);
    units.set(standing.unit, gaps);
  }
  const ranked: PaceRank[] = [];
  const none: string[] = [];
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  for (const [unit, gaps] of units)
    if (gaps.length === 0) none.push(unit);
    else
      ranked.push({
        unit,
        parts: gaps.length,
        share: mean(gaps.map((g) => g.share)),
        pace: mean(gaps.map((g) => g.pace)),
        points: mean(gaps.map((g) => g.points)),
      });
  ranked.sort((a, b) => b.points - a.points || b.parts - a.parts || byName(a.unit, b.unit));
  return { ranked, none: none.sort(byName) };
}

export { byName };
