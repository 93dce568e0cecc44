import type { DueDate } from "../calendar/due-dates.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { Settings } from "../config/settings.js";
import { indicatorLabel } from "../registry/indicator-label.js";
import { matchUnit } from "../registry/match-unit.js";
import { businessDate } from "../shared/clock.js";
import { listUnitDues } from "../unit-view/list-unit-dues.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { computeLight } from "./compute-light.js";
import { computePace } from "./compute-pace.js";
import type { Light, LightInput } from "./light.js";

/**
 * What a unit's light reads from its deadline in force and its role alone, on `date`: the same for
 * every unit of a task that shares them, so an overview of the office works it out once per task
 * and role instead of once per unit.
 */
export interface UnitSchedule {
  /** The reports due before `date`, in order (a co-unit's on its input date). */
  past: readonly DueDate[];
  /** Working days from the last of them to `date`. */
  overdueDays: number;
  /** Working days past the deadline in force (0 until it has passed). */
  pastDeadlineDays: number;
  /** 序时进度 on `date` for the deadline in force. */
  pace: number;
}

type AssessDeps = { calendar: WorkCalendar; settings: Pick<Settings, "reporting" | "reminders" | "lights"> };

/** The unit's schedule as assessUnit reads it (see UnitSchedule). */
export function unitSchedule(
  unit: Pick<UnitView, "task" | "deadline" | "role">,
  context: { date: string; start: string; year: number },
  deps: AssessDeps,
): UnitSchedule {
  const { calendar, settings } = deps;
  const { date } = context;
  const shift = unit.role === "co" ? settings.reminders.ladder.coInputDue : 0;
  const past = listUnitDues({
    task: unit.task,
    deadline: unit.deadline,
    start: context.start,
    settings,
    calendar,
  })
    .map((d) => ({ ...d, due: shift === 0 ? d.due : calendar.addWorkingDays(d.due, shift) }))
    .filter((d) => d.due < date);
  const last = past.at(-1);
  return {
    past,
    overdueDays: last ? Math.max(0, calendar.workingDaysBetween(last.due, date)) : 0,
    pastDeadlineDays: date > unit.deadline ? calendar.workingDaysBetween(unit.deadline, date) : 0,
    pace: computePace(calendar, { year: context.year, date, deadline: unit.deadline }),
  };
}

/**
 * The light of one unit on one task on `date`, from its view: the dates (last due report, the
 * deadline in force) and the pace (each reported actual against its target and 序时进度).
 * `schedule`: unitSchedule's for the view's deadline and role on `date`, when the caller has it.
 */
export function assessUnit(
  view: UnitView,
  context: { date: string; start: string; year: number },
  deps: AssessDeps,
  schedule: UnitSchedule = unitSchedule(view, context, deps),
): Light {
  const { date } = context;
  const last = schedule.past.at(-1);
  const reportedOn = last ? reportedOnFor(view, last) : undefined;
  const input: LightInput = {
    date,
    role: view.role,
    deadline: view.deadline,
    completed: view.state === "completed",
    completionPending: view.state === "completion-requested",
    ...(last ? { lastDue: { cycle: last.cycle, due: last.due, ...(reportedOn ? { reportedOn } : {}) } } : {}),
    overdueDays: schedule.overdueDays,
    pastDeadlineDays: schedule.pastDeadlineDays,
    ...(view.difficulty
      ? { difficulty: view.difficulty.note, ...(view.difficulty.proxy ? { difficultyByOffice: true } : {}) }
      : {}),
    ...unitMeasures(view),
    pace: schedule.pace,
  };
  return computeLight(input, deps.settings.lights);
}

/**
 * The unit's numeric progress as the light judges it: each "at least" indicator's latest actual
 * as a share of its target (units converted: 万人 to 人), the percent complete, and the "at most"
 * indicators above their limit. The bulletin's 超进度 and pace ranking read the same shares.
 */
export function unitMeasures(view: UnitView): Pick<LightInput, "measures" | "exceeded"> {
  const measures: LightInput["measures"] = [];
  const exceeded: LightInput["exceeded"] = [];
  for (const [index, indicator] of view.task.indicators.entries()) {
    const actual = view.actuals.get(index);
    const factor = actual && matchUnit(actual.unit, indicator.unit)?.factor;
    if (!actual || factor === undefined || indicator.value <= 0) continue;
    const value = actual.value * factor;
    const label = indicatorLabel(indicator);
    if (indicator.bound === "max") {
      if (value > indicator.value)
        exceeded.push({
          label,
          actual: `${actual.value}${actual.unit}`,
          limit: `${indicator.value}${indicator.unit}`,
        });
    } else measures.push({ label, share: (value / indicator.value) * 100 });
  }
  if (view.percent !== undefined) measures.push({ label: "", share: view.percent });
  return { measures, exceeded };
}

/**
 * When the unit reported for the last due cycle: its first report for that cycle. A missed cycle
 * that a later cycle's report covers counts as reported on time (as the ladder counts it): the
 * unit is current again, and the lateness showed while it lasted.
 */
function reportedOnFor(view: UnitView, last: { cycle: string; due: string }): string | undefined {
  // The earliest instant's day is the earliest day: one date to format, not one per report.
  let first: number | undefined;
  for (const report of view.reports)
    if (report.cycle === last.cycle) {
      const at = Date.parse(report.reportedAt);
      if (first === undefined || at < first) first = at;
    }
  if (first !== undefined) return businessDate(new Date(first));
  return view.reports.some((r) => r.cycle > last.cycle) ? last.due : undefined;
}
