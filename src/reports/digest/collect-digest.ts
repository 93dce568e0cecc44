import { addDays } from "../../calendar/iso-date.js";
import type { OfficeOverview, UnitStanding } from "../../commands/office-overview.js";
import { unitMeasures } from "../../lights/assess-unit.js";
import { computePace } from "../../lights/compute-pace.js";
import type { LightColor } from "../../lights/light.js";
import type { Task } from "../../registry/registry.js";
import { businessDate } from "../../shared/clock.js";
import { groupByKeys } from "../../shared/group-by-keys.js";
import { messages } from "../../templates/template-store.js";
import { listUnitDues } from "../../unit-view/list-unit-dues.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { loadOverview } from "../ledger/load-overview.js";
import { storeAt } from "../ledger/store-as-of.js";
import type {
  DigestAlert,
  DigestChange,
  LeaderDigest,
  LightCounts,
  PaceRow,
  SilentUnits,
  UpcomingDue,
} from "./leader-digest.js";

const m = messages("digest");
/** What falls due within this many days of the digest (today included) is listed. */
export const UPCOMING_DAYS = 14;
const RANK: Readonly<Record<LightColor, number>> = { green: 0, yellow: 1, red: 2 };

/**
 * Every unit's standing at the send instant and at the previous digest's, computed once for all
 * leaders (two passes over the registry, whatever the number of leaders).
 */
export interface DigestBasis {
  sources: LedgerSources;
  at: string;
  since: string;
  now: OfficeOverview;
  before: OfficeOverview | undefined;
  /** The registry's start (as the ladder's) and year. */
  start: string;
  year: number;
  /** Each unit's short name (the directory's first alias), looked up once for every leader. */
  short: (unit: string) => string;
  /** The standings of the tasks `leader` leads, in the overview's order. */
  standingsOf(leader: string): readonly UnitStanding[];
  /** The standing at `since` of `s`'s unit on `s`'s task, for the light changes. */
  beforeOf(s: UnitStanding): UnitStanding | undefined;
  /** `now` with what it was judged from, for the next week's composition to compare with. */
  kept: KeptStandings;
  /**
   * The reports a unit in `s`'s place owes from the digest's day through the next UPCOMING_DAYS
   * days, on its own days (a co-unit's input date), whether given or not; and 序时进度 for a
   * deadline. Each worked out once per composition: a task's units, and its several leaders'
   * digests, share them.
   */
  upcomingDues(s: UnitStanding): readonly { cycle: string; due: string }[];
  paceFor(deadline: string): number;
}

/**
 * The standings a composition judged at its send instant, and what they were judged from. The next
 * week's digest compares its lights with them (its `since` is this `at`) instead of judging the
 * whole office again: the same registry, directory, settings and office days give the same
 * standings, since the store as it stood before an instant only grows by records stamped after it.
 * (A reply stamped before the send instant but stored after it is the exception: the comparison is
 * then with what the previous digest saw, which is what its readers were told.)
 */
export interface KeptStandings {
  at: string;
  from: { registry: object; directory: object; settings: object; calendar: object };
  overview: OfficeOverview;
}

/**
 * Reads the office's standings as they were just before `at` (the send instant) and just before
 * `since` (the previous digest's), each judged on its own day, as /lights would have shown them
 * then. Undefined before any registry has been imported.
 */
export async function loadDigestBasis(
  sources: LedgerSources,
  times: { at: string; since: string },
  kept?: KeptStandings,
): Promise<DigestBasis | undefined> {
  const current = await sources.store.registry.current();
  if (!current) return undefined;
  // One calendar for the whole composition: the office's days as read now (the calendar checks
  // their age at every call otherwise, and the standings ask it for every unit and every due).
  const calendar = sources.calendar.snapshot?.() ?? sources.calendar;
  const fixed = { ...sources, calendar };
  const at = (instant: string) => ({ ...fixed, store: storeAt(sources.store, instant) });
  const now = await loadOverview(at(times.at), businessDate(new Date(times.at)));
  if (!now) return undefined;
  const { registry } = current;
  const from = { registry, directory: sources.directory, settings: sources.settings, calendar };
  const reusable =
    kept !== undefined &&
    kept.at === times.since &&
    (Object.keys(from) as (keyof typeof from)[]).every((k) => kept.from[k] === from[k]);
  const before = reusable
    ? kept.overview
    : await loadOverview(at(times.since), businessDate(new Date(times.since)));
  const shortNames = new Map<string, string>();
  for (const u of sources.directory.units)
    if (!shortNames.has(u.name)) shortNames.set(u.name, u.aliases[0] ?? u.name);
  const start = registry.document.issuedOn || current.importedAt.slice(0, 10);
  const year = registry.document.year;
  return {
    sources: fixed,
    at: times.at,
    since: times.since,
    now,
    before,
    start,
    year,
    short: (unit) => shortNames.get(unit) ?? unit,
    standingsOf: byLeader(now.standings),
    beforeOf: byTaskAndUnit(before?.standings ?? []),
    kept: { at: times.at, from, overview: now },
    upcomingDues: memoised(
      (s) => `${s.task.no}\u0000${s.view.deadline}\u0000${s.role}`,
      (s) => duesInWindow({ ...fixed, start }, s, now.date),
    ),
    paceFor: memoised(
      (deadline) => deadline,
      (deadline) => computePace(calendar, { year, date: now.date, deadline }),
    ),
  };
}

/** `compute`, called once per key. */
function memoised<A, V>(keyOf: (arg: A) => string, compute: (arg: A) => V): (arg: A) => V {
  const values = new Map<string, V>();
  return (arg) => {
    const key = keyOf(arg);
    let value = values.get(key);
    if (value === undefined) {
      value = compute(arg);
      values.set(key, value);
    }
    return value;
  };
}

/** Each leader's standings: every leader's digest would otherwise go through the whole office's. */
function byLeader(standings: readonly UnitStanding[]): (leader: string) => readonly UnitStanding[] {
  const groups = groupByKeys(standings, (s) => s.task.leaders);
  return (leader) => groups.get(leader) ?? [];
}

/** A lookup of `standings` by task and unit. */
function byTaskAndUnit(standings: readonly UnitStanding[]): (s: UnitStanding) => UnitStanding | undefined {
  const byTask = new Map<number, Map<string, UnitStanding>>();
  for (const s of standings) {
    const units = byTask.get(s.task.no);
    if (units) units.set(s.unit, s);
    else byTask.set(s.task.no, new Map([[s.unit, s]]));
  }
  return (s) => byTask.get(s.task.no)?.get(s.unit);
}

/** The dues of a unit in `s`'s place (its task, deadline in force and role) from `first` through UPCOMING_DAYS on. */
function duesInWindow(
  sources: Pick<LedgerSources, "calendar" | "settings"> & { start: string },
  s: UnitStanding,
  first: string,
): { cycle: string; due: string }[] {
  const { calendar, settings, start } = sources;
  const last = addDays(first, UPCOMING_DAYS);
  const shift = s.role === "co" ? settings.reminders.ladder.coInputDue : 0;
  const dues = listUnitDues({ task: s.task, deadline: s.view.deadline, start, settings, calendar });
  const inWindow: { cycle: string; due: string }[] = [];
  for (const d of dues) {
    const due = shift === 0 ? d.due : calendar.addWorkingDays(d.due, shift);
    if (due >= first && due <= last) inWindow.push({ cycle: d.cycle, due });
  }
  return inWindow;
}

/** The digest of one lead leader (牵头领导) for `week`: only the tasks they lead; none for no tasks. */
export function leaderDigest(basis: DigestBasis, leader: string, week: string): LeaderDigest {
  const { now, at, since, short } = basis;
  const date = now.date;
  const standings = basis.standingsOf(leader);
  const tasks = uniqueTasks(standings);
  const paceDetails = paceOf(basis, standings, short);
  return {
    leader,
    week,
    at,
    date,
    since,
    tasks,
    taskCounts: countTasks(tasks, standings),
    unitCounts: countUnits(standings),
    alerts: alertsOf(standings, short),
    changes: changesOf(basis, standings, short),
    silent: silentOf(standings, short),
    upcoming: upcomingOf(basis, standings, short),
    paceDetails,
    paceRows: paceDetails.map((row) => ({
      label: m("paceLabel", { taskNo: row.task.no, measure: row.measure || m("percentMeasure") }),
      share: row.share,
    })),
    pace: basis.paceFor(`${basis.year}-12-31`),
  };
}

function uniqueTasks(standings: readonly UnitStanding[]): Task[] {
  const byNo = new Map<number, Task>();
  for (const s of standings) byNo.set(s.task.no, s.task);
  return [...byNo.values()].sort((a, b) => a.no - b.no);
}

const done = (s: UnitStanding) => s.view.state === "completed";

function countUnits(standings: readonly UnitStanding[]): LightCounts {
  const counts: LightCounts = { red: 0, yellow: 0, green: 0, completed: 0 };
  for (const s of standings) {
    if (done(s)) counts.completed++;
    else counts[s.light.color]++;
  }
  return counts;
}

/** A task is 已办结 when every host unit is; otherwise it has the worst light of the units still at work. */
function countTasks(tasks: readonly Task[], standings: readonly UnitStanding[]): LightCounts {
  const counts: LightCounts = { red: 0, yellow: 0, green: 0, completed: 0 };
  const byTask = groupByKeys(standings, (s) => [s.task.no]);
  for (const task of tasks) {
    const of = byTask.get(task.no) ?? [];
    const hosts = of.filter((s) => s.role === "host");
    if (hosts.length > 0 && hosts.every(done)) {
      counts.completed++;
      continue;
    }
    const worst = of
      .filter((s) => !done(s))
      .reduce<LightColor>((w, s) => (RANK[s.light.color] > RANK[w] ? s.light.color : w), "green");
    counts[worst]++;
  }
  return counts;
}

/**
 * Reds, then yellows; within a task, units with the same reasons share one line, and units whose
 * only reason is a late report share one line whatever the days (the silent units name them).
 */
function alertsOf(standings: readonly UnitStanding[], short: (unit: string) => string): DigestAlert[] {
  const alerts = new Map<string, DigestAlert>();
  for (const s of standings) {
    if (done(s) || s.light.color === "green") continue;
    const lateOnly = s.lateReport !== undefined && s.light.reasons.length === 1;
    const why = lateOnly ? "late" : s.light.reasons.join("\u0000");
    const key = `${s.task.no}\u0000${s.light.color}\u0000${why}`;
    const alert =
      alerts.get(key) ??
      alerts.set(key, { task: s.task, color: s.light.color, units: [], reasons: s.light.reasons }).get(key);
    if (!alert) continue;
    alert.units.push(short(s.unit));
    if (lateOnly) alert.lateDays = Math.max(alert.lateDays ?? 0, s.lateReport?.days ?? 0);
  }
  return [...alerts.values()].sort(
    (a, b) =>
      RANK[b.color] - RANK[a.color] ||
      a.task.no - b.task.no ||
      Number(a.lateDays !== undefined) - Number(b.lateDays !== undefined),
  );
}

/**
 * Between the previous digest and this one: the reports made (with their numbers), the lights
 * that changed colour, the completions approved and the extensions decided. In time order, the
 * light changes last (they have no instant of their own).
 */
function changesOf(
  basis: DigestBasis,
  standings: readonly UnitStanding[],
  short: (unit: string) => string,
): DigestChange[] {
  const from = Date.parse(basis.since);
  const within = (instant: string) => Date.parse(instant) >= from;
  const timed: (DigestChange & { at: string })[] = [];
  const lights: DigestChange[] = [];
  for (const s of standings) {
    const unit = short(s.unit);
    for (const report of s.view.reports)
      if (within(report.reportedAt))
        timed.push({ kind: "report", at: report.reportedAt, task: s.task, unit, report });
    for (const request of s.view.requests) {
      const decision = request.decision;
      if (!decision || !within(decision.decidedAt)) continue;
      if (request.kind === "completion" && decision.decision === "approved")
        timed.push({ kind: "completion", at: decision.decidedAt, task: s.task, unit });
      if (request.kind === "extension")
        timed.push({
          kind: "extension",
          at: decision.decidedAt,
          task: s.task,
          unit,
          decision: decision.decision,
          ...(request.newDeadline ? { newDeadline: request.newDeadline } : {}),
        });
    }
    const then = basis.beforeOf(s);
    // A unit that finished shows as a completion, not as a colour.
    if (then && !done(s) && !done(then) && then.light.color !== s.light.color)
      lights.push({ kind: "light", task: s.task, unit, from: then.light.color, to: s.light.color });
  }
  timed.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.task.no - b.task.no);
  lights.sort((a, b) => a.task.no - b.task.no);
  return [...timed, ...lights];
}

/** Units that have not given the report last due (late, as the ladder counts), by task and cycle. */
function silentOf(standings: readonly UnitStanding[], short: (unit: string) => string): SilentUnits[] {
  const groups = new Map<string, SilentUnits>();
  for (const s of standings) {
    if (!s.lateReport || s.settled) continue;
    const { cycle, due, days } = s.lateReport;
    const key = `${s.task.no}\u0000${cycle}`;
    const group = groups.get(key);
    if (group) {
      group.units.push(short(s.unit));
      group.days = Math.max(group.days, days);
    } else groups.set(key, { task: s.task, cycle, due, units: [short(s.unit)], days });
  }
  return [...groups.values()].sort((a, b) => a.task.no - b.task.no);
}

/**
 * What falls due from the digest's day through the next UPCOMING_DAYS days: each report some unit
 * still owes (a co-unit's on its input date), and each host unit's deadline in force.
 */
function upcomingOf(
  basis: DigestBasis,
  standings: readonly UnitStanding[],
  short: (unit: string) => string,
): UpcomingDue[] {
  const first = basis.now.date;
  const last = addDays(first, UPCOMING_DAYS);
  const inWindow = (date: string) => date >= first && date <= last;
  const groups = new Map<string, UpcomingDue>();
  const add = (due: Omit<UpcomingDue, "units">, unit: string) => {
    const key = `${due.date}\u0000${due.task.no}\u0000${due.kind}\u0000${due.cycle ?? ""}`;
    const group = groups.get(key);
    if (group) group.units.push(unit);
    else groups.set(key, { ...due, units: [unit] });
  };
  for (const s of standings) {
    if (s.settled) continue;
    for (const { cycle, due } of basis.upcomingDues(s))
      if (!s.view.reports.some((r) => r.cycle >= cycle))
        add({ date: due, task: s.task, kind: "report", cycle }, short(s.unit));
    if (s.role === "host" && inWindow(s.view.deadline))
      add({ date: s.view.deadline, task: s.task, kind: "deadline" }, short(s.unit));
  }
  return [...groups.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.task.no - b.task.no || a.kind.localeCompare(b.kind),
  );
}

/**
 * Each host unit's reported actual of each "at least" target, and its percent complete, against
 * 序时进度 for its deadline in force: what assessUnit measures the light by.
 */
function paceOf(
  basis: DigestBasis,
  standings: readonly UnitStanding[],
  short: (unit: string) => string,
): PaceRow[] {
  const rows: PaceRow[] = [];
  for (const s of standings) {
    if (s.role !== "host" || done(s)) continue;
    const { view, task } = s;
    const pace = basis.paceFor(view.deadline);
    // The shares the light is judged by (its label "" is the percent complete).
    for (const { label, share } of unitMeasures(view).measures)
      rows.push({ task, unit: short(s.unit), measure: label, share, pace });
  }
  return rows.sort((a, b) => a.share - a.pace - (b.share - b.pace));
}
