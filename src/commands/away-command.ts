import { dayNumber } from "../calendar/iso-date.js";
import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import { messages } from "../templates/template-store.js";
import { sendNotice } from "../workflow/send-notice.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import { readDateRange } from "./args/read-date-range.js";
import { describePerson, readPerson } from "./args/read-person.js";
import { awayPeriod } from "./arrangements.js";
import type { Caller } from "./command-context.js";
import type { CommandSpec } from "./command-spec.js";
import { periodInWords } from "./when-in-words.js";

const m = messages("commands");
/** Longer than this, the office should change the unit's contact in the directory instead. */
export const MAX_AWAY_DAYS = 60;
/** "… 代理人李四", "… 代理人：李四", "… 代理 李四" at the end of the dates. */
const SUBSTITUTE_AFTER = /^(.*?)\s*(?:代理人|代办人|代理)\s*[:：]?\s*(\S+)$/;

/**
 * /away 4月6日-4月10日 代理人=李四 (请假): from the first day to the last, the person's reminders go to
 * the substitute (the ladder's away setting), who may also report for the person's units; /back
 * ends it early. The substitute is told, and must be someone the directory has, reachable on a
 * channel, and not away then themselves. A new /away replaces the one before.
 */
export const awayCommand: CommandSpec = {
  name: "away",
  aliases: ["请假", "外出", "外出登记"],
  params: [
    { name: "dates", keys: ["日期", "时间"], rest: true },
    { name: "substitute", keys: ["代理人", "代办人", "代理", "substitute"], namedOnly: true, optional: true },
  ],
  roles: ["contact"],
  text: { summary: "awaySummary", usage: "awayUsage", example: "awayExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const readRange = (text: string) => readDateRange(text, { today: turn.date, lean: "future" });
    const written = splitSubstitute(args.dates ?? "", args.substitute, (text) => readRange(text).ok);
    const range = readRange(written.dates);
    if (!range.ok) return answerArgProblem(ctx, awayCommand, range);
    const { to } = range.value;
    if (to < turn.date)
      return answerArgProblem(
        ctx,
        awayCommand,
        reject("past-range", m("awayPast", { to: periodInWords(to, to, turn.date) })),
      );
    // A start already past counts from today: the days before are gone.
    const from = [range.value.from, turn.date].sort().at(-1) ?? turn.date;
    const days = (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0) + 1;
    if (days > MAX_AWAY_DAYS)
      return answerArgProblem(
        ctx,
        awayCommand,
        reject("too-long", m("awayTooLong", { days, max: MAX_AWAY_DAYS })),
      );

    // Who else the caller could name, but the one just refused.
    const canName = (except?: string) => {
      const colleagues = colleaguesOf(turn, caller).filter((c) => c.personId !== except);
      const people = colleagues.map((c) => describePerson(turn.deps.people, c)).join(m("listSeparator"));
      return people === "" ? "" : m("awayCanName", { people });
    };
    if (written.substitute === undefined)
      return answerArgProblem(
        ctx,
        awayCommand,
        reject("no-substitute", m("awayNoSubstitute", { canName: canName() })),
      );
    const named = readPerson(written.substitute, turn.deps.people);
    if (!named.ok)
      return answerArgProblem(ctx, awayCommand, { ...named, problem: `${named.problem}${canName()}` });
    const substitute = named.value;
    const refusal = await checkSubstitute(turn, caller, substitute, from, to);
    if (refusal)
      return answerArgProblem(
        ctx,
        awayCommand,
        reject(refusal.code, `${refusal.problem}${canName(substitute.personId)}`),
      );

    const current = (await turn.deps.store.people.get(caller.actor)) ?? {};
    const previous = awayPeriod(turn, current);
    await turn.deps.store.people.put(caller.actor, {
      ...current,
      awayFrom: from,
      awayUntil: to,
      substitute: substitute.personId,
    });
    const period = periodInWords(from, to, turn.date);
    const me = describePerson(turn.deps.people, turn.person);
    await sendNotice(turn, [substitute], {
      key: `away/${caller.actor}/${from}/${to}`,
      text: m("awaySubstituteNotice", { who: me, period }),
      meta: { kind: "away" },
    });
    if (previous?.substitute && previous.substitute.personId !== substitute.personId)
      await sendNotice(turn, [previous.substitute], {
        key: `away-replaced/${caller.actor}/${previous.from}/${previous.until}/${turn.event.eventId}`,
        text: m("awaySubstituteReleased", {
          who: me,
          period: periodInWords(previous.from, previous.until, turn.date),
        }),
        meta: { kind: "away" },
      });
    await turn.answer(
      [
        m("awayRecorded", {
          period,
          substitute: describePerson(turn.deps.people, substitute),
          name: substitute.name,
        }),
        ...(range.value.from < turn.date ? [m("awayFromToday")] : []),
        ...(previous
          ? [m("awayReplaced", { period: periodInWords(previous.from, previous.until, turn.date) })]
          : []),
      ].join("\n"),
    );
    return {
      result: "recorded",
      details: {
        from,
        until: to,
        substitute: substitute.personId,
        ...(previous
          ? {
              replaced: {
                from: previous.from,
                until: previous.until,
                substitute: previous.substitute?.personId ?? null,
              },
            }
          : {}),
      },
    };
  },
};

/**
 * The dates and the substitute, wherever the person put the substitute's name: as 代理人=李四, after
 * 代理人 at the end ("… 代理人李四", "… 代理人：李四"), or as a last word that is not part of the dates.
 */
function splitSubstitute(
  text: string,
  byKey: string | undefined,
  readsAsDates: (text: string) => boolean,
): { dates: string; substitute?: string } {
  if (byKey !== undefined) return { dates: text, substitute: byKey };
  const after = SUBSTITUTE_AFTER.exec(text.trim());
  if (after) return { dates: after[1] ?? "", substitute: after[2] ?? "" };
  const words = text.trim().split(/\s+/);
  if (words.length >= 2 && !readsAsDates(text)) {
    const dates = words.slice(0, -1).join(" ");
    if (readsAsDates(dates)) return { dates, substitute: words.at(-1) ?? "" };
  }
  return { dates: text };
}

/** Why `substitute` cannot stand in for the caller from `from` to `to`, or undefined when they can. */
async function checkSubstitute(
  turn: Turn,
  caller: Caller,
  substitute: Person,
  from: string,
  to: string,
): Promise<{ code: string; problem: string } | undefined> {
  if (substitute.personId === caller.actor) return { code: "self", problem: m("awaySelf") };
  if (!turn.deps.channelFor(substitute))
    return { code: "unreachable", problem: m("awayUnreachable", { name: substitute.name }) };
  const theirs = awayPeriod(turn, await turn.deps.store.people.get(substitute.personId));
  if (theirs && theirs.from <= to && theirs.until >= from)
    return {
      code: "substitute-away",
      problem: m("awaySubstituteAway", {
        name: substitute.name,
        period: periodInWords(theirs.from, theirs.until, turn.date),
      }),
    };
  return undefined;
}

/** The other contacts and heads of the caller's units, whom the answer suggests as substitutes. */
function colleaguesOf(turn: Turn, caller: Caller): Person[] {
  const seen = new Set<string>([caller.actor]);
  const colleagues: Person[] = [];
  for (const entry of caller.entries) {
    if (entry.unit === undefined) continue;
    for (const person of turn.deps.people.ofUnit(entry.unit)) {
      if (seen.has(person.personId)) continue;
      seen.add(person.personId);
      colleagues.push(person);
    }
  }
  return colleagues;
}
