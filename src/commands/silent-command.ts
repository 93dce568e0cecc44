import { cycleInWords } from "../calendar/format-dates.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { readPage } from "./args/read-page.js";
import type { CommandSpec } from "./command-spec.js";
import { loadOfficeOverview } from "./office-overview.js";
import { pageText } from "./page-text.js";

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
  async run(ctx, args) {
    const { turn } = ctx;
    const page = readPage(args.page);
    if (!page.ok) return answerArgProblem(ctx, silentCommand, page);
    const overview = await loadOfficeOverview(turn);
    if (!overview) {
      await turn.answer(m("argNoRegistry"));
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
    const answer = pageText({
      head: m("silentHeader", { units: units.length, tasks }),
      blocks: lines.map((text) => ({ text })),
      page: page.value,
      limits: turn.deps.limits,
      command: "/silent",
    });
    await turn.answer(answer.text);
    return {
      result: answer.outOfRange ? "no-such-page" : "answered",
      details: { units: units.length, tasks, page: answer.page, pages: answer.pages },
    };
  },
};
