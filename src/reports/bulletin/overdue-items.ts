import type { UnitStanding } from "../../commands/office-overview.js";
import type { Task } from "../../registry/registry.js";
import { byName } from "./rank-units.js";

/** One thing late: a report not given by its due date, or a deadline passed unfinished. */
export type OverdueItem = { task: Task; unit: string; days: number } & (
  | { kind: "report"; cycle: string; due: string }
  | { kind: "deadline"; deadline: string }
);

/**
 * Everything late on the day judged, as /overdue lists it: each unit's overdue report
 * (lateReport) and each host unit past its deadline in force. Most working days late first,
 * then task number, unit and kind.
 */
export function overdueItems(standings: readonly UnitStanding[]): OverdueItem[] {
  const items: OverdueItem[] = [];
  for (const s of standings) {
    if (s.pastDeadlineDays > 0)
      items.push({
        kind: "deadline",
        task: s.task,
        unit: s.unit,
        days: s.pastDeadlineDays,
        deadline: s.view.deadline,
      });
    if (s.lateReport)
      items.push({
        kind: "report",
        task: s.task,
        unit: s.unit,
        days: s.lateReport.days,
        cycle: s.lateReport.cycle,
        due: s.lateReport.due,
      });
  }
  return items.sort(
    (a, b) => b.days - a.days || a.task.no - b.task.no || byName(a.unit, b.unit) || byName(a.kind, b.kind),
  );
}
