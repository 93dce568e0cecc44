import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import type { PersonSettings } from "../store/person-settings.js";
import { messages } from "../templates/template-store.js";
import { shortUnitName } from "./load-task-contexts.js";
import { setBy } from "./mute-target.js";
import { instantInWords, periodInWords } from "./when-in-words.js";

const m = messages("commands");

/** An away period that has not ended by `today`: running, or to come. */
export interface AwayPeriod {
  from: string;
  until: string;
  substitute?: Person;
}

/** The person's away period, if it has not ended by `today` (an unset start is "already begun"). */
export function awayPeriod(turn: Turn, settings: PersonSettings | undefined): AwayPeriod | undefined {
  if (!settings?.awayUntil || settings.awayUntil < turn.date) return undefined;
  const from =
    settings.awayFrom !== undefined && settings.awayFrom > turn.date ? settings.awayFrom : turn.date;
  const substitute = settings.substitute ? turn.deps.people.byId(settings.substitute) : undefined;
  return { from, until: settings.awayUntil, ...(substitute ? { substitute } : {}) };
}

/** Until when the person's reminders are snoozed, if that is still to come. */
export function snoozedUntil(turn: Turn, settings: PersonSettings | undefined): string | undefined {
  const until = settings?.snoozeUntil;
  return until !== undefined && Date.parse(until) > Date.parse(turn.at) ? until : undefined;
}

/** What /my says of the caller's own away period and snooze, with how to undo each. */
export async function ownArrangements(turn: Turn, personId: string): Promise<string[]> {
  const settings = await turn.deps.store.people.get(personId);
  const lines: string[] = [];
  const away = awayPeriod(turn, settings);
  if (away)
    lines.push(
      m("ownAway", {
        period: periodInWords(away.from, away.until, turn.date),
        substitute: away.substitute?.name ?? settings?.substitute ?? "",
      }),
    );
  const until = snoozedUntil(turn, settings);
  if (until) lines.push(m("ownSnooze", { until: instantInWords(until, turn.date) }));
  return lines;
}

/**
 * The away periods and snoozes of the contacts and heads of `units` (what /task shows of a task):
 * each person once, under the first unit listed, in the directory's order.
 */
export async function unitArrangements(turn: Turn, units: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const unit of units) {
    for (const person of turn.deps.people.ofUnit(unit)) {
      if (seen.has(person.personId)) continue;
      seen.add(person.personId);
      const settings = await turn.deps.store.people.get(person.personId);
      const who = m(person.role === "head" ? "personHead" : "personContact", {
        name: person.name,
        unit: shortUnitName(turn, unit),
      });
      const away = awayPeriod(turn, settings);
      if (away)
        lines.push(
          m("arrangementAway", {
            who,
            period: periodInWords(away.from, away.until, turn.date),
            substitute: away.substitute?.name ?? settings?.substitute ?? "",
          }),
        );
      const until = snoozedUntil(turn, settings);
      if (until) lines.push(m("arrangementSnooze", { who, until: instantInWords(until, turn.date) }));
    }
  }
  return lines;
}

/**
 * The office's mutes that silence a task's reminders (/mute): of the task, or of one of its units,
 * each with who set it, when and why (as /mute lists them).
 */
export async function taskMutes(turn: Turn, taskNo: number, units: readonly string[]): Promise<string[]> {
  return (await turn.deps.store.overrides.list()).flatMap((o) => {
    if (o.kind === "mute-task" && o.taskNo === taskNo)
      return [m("muteLine", { label: m("mutedTask", { taskNo }), ...setBy(turn, o) })];
    if (o.kind === "mute-unit" && units.includes(o.unit))
      return [m("muteLine", { label: shortUnitName(turn, o.unit), ...setBy(turn, o) })];
    return [];
  });
}

/** The urges (/remind, 一键催办) of a task, newest first: when, who urged, which units and whom. */
export async function taskUrges(turn: Turn, taskNo: number): Promise<string[]> {
  const entries = (await turn.deps.store.audit.query({ taskNo })).filter(
    (e) => e.action === "reminder.urged",
  );
  // One /remind is one event: its entries (one per unit and person reached) make one line.
  const byEvent = new Map<string, typeof entries>();
  for (const entry of entries) {
    const key = String(entry.details.event ?? entry.seq);
    byEvent.set(key, [...(byEvent.get(key) ?? []), entry]);
  }
  return [...byEvent.values()].reverse().map((group) => {
    const [first] = group;
    const units = new Map<string, string[]>();
    for (const e of group) {
      const unit = e.unit ?? "";
      const name = e.person ? (turn.deps.people.byId(e.person)?.name ?? e.person) : "";
      units.set(unit, [...(units.get(unit) ?? []), ...(name ? [name] : [])]);
    }
    return m("urgeLine", {
      when: first ? instantInWords(first.at, turn.date) : "",
      by: first ? (turn.deps.people.byId(first.actor)?.name ?? first.actor) : "",
      units: [...units]
        .map(([unit, names]) =>
          m("urgedUnit", { unit: shortUnitName(turn, unit), names: names.join(m("listSeparator")) }),
        )
        .join(m("listSeparator")),
    });
  });
}
