import type { Turn } from "../conversation/turn.js";
import { assessUnit } from "../lights/assess-unit.js";
import type { Light } from "../lights/light.js";
import { listUnitDues } from "../unit-view/list-unit-dues.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import type { UnitView } from "../unit-view/unit-view.js";
import type { TaskContext } from "../workflow/task-context.js";

/** One unit's part in one task on the turn's day: its record, its light, and what it owes next. */
export interface PartStatus {
  view: UnitView;
  light: Light;
  /** The next report the unit owes (for a co-unit, its input date to the host), if any is left. */
  next?: { due: string; cycle: string };
}

/**
 * Reads a unit's part in a task as the reminder cards and lights do: the unit view, the light on
 * the turn's date, and the first report due today or later that the unit has not made yet (a
 * report for a later cycle covers an earlier one, as the ladder counts it).
 */
export async function assessPart(turn: Turn, context: TaskContext, unit: string): Promise<PartStatus> {
  const { store, calendar, settings } = turn.deps;
  const view = await loadUnitView(store, context.task, unit, context.assignments);
  const light = assessUnit(view, { date: turn.date, start: context.start, year: context.year }, turn.deps);
  if (view.state === "completed" || view.state === "completion-requested") return { view, light };
  const shift = view.role === "co" ? settings.reminders.ladder.coInputDue : 0;
  // Cycle keys of one kind sort in time order.
  const latestCycle =
    view.reports
      .map((r) => r.cycle)
      .sort()
      .at(-1) ?? "";
  const next = listUnitDues({
    task: context.task,
    deadline: view.deadline,
    start: context.start,
    settings,
    calendar,
  })
    .map((d) => ({ due: shift === 0 ? d.due : calendar.addWorkingDays(d.due, shift), cycle: d.cycle }))
    .find((d) => d.due >= turn.date && d.cycle > latestCycle);
  return next ? { view, light, next } : { view, light };
}
