import { plainDate } from "../calendar/format-dates.js";
import { messages } from "../templates/template-store.js";
import type { CommandSpec } from "./command-spec.js";
import { loadOfficeOverview, type UnitStanding } from "./office-overview.js";

const m = messages("commands");

/**
 * /stats (统计): the on-time rate of every report due so far (a later cycle's report covering the
 * ones before it, as the ladder counts), how many units have reported in the current cycle of the
 * ones asked (the cycle a reply is filed under), and both by chapter of the registry.
 */
export const statsCommand: CommandSpec = {
  name: "stats",
  aliases: ["统计", "督办统计"],
  params: [],
  roles: ["admin"],
  text: { summary: "statsSummary", usage: "statsUsage", example: "statsExample" },
  async run({ turn }) {
    const overview = await loadOfficeOverview(turn);
    if (!overview) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const all = tally(overview.standings);
    const sections = overview.sections.flatMap((section) => {
      const of = overview.standings.filter((s) => s.task.section === section.title);
      return of.length === 0
        ? []
        : [m("statsSection", { no: section.no, title: section.title, ...tally(of) })];
    });
    await turn.answer(m("statsAnswer", { date: plainDate(overview.date), ...all, sections }));
    return {
      result: "answered",
      details: { due: all.due, onTime: all.onTime, expected: all.expected, reported: all.reported },
    };
  },
};

/** The counts of a set of units' parts, and the on-time rate in whole percent ("—" with nothing due). */
function tally(standings: readonly UnitStanding[]) {
  const dues = standings.flatMap((s) => s.pastDues);
  const onTime = dues.filter((d) => d.onTime).length;
  const asked = standings.filter((s) => !s.settled && s.current);
  const reported = asked.filter((s) => s.current?.reported).length;
  return {
    due: dues.length,
    onTime,
    rate: dues.length === 0 ? "—" : `${Math.round((onTime / dues.length) * 100)}%`,
    expected: asked.length,
    reported,
    completed: standings.filter((s) => s.view.state === "completed").length,
  };
}
