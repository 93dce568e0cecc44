import type { Turn } from "../conversation/turn.js";
import { assessUnit, unitSchedule } from "../lights/assess-unit.js";
import type { Light } from "../lights/light.js";
import { chooseCycle, cycleWindows } from "../progress/choose-cycle.js";
import { assignmentsByTask } from "../registry/assignments-by-task.js";
import { assignmentsFor } from "../registry/assignments-for.js";
import type { Section, Task } from "../registry/registry.js";
import { businessDate } from "../shared/clock.js";
import type { ProgressReport } from "../store/progress-report.js";
import type { Store } from "../store/store.js";
import { completionInForce } from "../unit-view/completion-in-force.js";
import { listUnitDues } from "../unit-view/list-unit-dues.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { unitViewsOfTask } from "../unit-view/unit-views-of-task.js";
import type { TaskContext } from "../workflow/task-context.js";

/** One unit's part in one task, as the office's commands judge it on the turn's day. */
export interface UnitStanding {
  task: Task;
  unit: string;
  role: "host" | "co";
  view: UnitView;
  light: Light;
  /** 已办结, or its completion request is waiting: the ladder leaves it alone, nothing is owed. */
  settled: boolean;
  /** The office stopped reminders for the unit or the task (/mute): the ladder leaves it alone. */
  muted: boolean;
  /**
   * The last report due before today (a co-unit's input date), when it has not been given (nor
   * a later cycle's): what the light counts as 报送逾期, with the same working days.
   */
  lateReport?: { cycle: string; due: string; days: number };
  /** Working days past the deadline in force, for a host unit that has not finished. */
  pastDeadlineDays: number;
  /**
   * The cycle whose reporting window is open today (the one a reply is filed under, opening on
   * the ladder's first reminder), and whether the unit has reported for it or a later one.
   * Undefined before the first window opens: nothing has been asked for yet.
   */
  current?: { cycle: string; due: string; reported: boolean };
  /**
   * Every report due before today (before the unit asked to close its part, if it did), with
   * whether it came by its due date, or a later cycle's report did.
   */
  pastDues: { cycle: string; due: string; onTime: boolean }[];
}

/** The office's view of every task of the current registry, unit by unit. */
export interface OfficeOverview {
  date: string;
  /** The registry's chapters (二 抓好常态化疫情防控…), in order; a task's `section` is a title. */
  sections: Section[];
  standings: UnitStanding[];
}

/**
 * Reads every unit's standing on every task of the current registry: the unit views, their
 * lights, what is late and what the current cycle asks for. Units follow the live directory, as
 * the ladder's do. Two store reads per task (its history and its requests), whatever the number
 * of units. Undefined when no registry has been imported.
 */
export async function loadOfficeOverview(
  turn: Turn,
  /** One task's standings only (a page about that task): the cost of one task, not of the registry. */
  only?: { taskNo: number },
): Promise<OfficeOverview | undefined> {
  const { store, directory } = turn.deps;
  const current = await store.registry.current();
  if (!current) return undefined;
  const { registry } = current;
  // The same start as the reminder ladder's (load-reminder-world.ts).
  const start = registry.document.issuedOn || current.importedAt.slice(0, 10);
  const year = registry.document.year;
  const assignments = assignmentsFor(registry, directory);
  const mutes = await readMutes(store);
  const standings: UnitStanding[] = [];
  const byTask = assignmentsByTask(assignments);
  const tasks = only ? registry.tasks.filter((task) => task.no === only.taskNo) : registry.tasks;
  for (const task of tasks) {
    const ofTask = byTask.get(task.no) ?? [];
    if (ofTask.length > 0)
      standings.push(...(await loadTaskStandings(turn, { task, assignments: ofTask, start, year }, mutes)));
  }
  return { date: turn.date, sections: registry.sections, standings };
}

/**
 * Every unit's standing on one task (loadOfficeOverview, for the task of a command); `mutes` when
 * the caller has read them already.
 */
export async function loadTaskStandings(
  turn: Turn,
  context: TaskContext,
  mutes?: Mutes,
): Promise<UnitStanding[]> {
  const { store, calendar, settings } = turn.deps;
  const { units: mutedUnits, tasks: mutedTasks } = mutes ?? (await readMutes(store));
  const { task, assignments, start, year } = context;
  const date = turn.date;
  const ladder = settings.reminders.ladder;
  // The task's records, read once for all of its units' views (kept while they do not change).
  const viewOf = unitViewsOfTask(
    task,
    await store.progress.history(task.no),
    await store.requests.list({ taskNo: task.no }),
    assignments,
  );
  // What follows from a deadline and a role alone, worked out once for the units that share them
  // (all of a task's hosts, all of its co-units, unless an extension moved one's deadline).
  const schedules = new Map<string, ReturnType<typeof scheduleOf>>();
  const scheduleOf = (role: "host" | "co", deadline: string) => {
    const dues = listUnitDues({ task, deadline, start, settings, calendar });
    const windows = cycleWindows(dues, calendar, role === "co" ? ladder.coRequest : ladder.first);
    const open = windows.filter((w) => w.opens <= date).at(-1);
    const openDue = open && dues.find((d) => d.cycle === open.cycle);
    const shift = role === "co" ? ladder.coInputDue : 0;
    return {
      lights: unitSchedule({ task, deadline, role }, { date, start, year }, turn.deps),
      // The open cycle's report is due on the unit's own day (a co-unit's input date).
      openDue: openDue && (shift === 0 ? openDue.due : calendar.addWorkingDays(openDue.due, shift)),
      cycle: open && chooseCycle({ date, windows, dues }),
      /** The light of a unit with no record and no request: the schedule's alone (see below). */
      emptyLight: undefined as Light | undefined,
    };
  };
  const standings: UnitStanding[] = [];
  for (const assignment of assignments) {
    const view = viewOf(assignment.unit);
    const key = `${view.role}\u0000${view.deadline}`;
    let schedule = schedules.get(key);
    if (schedule === undefined) {
      schedule = scheduleOf(view.role, view.deadline);
      schedules.set(key, schedule);
    }
    // A unit that has neither reported nor asked anything is judged by its schedule alone (no
    // report, no measure, no difficulty, nothing settled): its light is that of every such unit
    // sharing the schedule. Most units of an office are such units for much of the year (co-units
    // above all), and each light is worded from templates.
    const empty = isEmpty(view);
    const light =
      (empty ? schedule.emptyLight : undefined) ??
      assessUnit(view, { date, start, year }, turn.deps, schedule.lights);
    if (empty) schedule.emptyLight = light;
    const settled = view.state === "completed" || view.state === "completion-requested";
    const { past, overdueDays: lateDays } = schedule.lights;
    const { openDue, cycle } = schedule;
    const last = past.at(-1);
    // Once the unit asked to close its part, nothing due after that day is owed.
    const settledOn = settled ? settledSince(view) : undefined;
    const lateReport =
      last && !settled && lateDays > 0 && !coversCycle(view.reports, last.cycle)
        ? { cycle: last.cycle, due: last.due, days: lateDays }
        : undefined;
    const pastDeadlineDays = view.role === "host" && !settled ? schedule.lights.pastDeadlineDays : 0;
    standings.push(
      new Standing(
        {
          task,
          unit: assignment.unit,
          role: view.role,
          view,
          light,
          settled,
          muted: mutedTasks.has(task.no) || mutedUnits.has(assignment.unit),
          lateReport,
          pastDeadlineDays,
          current:
            cycle && openDue
              ? { cycle, due: openDue, reported: coversCycle(view.reports, cycle) }
              : undefined,
        },
        past,
        settledOn,
      ),
    );
  }
  return standings;
}

/**
 * A standing whose past dues are worked out when first read (the bulletin's rankings, /stats): the
 * weekly digest judges the whole office and reads none, and a unit has a past due for every week
 * of the year so far. A class, not an object literal with a getter: the office's overview makes one
 * for every unit of every task each week, and a literal with a getter and optional parts is a
 * dictionary of its own, with a closure over the loop, about a kilobyte that outlived the young
 * generation while the week's digests were composed.
 */
class Standing implements UnitStanding {
  readonly task: Task;
  readonly unit: string;
  readonly role: "host" | "co";
  readonly view: UnitView;
  readonly light: Light;
  readonly settled: boolean;
  readonly muted: boolean;
  readonly lateReport: UnitStanding["lateReport"];
  readonly pastDeadlineDays: number;
  readonly current: UnitStanding["current"];
  readonly #past: readonly { cycle: string; due: string }[];
  readonly #settledOn: string | undefined;
  #pastDues: UnitStanding["pastDues"] | undefined;

  constructor(
    fields: Omit<UnitStanding, "pastDues">,
    past: readonly { cycle: string; due: string }[],
    settledOn: string | undefined,
  ) {
    this.task = fields.task;
    this.unit = fields.unit;
    this.role = fields.role;
    this.view = fields.view;
    this.light = fields.light;
    this.settled = fields.settled;
    this.muted = fields.muted;
    // Set even when undefined: every standing has the same shape.
    this.lateReport = fields.lateReport;
    this.pastDeadlineDays = fields.pastDeadlineDays;
    this.current = fields.current;
    this.#past = past;
    this.#settledOn = settledOn;
  }

  get pastDues(): UnitStanding["pastDues"] {
    if (this.#pastDues === undefined) {
      const firstReportFor = firstReportDays(this.view.reports);
      const settledOn = this.#settledOn;
      this.#pastDues = this.#past
        .filter((d) => settledOn === undefined || d.due < settledOn)
        .map((d) => {
          const on = firstReportFor(d.cycle);
          return { cycle: d.cycle, due: d.due, onTime: on !== undefined && on <= d.due };
        });
    }
    return this.#pastDues;
  }
}

function isEmpty(view: UnitView): boolean {
  return view.records.length === 0 && view.requests.length === 0;
}

/** The units and tasks the office muted (/mute), as the ladder reads them. */
interface Mutes {
  units: ReadonlySet<string>;
  tasks: ReadonlySet<number>;
}

async function readMutes(store: Store): Promise<Mutes> {
  const overrides = await store.overrides.list();
  return {
    units: new Set(overrides.flatMap((o) => (o.kind === "mute-unit" ? [o.unit] : []))),
    tasks: new Set(overrides.flatMap((o) => (o.kind === "mute-task" ? [o.taskNo] : []))),
  };
}

/** The day the unit's standing completion request was made (the one approved, or the one waiting). */
function settledSince(view: UnitView): string | undefined {
  const request =
    completionInForce(view.requests) ??
    view.requests.find((r) => r.kind === "completion" && r.status === "pending");
  return request && businessDate(new Date(request.requestedAt));
}

/**
 * A report for `cycle` or a later one: the ladder counts a later cycle's report as covering the
 * cycles before it (cycle keys of one kind sort in time order).
 */
function coversCycle(reports: readonly ProgressReport[], cycle: string): boolean {
  return reports.some((r) => r.cycle >= cycle);
}

/**
 * The day the unit first reported for a cycle or a later one, in the business time zone, for each
 * of its past dues. The reports' instants are read once per unit, and a day is formatted once per
 * distinct first report, not once per due and report (this runs for every past due of 10,000
 * task-units in the ledger); the earliest instant's day is the earliest day.
 */
function firstReportDays(reports: readonly ProgressReport[]): (cycle: string) => string | undefined {
  const read = reports.map((r) => ({ cycle: r.cycle, at: Date.parse(r.reportedAt) }));
  const days = new Map<number, string>();
  return (cycle) => {
    let first: number | undefined;
    for (const report of read)
      if (report.cycle >= cycle && (first === undefined || report.at < first)) first = report.at;
    if (first === undefined) return undefined;
    let day = days.get(first);
    if (day === undefined) {
      day = businessDate(new Date(first));
      days.set(first, day);
    }
    return day;
  };
}
