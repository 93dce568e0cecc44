import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import { type ChannelLimits, COMMON_LIMITS } from "../channels/channel-limits.js";
import { chooseChannel } from "../channels/choose-channel.js";
import type { Settings } from "../config/settings.js";
import type { Directory } from "../directory/directory.js";
import { indexPeople, type PeopleIndex } from "../directory/people.js";
import { assignmentsFor } from "../registry/assignments-for.js";
import type { Registry, Task } from "../registry/registry.js";
import { sameItems } from "../shared/same-items.js";
import type { OfficeOverride } from "../store/office-override.js";
import type { PersonSettings } from "../store/person-settings.js";
import type { ProgressReport } from "../store/progress-report.js";
import type { RegistryImport } from "../store/registry-import.js";
import type { Store } from "../store/store.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { reopened } from "../unit-view/completion-in-force.js";
import { deadlineInForce } from "../unit-view/deadline-in-force.js";
import { isReport } from "../unit-view/is-report.js";
import type { ReminderWorld } from "./plan-reminders.js";

export interface WorldSources {
  store: Store;
  directory: Directory;
  settings: Settings;
  calendar: WorkCalendar;
  /** The channels that are on, in order of preference. */
  channels: readonly ChannelName[];
  /** Every channel of the plugin table, in its order: person ids are made from it (personIdOf). */
  accountOrder: readonly ChannelName[];
  /** What a message may hold on all of them (default: what every platform can show). */
  limits?: ChannelLimits;
}

/**
 * What follows from the directory or the registry alone, built once per object: the sweep loads
 * the world several times a day, and the stores hand out the same parsed registry until the next
 * import (a directory edit or a new import is a new object, so it is built afresh). The
 * assignments are kept the same way, by assignmentsFor.
 */
const peopleOf = new WeakMap<Directory, { channels: string; people: PeopleIndex }>();
const tasksOf = new WeakMap<Registry, Map<number, Task>>();

function peopleIn(directory: Directory, channels: readonly ChannelName[]): PeopleIndex {
  const key = channels.join(",");
  const cached = peopleOf.get(directory);
  if (cached?.channels === key) return cached.people;
  const people = indexPeople(directory, channels);
  peopleOf.set(directory, { channels: key, people });
  return people;
}

function tasksIn(registry: Registry): Map<number, Task> {
  let tasks = tasksOf.get(registry);
  if (tasks === undefined) {
    tasks = new Map(registry.tasks.map((t) => [t.no, t]));
    tasksOf.set(registry, tasks);
  }
  return tasks;
}

/**
 * Reads what the reminder ladder needs from the store: the current registry, each unit's latest
 * report (a 签收 is not one: it only marks the unit as having acknowledged), decided requests
 * (办结 closes a unit, and a pending completion request pauses it; an approved extension moves its deadline), the office's mutes (a muted unit or task gets no step of the ladder, escalations included) and per-person settings. Assignments follow the live directory, so an edited group applies at once.
 * Undefined when no registry has been imported yet. When nothing it is built from has changed
 * since the last call with the same sources, the world of that call is handed out again.
 */
export async function loadReminderWorld(sources: WorldSources): Promise<ReminderWorld | undefined> {
  const { store, directory } = sources;
  // One calendar for the run: the office's days as read now (the calendar checks their age at
  // every call otherwise, and planning asks it for every unit's every step).
  const calendar = sources.calendar.snapshot?.() ?? sources.calendar;
  const current = await store.registry.current();
  if (!current) return undefined;
  const inputs: WorldInputs = {
    current,
    directory,
    calendar,
    // One read for every task (the sweep runs several times a day).
    latest: await store.progress.latestOfEveryUnit(),
    pending: await store.requests.list({ status: "pending" }),
    approved: await store.requests.list({ status: "approved" }),
    overrides: await store.overrides.list(),
    // One read for everyone: the sweep runs several times a day, for the whole directory.
    people: await store.people.all(),
  };
  // Requests, overrides and person settings are few, and parsed afresh by each read: compared by
  // content, written out once per load.
  const contents = JSON.stringify([inputs.pending, inputs.approved, inputs.overrides, [...inputs.people]]);
  const kept = lastWorld.get(sources);
  if (kept !== undefined && kept.contents === contents && sameObjects(kept.inputs, inputs)) return kept.world;
  const world = await buildWorld(sources, inputs);
  lastWorld.set(sources, { inputs, contents, world });
  return world;
}

/** What a world is built from: what the stores hold, and the directory and calendar as read now. */
interface WorldInputs {
  current: RegistryImport;
  directory: Directory;
  calendar: WorkCalendar;
  latest: readonly ProgressReport[];
  pending: readonly WorkflowRequest[];
  approved: readonly WorkflowRequest[];
  overrides: readonly OfficeOverride[];
  people: ReadonlyMap<string, PersonSettings>;
}

/**
 * The last world built from each set of sources, with what it was built from: when nothing it was
 * built from has changed, the same world is handed out again, so that the sweep can tell that a
 * day's plan is the one it has already enqueued (it runs five times a working day, and on most
 * runs nothing has changed since the last).
 */
const lastWorld = new WeakMap<
  WorldSources,
  { inputs: WorldInputs; contents: string; world: ReminderWorld }
>();

/**
 * Whether two reads hold the same objects. The registry, directory and calendar are the same
 * objects until they change (each is parsed or built once per change); the stores hand out each
 * unit's latest record as the same frozen object until a later one is appended (a store that
 * parses afresh simply never matches).
 */
function sameObjects(a: WorldInputs, b: WorldInputs): boolean {
  return (
    a.current === b.current &&
    a.directory === b.directory &&
    a.calendar === b.calendar &&
    sameItems(a.latest, b.latest)
  );
}

async function buildWorld(sources: WorldSources, inputs: WorldInputs): Promise<ReminderWorld> {
  const { store, settings } = sources;
  const { current, directory, calendar } = inputs;
  const { registry } = current;
  const people = peopleIn(directory, sources.accountOrder);
  const tasks = tasksIn(registry);
  const assignments = assignmentsFor(registry, directory);

  const latestCycle = byTaskAndUnit<string>();
  const acknowledged = byTaskAndUnit<true>();
  // Reports on tasks a later import dropped are passed over.
  for (const record of inputs.latest) {
    if (!tasks.has(record.taskNo)) continue;
    acknowledged.set(record.taskNo, record.unit, true);
    if (isReport(record)) {
      latestCycle.set(record.taskNo, record.unit, record.cycle);
      continue;
    }
    // The latest record is a 签收, which reports nothing: the unit's latest report comes before
    // it, if there is one. Rare (once per unit and task), so the history read stays cheap.
    const last = (await store.progress.history(record.taskNo, record.unit)).filter(isReport).at(-1);
    if (last) latestCycle.set(record.taskNo, record.unit, last.cycle);
  }
  const closed = byTaskAndUnit<true>();
  const extensions = byTaskAndUnit<WorkflowRequest[]>();
  // A completion request waiting for the office is not a report, but the unit has said it is done:
  // the ladder pauses until the office decides (a return resumes it).
  for (const request of inputs.pending)
    if (request.kind === "completion") closed.set(request.taskNo, request.unit, true);
  const approved = inputs.approved;
  // A completion the office has reopened (/reopen) closes nothing: the ladder resumes for the unit.
  const undone = reopened(approved);
  for (const request of approved) {
    const { taskNo, unit } = request;
    if (request.kind === "completion" && !undone.has(request.id)) closed.set(taskNo, unit, true);
    else if (request.kind === "extension")
      extensions.set(taskNo, unit, [...(extensions.get(taskNo, unit) ?? []), request]);
  }
  // The office's mutes (/mute): the ladder leaves the unit, or the task, alone until /unmute.
  const mutedUnits = new Set<string>();
  const mutedTasks = new Set<number>();
  for (const override of inputs.overrides)
    if (override.kind === "mute-unit") mutedUnits.add(override.unit);
    else if (override.kind === "mute-task") mutedTasks.add(override.taskNo);
  const personSettings = new Map<
    string,
    { awayFrom?: string; awayUntil?: string; substitute?: string; snoozeUntil?: string }
  >();
  for (const person of people.all()) {
    const found = inputs.people.get(person.personId);
    if (found) personSettings.set(person.personId, found);
  }

  return {
    tasks,
    assignments,
    people,
    calendar,
    settings: settings.reminders,
    cycleFor: (task) => settings.reporting.tasks[String(task.no)] ?? settings.reporting.defaultCycle,
    start: registry.document.issuedOn || current.importedAt.slice(0, 10),
    channelFor: (person) => chooseChannel(person, sources.channels),
    limits: sources.limits ?? COMMON_LIMITS,
    // Cycle keys of one kind sort in time order, so a report for a later cycle covers this one too.
    // The empty cycle asks whether the unit has acknowledged the task at all (签收 or any report):
    // the sweep uses it to offer 签收 only the first time.
    reported: (no, unit, cycle) =>
      cycle === "" ? acknowledged.get(no, unit) === true : (latestCycle.get(no, unit) ?? "") >= cycle,
    closed: (no, unit) => closed.get(no, unit) === true,
    muted: (no, unit) => mutedTasks.has(no) || mutedUnits.has(unit),
    // The last approved extension's, as the unit's view has it (deadline-in-force.ts).
    deadline: (task, unit) => deadlineInForce(task.deadline, extensions.get(task.no, unit) ?? []),
    substituteFor: (person, date) => {
      const s = personSettings.get(person.personId);
      if (!s?.awayUntil || !s.substitute || date > s.awayUntil) return undefined;
      if (s.awayFrom !== undefined && date < s.awayFrom) return undefined;
      return people.byId(s.substitute);
    },
    snoozedUntil: (person) => personSettings.get(person.personId)?.snoozeUntil,
  };
}

/**
 * Values by task number, then unit: the planner asks about every assignment on every sweep, and a
 * "task/unit" key built for each question cost more than the answers.
 */
function byTaskAndUnit<V>() {
  const byTask = new Map<number, Map<string, V>>();
  return {
    get: (taskNo: number, unit: string): V | undefined => byTask.get(taskNo)?.get(unit),
    set(taskNo: number, unit: string, value: V): void {
      let ofTask = byTask.get(taskNo);
      if (ofTask === undefined) {
        ofTask = new Map();
        byTask.set(taskNo, ofTask);
      }
      ofTask.set(unit, value);
    },
  };
}
