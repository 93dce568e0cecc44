import { cycleInWords } from "../calendar/format-dates.js";
import { messages } from "../templates/template-store.js";
import { answerUsage } from "./answer-usage.js";
import type { CommandSpec } from "./command-spec.js";
import { loadOfficeOverview } from "./office-overview.js";
import { pageLines, readPageNumber } from "./page-lines.js";

const m = messages("commands");

/**
 * /silent (未报送): the units that have not reported in the current cycle on some task, each with
 * those tasks, the most silent first. The current cycle is the one a reply would be filed under
 * today (its window opens on the ladder's first reminder), so a unit is listed from the day it was
 * first asked; a unit whose part is closed, or waits for the office's decision on closing it, owes
 * nothing.
 */
export const silentCommand: CommandSpec = {
  name: "silent",
  aliases: ["未报送", "查未报送"],
  params: [{ name: "page", keys: ["页"], optional: true }],
  roles: ["admin"],
  text: { summary: "silentSummary", usage: "silentUsage", example: "silentExample" },
  async run({ turn }, args) {
    const page = args.page === undefined ? 1 : readPageNumber(args.page);
    if (page === undefined) return answerUsage(turn, silentCommand, "page");
    const overview = await loadOfficeOverview(turn);
    if (!overview) {
      await turn.answer(m("noRegistry"));
      return { result: "no-registry" };
    }
    const byUnit = new Map<string, { taskNo: number; cycle: string }[]>();
    for (const s of overview.standings) {
      if (s.settled || !s.current || s.current.reported) continue;
      byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), { taskNo: s.task.no, cycle: s.current.cycle }]);
    }
    const units = [...byUnit].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
    const tasks = units.reduce((sum, [, owed]) => sum + owed.length, 0);
    if (units.length === 0) {
      await turn.answer(m("silentNone"));
      return { result: "answered", details: { units: 0, tasks: 0 } };
    }
    const lines = units.map(([unit, owed]) =>
      m("silentLine", {
        unit,
        count: owed.length,
        tasks: owed.map((o) => o.taskNo).join(m("listSeparator")),
        cycles: [...new Set(owed.map((o) => cycleInWords(o.cycle)))].join(m("listSeparator")),
      }),
    );
    const answer = pageLines(lines, {
      page,
      textBytes: turn.deps.limits.textBytes,
      header: m("silentHeader", { units: units.length, tasks }),
      commandFor: (n) => `/silent ${n}`,
    });
    await turn.answer(answer.text);
    return {
      result: answer.ok ? "answered" : "no-such-page",
      details: { units: units.length, tasks, page, pages: answer.pages },
    };
  },
};
