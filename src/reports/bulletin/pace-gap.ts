import type { WorkCalendar } from "../../calendar/work-calendar.js";
import type { UnitStanding } from "../../commands/office-overview.js";
import { unitMeasures } from "../../lights/assess-unit.js";
import { computePace } from "../../lights/compute-pace.js";

/** A host unit's numeric progress against 序时进度 on `date`, from the measures its light reads. */
export interface PaceGap {
  /** The least advanced measure's share of its target, 0–100 and beyond. */
  share: number;
  /** 序时进度 for the unit's deadline in force. */
  pace: number;
  /** share − pace, in percentage points: above 0 is ahead. */
  points: number;
}

/**
 * The least advanced of the unit's measures (indicators reported, percent complete) against
 * 序时进度, as the light compares them; a part the office closed (已办结) counts as at least 100%.
 * Undefined for a co-unit (pace is the host's) and for a part with no number reported.
 */
export function paceGap(
  standing: UnitStanding,
  context: { date: string; year: number; calendar: Pick<WorkCalendar, "workingDaysBetween"> },
): PaceGap | undefined {
  if (standing.role !== "host") return undefined;
  const { measures } = unitMeasures(standing.view);
  if (measures.length === 0) return undefined;
  const least = Math.min(...measures.map((m) => m.share));
  const share = standing.view.state === "completed" ? Math.max(100, least) : least;
  const pace = computePace(context.calendar, {
    year: context.year,
    date: context.date,
    deadline: standing.view.deadline,
  });
  return { share, pace, points: share - pace };
}
