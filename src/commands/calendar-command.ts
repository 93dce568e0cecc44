import { dateWithWeekday } from "../calendar/format-dates.js";
import { addDays, yearOf } from "../calendar/iso-date.js";
import type { DayInfo, DayKind } from "../calendar/work-calendar.js";
import type { Turn } from "../conversation/turn.js";
import type { OfficeOverride } from "../store/office-override.js";
import { messages } from "../templates/template-store.js";
import { shortDate } from "../unit-view/short-date.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { type ArgResult, accept, reject } from "./args/arg-result.js";
import { readDate } from "./args/read-date.js";
import type { CommandContext } from "./command-context.js";
import type { CommandOutcome, CommandSpec } from "./command-spec.js";

const m = messages("commands");
/** What a day is, in words. */
const KIND: Record<DayKind, string> = {
  workday: "dayWorkday",
  weekend: "dayWeekend",
  holiday: "dayHoliday",
  "makeup-workday": "dayMakeup",
  "override-closed": "dayOverrideClosed",
  "override-open": "dayOverrideOpen",
};
const ADD = ["add", "添加", "增加", "设置"];
const REMOVE = ["remove", "删除", "撤销", "取消"];
/** 休 or 班, as an admin may write them. */
const WORKING: Record<string, boolean> = {
  休: false,
  休息: false,
  放假: false,
  off: false,
  closed: false,
  班: true,
  上班: true,
  工作: true,
  工作日: true,
  on: true,
  open: true,
};
/** How far ahead /calendar looks for holidays, and how many it names. */
const LOOK_AHEAD_DAYS = 366;
const HOLIDAYS_SHOWN = 3;

/**
 * /calendar (日历): the working-day calendar as the ladder counts it: whether this year's and next
 * year's official arrangements are loaded, the next holidays and their make-up days, and the local
 * days coming (the config's and the office's). `/calendar add 2026-12-31 休|班 [说明]` sets a local
 * day in the store, `/calendar remove 2026-12-31` takes it away: both logged, both in force at
 * once (the reminders' due dates and the sending hours follow the calendar).
 */
export const calendarCommand: CommandSpec = {
  name: "calendar",
  aliases: ["日历", "工作日历"],
  params: [
    { name: "action", keys: ["操作"], optional: true },
    { name: "date", keys: ["日期"], optional: true },
    { name: "what", keys: ["类型"], optional: true },
    { name: "note", keys: ["说明"], optional: true, rest: true },
  ],
  roles: ["admin"],
  text: { summary: "calendarSummary", usage: "calendarUsage", example: "calendarExample" },
  async run(ctx, args) {
    const action = args.action?.toLowerCase();
    if (action === undefined) return showCalendar(ctx);
    const date =
      args.date === undefined
        ? reject("no-date", m("calendarNoDate"))
        : readDate(args.date, { today: ctx.turn.date, lean: "future" });
    if (!date.ok) return answerArgProblem(ctx, calendarCommand, date);
    if (ADD.includes(action)) {
      const working = readWorking(args.what);
      if (!working.ok) return answerArgProblem(ctx, calendarCommand, working);
      return addDay(ctx, date.value.date, working.value, args.note?.trim());
    }
    if (REMOVE.includes(action) && args.what === undefined) return removeDay(ctx, date.value.date);
    return answerArgProblem(
      ctx,
      calendarCommand,
      reject("bad-action", m("calendarBadAction", { written: args.action })),
    );
  },
};

function readWorking(written: string | undefined): ArgResult<boolean> {
  const working = written === undefined ? undefined : WORKING[written.toLowerCase()];
  return working === undefined
    ? reject("bad-day-kind", m("calendarBadKind", { written: written ?? "" }))
    : accept(working);
}

async function showCalendar({ turn }: CommandContext): Promise<CommandOutcome> {
  const { calendar, settings } = turn.deps;
  const year = yearOf(turn.date);
  const coverage = [year, year + 1].map((y) =>
    m(calendar.coverage(y) === "official" ? "calendarCovered" : "calendarUncovered", { year: y }),
  );
  const days: DayInfo[] = [];
  for (let i = 0; i < LOOK_AHEAD_DAYS; i++) days.push(calendar.dayInfo(addDays(turn.date, i)));
  const holidays = holidayPeriods(days).slice(0, HOLIDAYS_SHOWN);
  const names = new Set(holidays.map((h) => h.name));
  const makeups = days
    .filter((d) => d.kind === "makeup-workday" && names.has(d.name ?? ""))
    .map((d) => m("calendarMakeup", { date: dateWithWeekday(d.date), name: d.name ?? "" }));
  const office = await officeDays(turn);
  const local = [
    ...settings.calendar.closedDays.map((d) => ({ ...d, working: false, by: m("calendarByConfig") })),
    ...settings.calendar.extraWorkingDays.map((d) => ({ ...d, working: true, by: m("calendarByConfig") })),
  ]
    .filter((d) => !office.some((o) => o.date === d.date))
    .concat(office.map((o) => ({ ...o, by: setByWords(turn, o) })))
    .filter((d) => d.date >= turn.date)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) =>
      m("calendarLocal", {
        date: dateWithWeekday(d.date),
        kind: m(d.working ? "calendarWorking" : "calendarClosed"),
        note: d.note ?? "",
        by: d.by,
      }),
    );
  await turn.answer(
    m("calendarAnswer", {
      coverage: coverage.join(m("calendarSeparator")),
      holidays: holidays.map((h) =>
        m("calendarHoliday", { name: h.name, from: shortDay(h.from), to: shortDay(h.to), days: h.days }),
      ),
      makeups,
      local,
      hasMakeups: makeups.length > 0,
      hasLocal: local.length > 0,
    }),
  );
  return { result: "answered", details: { holidays: holidays.length, local: local.length } };
}

async function addDay(
  { turn, caller }: CommandContext,
  date: string,
  working: boolean,
  note: string | undefined,
): Promise<CommandOutcome> {
  const was = turn.deps.calendar.dayInfo(date);
  const words = { date: dateWithWeekday(date), was: kindWords(was) };
  if (date < turn.date) {
    await turn.answer(m("calendarPast", words));
    return { result: "past-date", details: { date } };
  }
  const existing = (await officeDays(turn)).find((d) => d.date === date);
  if (was.working === working && (existing === undefined || existing.note === note)) {
    await turn.answer(m("calendarUnchanged", words));
    return { result: "unchanged", details: { date, working } };
  }
  const override: OfficeOverride = {
    kind: "calendar-day",
    date,
    working,
    setBy: caller.actor,
    setAt: turn.at,
    ...(note ? { note } : {}),
  };
  await turn.deps.store.overrides.put(override);
  await turn.deps.refreshCalendar();
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: caller.actor,
    action: "calendar.day-set",
    details: {
      date,
      working,
      ...(note ? { note } : {}),
      was: { working: was.working, kind: was.kind },
      event: turn.event.eventId,
    },
  });
  await turn.answer(
    m("calendarAdded", {
      ...words,
      kind: m(working ? "calendarSetWorking" : "calendarSetClosed"),
      note: note ?? "",
      undo: date,
    }),
  );
  return { result: "set", details: { date, working } };
}

async function removeDay({ turn, caller }: CommandContext, date: string): Promise<CommandOutcome> {
  const existing = (await officeDays(turn)).find((d) => d.date === date);
  const words = { date: dateWithWeekday(date) };
  if (!existing || !(await turn.deps.store.overrides.remove(`calendar-day/${date}`))) {
    const { closedDays, extraWorkingDays } = turn.deps.settings.calendar;
    const inConfig = [...closedDays, ...extraWorkingDays].some((d) => d.date === date);
    await turn.answer(m(inConfig ? "calendarInConfig" : "calendarNothingToRemove", words));
    return { result: inConfig ? "in-config" : "not-set", details: { date } };
  }
  await turn.deps.refreshCalendar();
  const now = turn.deps.calendar.dayInfo(date);
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: caller.actor,
    action: "calendar.day-removed",
    details: {
      date,
      was: {
        working: existing.working,
        ...(existing.note ? { note: existing.note } : {}),
        setBy: existing.setBy,
      },
      now: { working: now.working, kind: now.kind },
      event: turn.event.eventId,
    },
  });
  await turn.answer(m("calendarRemoved", { ...words, now: kindWords(now) }));
  return { result: "removed", details: { date } };
}

/** The office's days in the store, as set (with who and when). */
async function officeDays(turn: Turn) {
  return (await turn.deps.store.overrides.list()).flatMap((o) => (o.kind === "calendar-day" ? [o] : []));
}

/** Consecutive holiday days of one name, from a run of days in order. */
function holidayPeriods(
  days: readonly DayInfo[],
): { name: string; from: string; to: string; days: number }[] {
  const periods: { name: string; from: string; to: string; days: number }[] = [];
  for (const day of days) {
    if (day.kind !== "holiday") continue;
    const last = periods.at(-1);
    if (last && last.name === (day.name ?? "") && addDays(last.to, 1) === day.date) {
      last.to = day.date;
      last.days++;
    } else periods.push({ name: day.name ?? "", from: day.date, to: day.date, days: 1 });
  }
  return periods;
}

function kindWords(day: DayInfo): string {
  return m(KIND[day.kind], { name: day.name ?? "" });
}

function setByWords(turn: Turn, override: OfficeOverride): string {
  return m("calendarByOffice", {
    name: turn.deps.people.byId(override.setBy)?.name ?? override.setBy,
    when: shortDate(override.setAt),
  });
}

/** "4月3日". */
function shortDay(date: string): string {
  return shortDate(`${date}T12:00:00+08:00`);
}
