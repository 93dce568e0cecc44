import type { UnitStanding } from "../../commands/office-overview.js";
import type { LightColor } from "../../lights/light.js";
import type { Section, Task } from "../../registry/registry.js";
import { type LedgerRow, toLedgerRow } from "../../reports/ledger/ledger-row.js";
import type { LedgerSources } from "../../reports/ledger/ledger-sources.js";
import { loadOverview } from "../../reports/ledger/load-overview.js";
import { message, messages } from "../../templates/template-store.js";

const m = messages("web");

/** A task's light on the board: 已办结 when every host unit is, else the worst of its units at work. */
export type TaskLight = LightColor | "completed";

/** One task as the board's table shows it: its units' ledger rows and what they add up to. */
export interface TaskRow {
  task: Task;
  /** "二、抓好常态化疫情防控…", as the ledger names it. */
  section: string;
  standings: UnitStanding[];
  /** The ledger's words for each unit's part, in the same order as `standings`. */
  units: LedgerRow[];
  light: TaskLight;
  /** "unit：reasons" of each unit that shows the task's light. */
  reasons: string[];
  /** The host units' deadlines in force, earliest first (an extension moves one). */
  deadlines: string[];
  /** A report past due, or a host unit past its deadline. */
  overdue: boolean;
  hostsDone: number;
  hosts: number;
}

/** The board on one day: the registry's sections and every task with units. */
export interface Board {
  date: string;
  year: number;
  sections: Section[];
  rows: TaskRow[];
  /** A unit's short name (the directory's first alias), for narrow screens. */
  short: (unit: string) => string;
}

const RANK: Readonly<Record<LightColor, number>> = { green: 0, yellow: 1, red: 2 };

/**
 * The board as of `date`: the standings the chat commands and the ledger compute, one row per task.
 * Undefined before any registry has been imported.
 */
export async function loadBoard(
  sources: LedgerSources,
  date: string,
  /** One task's row only (its page). */
  only?: { taskNo: number },
): Promise<Board | undefined> {
  const current = await sources.store.registry.current();
  const overview = await loadOverview(sources, date, only);
  if (!current || !overview) return undefined;
  const year = current.registry.document.year;
  const sectionName = new Map(overview.sections.map((s) => [s.title, message("ledger", "sectionName", s)]));
  const short = (unit: string) => sources.directory.units.find((u) => u.name === unit)?.aliases[0] ?? unit;
  const byTask = new Map<number, UnitStanding[]>();
  for (const s of overview.standings) byTask.set(s.task.no, [...(byTask.get(s.task.no) ?? []), s]);
  const rows = [...byTask.values()].map((standings) => {
    const task = (standings[0] as UnitStanding).task;
    const section = sectionName.get(task.section) ?? task.section;
    const units = standings.map((s) => toLedgerRow(s, { date, year, section, calendar: sources.calendar }));
    return taskRow(task, section, standings, units, short);
  });
  return { date, year, sections: overview.sections, rows, short };
}

function taskRow(
  task: Task,
  section: string,
  standings: UnitStanding[],
  units: LedgerRow[],
  short: (unit: string) => string,
): TaskRow {
  const done = (s: UnitStanding) => s.view.state === "completed";
  const hosts = standings.filter((s) => s.role === "host");
  const atWork = standings.filter((s) => !done(s));
  const completed = hosts.length > 0 && hosts.every(done);
  const light: TaskLight = completed
    ? "completed"
    : atWork.reduce<LightColor>((w, s) => (RANK[s.light.color] > RANK[w] ? s.light.color : w), "green");
  const reasons = completed
    ? []
    : atWork
        .filter((s) => s.light.color === light)
        .map((s) =>
          m("dashUnitReason", {
            unit: short(s.unit),
            reasons: s.light.reasons.join(message("lights", "separator")),
          }),
        );
  return {
    task,
    section,
    standings,
    units,
    light,
    reasons,
    deadlines: [...new Set(hosts.map((s) => s.view.deadline))].sort(),
    overdue: standings.some((s) => s.lateReport !== undefined || s.pastDeadlineDays > 0),
    hostsDone: hosts.filter(done).length,
    hosts: hosts.length,
  };
}
