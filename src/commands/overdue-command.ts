import { cycleInWords } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import type { Section } from "../registry/registry.js";
import { shortTitle } from "../registry/short-title.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { type ArgResult, accept, reject } from "./args/arg-result.js";
import { readUnit } from "./args/read-unit.js";
import type { CommandSpec } from "./command-spec.js";
import { filterAndPage } from "./filter-and-page.js";
import { loadOfficeOverview, type OfficeOverview, type UnitStanding } from "./office-overview.js";
import { pageText } from "./page-text.js";

const m = messages("commands");
/** Within a task, the host units first. */
const ROLE_ORDER = { host: 0, co: 1 } as const;

/** What /overdue is narrowed to. */
type Filter =
  | { kind: "unit"; unit: string }
  | { kind: "section"; section: Section }
  | { kind: "leader"; leader: string };

/**
 * /overdue [unit|section|leader] (逾期, 查逾期): every unit's part in a task that is late, with the
 * working days: its last report due (as the lights count it, 报送逾期) and, for a host, the deadline
 * passed without completion. Narrowed to a unit (name, alias or a part only it has), a chapter of
 * the registry (its title, or its numeral: 八, 第八部分) or a lead leader; by task, paged.
 */
export const overdueCommand: CommandSpec = {
  name: "overdue",
  aliases: ["逾期", "查逾期"],
  params: [
    { name: "filter", keys: ["单位", "部分", "领导"], optional: true },
    { name: "page", keys: ["页"], optional: true },
  ],
  roles: ["admin"],
  text: { summary: "overdueSummary", usage: "overdueUsage", example: "overdueExample" },
  async run(ctx, args) {
    const { turn } = ctx;
    const read = filterAndPage(args.filter, args.page);
    if (!read.ok) return answerArgProblem(ctx, overdueCommand, read);
    const overview = await loadOfficeOverview(turn);
    if (!overview) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const filter =
      read.value.filter === undefined ? undefined : readFilter(turn, overview, read.value.filter);
    if (filter && !filter.ok) return answerArgProblem(ctx, overdueCommand, filter);
    const chosen = filter?.value;
    const late = overview.standings
      .filter((s) => s.lateReport !== undefined || s.pastDeadlineDays > 0)
      .filter((s) => chosen === undefined || matches(s, chosen))
      .sort(
        (a, b) =>
          a.task.no - b.task.no ||
          ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
          days(b) - days(a) ||
          a.unit.localeCompare(b.unit),
      );
    const label = chosen === undefined ? "" : filterLabel(chosen);
    const summary = { units: late.length, tasks: new Set(late.map((s) => s.task.no)).size };
    if (late.length === 0) {
      await turn.answer(m("overdueNone", { filter: label }));
      return { result: "answered", details: { ...summary, filter: label } };
    }
    const byUnit = chosen?.kind === "unit";
    const answer = pageText({
      head: m("overdueHeader", { ...summary, filter: label }),
      blocks: late.map((s) => {
        const why = reasons(s).join(m("overdueSeparator"));
        return byUnit
          ? { text: m("overdueTaskLine", { taskNo: s.task.no, shortTitle: shortTitle(s.task), why }) }
          : {
              section: m("overdueTask", { taskNo: s.task.no, shortTitle: shortTitle(s.task) }),
              text: m("overdueUnitLine", { unit: s.unit, why }),
            };
      }),
      page: read.value.page,
      limits: turn.deps.limits,
      command:
        args.filter !== undefined && read.value.filter !== undefined
          ? `/overdue ${read.value.filter}`
          : "/overdue",
    });
    await turn.answer(answer.text);
    return {
      result: answer.outOfRange ? "no-such-page" : "answered",
      ...(chosen?.kind === "unit" ? { unit: chosen.unit } : {}),
      details: { ...summary, filter: label, page: answer.page, pages: answer.pages },
    };
  },
};

/** The word after /overdue: a lead leader, a chapter, else a unit (whose reader explains a miss). */
function readFilter(turn: Turn, overview: OfficeOverview, written: string): ArgResult<Filter> {
  const word = written.normalize("NFKC").trim();
  const leaders = new Set([
    ...turn.deps.directory.leaders.map((l) => l.name),
    ...overview.standings.flatMap((s) => s.task.leaders),
  ]);
  if (leaders.has(word)) return accept({ kind: "leader", leader: word });
  const numeral = /^第?([一二三四五六七八九十]{1,2})(?:部分|章)?$/.exec(word)?.[1];
  const sections = overview.sections.filter((s) =>
    numeral !== undefined ? s.no === numeral : [...word].length >= 2 && s.title.includes(word),
  );
  const [section] = sections;
  if (section && sections.length === 1) return accept({ kind: "section", section });
  const unit = readUnit(word, turn.deps.directory);
  if (unit.ok) return accept({ kind: "unit", unit: unit.value.name });
  const example = overview.sections[0];
  return reject(
    unit.code,
    `${unit.problem}${m("overdueFilterHint", { section: example?.title ?? "", numeral: example?.no ?? "" })}`,
  );
}

function matches(standing: UnitStanding, filter: Filter): boolean {
  if (filter.kind === "unit") return standing.unit === filter.unit;
  if (filter.kind === "section") return standing.task.section === filter.section.title;
  return standing.task.leaders.includes(filter.leader);
}

function filterLabel(filter: Filter): string {
  if (filter.kind === "unit") return filter.unit;
  if (filter.kind === "section") return m("overdueSectionLabel", filter.section);
  return m("overdueLeaderLabel", { name: filter.leader });
}

/** The most working days the unit is late by, for the order within a task. */
function days(standing: UnitStanding): number {
  return Math.max(standing.lateReport?.days ?? 0, standing.pastDeadlineDays);
}

function reasons(standing: UnitStanding): string[] {
  const { lateReport, pastDeadlineDays } = standing;
  return [
    ...(lateReport
      ? [m("overdueLate", { days: lateReport.days, cycle: cycleInWords(lateReport.cycle) })]
      : []),
    ...(pastDeadlineDays > 0 ? [m("overdueDeadline", { days: pastDeadlineDays })] : []),
    ...(standing.muted ? [m("overdueMuted")] : []),
  ];
}
