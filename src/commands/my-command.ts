import type { Turn } from "../conversation/turn.js";
import type { LightColor } from "../lights/light.js";
import { shortTitle } from "../registry/short-title.js";
import { message, messages } from "../templates/template-store.js";
import type { TaskContext } from "../workflow/task-context.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { readPage } from "./args/read-page.js";
import { ownArrangements } from "./arrangements.js";
import { assessPart, type PartStatus } from "./assess-part.js";
import type { CommandSpec } from "./command-spec.js";
import { COLOR_RANK, describePart } from "./describe-part.js";
import { loadTaskContexts, shortUnitName } from "./load-task-contexts.js";
import { type PagedBlock, pageText } from "./page-text.js";
import { dayInWords } from "./when-in-words.js";

const m = messages("commands");
/** A leader's line names this many of the units with the task's worst light, then "等N个单位". */
const UNITS_NAMED = 2;
/** templates/lights.yaml's colour names. */
const COLOR_NAME: Readonly<Record<LightColor, string>> = { green: "green", yellow: "yellow", red: "red" };

/**
 * /my (我的任务): for a contact or head, the tasks of each of their units (due dates, last report,
 * light with its reasons), the most urgent first, and their own away period or snooze; for a
 * leader, the tasks they lead with the worst light among the units and why. Someone holding both
 * roles gets both sections. Long lists are paged within the channel's message size (`/my 2`).
 */
export const myCommand: CommandSpec = {
  name: "my",
  aliases: ["我的任务", "我的督办", "查看我的任务"],
  params: [{ name: "page", keys: ["页", "页码"], optional: true }],
  roles: ["contact", "leader"],
  text: { summary: "mySummary", usage: "myUsage", example: "myExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    const page = readPage(args.page);
    if (!page.ok) return answerArgProblem(ctx, myCommand, page);
    const contexts = await loadTaskContexts(turn);
    if (!contexts) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const units = [...new Set(caller.entries.flatMap((e) => (e.unit !== undefined ? [e.unit] : [])))];
    const leaderNames = caller.entries.filter((e) => e.role === "leader").map((e) => e.name);
    const blocks: PagedBlock[] = [];
    for (const unit of units) blocks.push(...(await unitBlocks(turn, contexts, unit)));
    const led = contexts.filter((c) => c.task.leaders.some((name) => leaderNames.includes(name)));
    if (led.length > 0) blocks.push(...(await leaderBlocks(turn, led)));

    const name = caller.entries[0]?.name ?? "";
    const notes = units.length > 0 ? await ownArrangements(turn, caller.actor) : [];
    if (blocks.length === 0) {
      await turn.answer([m("myNone", { name }), ...notes].join("\n"));
      return { result: "answered", details: { tasks: 0 } };
    }
    const head = [m("myHead", { name, date: dayInWords(turn.date, turn.date) }), ...notes].join("\n");
    const paged = pageText({ head, blocks, page: page.value, limits: turn.deps.limits, command: "/my" });
    await turn.answer(paged.text);
    return {
      result: paged.outOfRange ? "out-of-range" : "answered",
      details: { tasks: blocks.length, page: paged.page, pages: paged.pages },
    };
  },
};

/** The unit's tasks, red first, then yellow, then by number, under the unit's name and counts. */
async function unitBlocks(turn: Turn, contexts: readonly TaskContext[], unit: string): Promise<PagedBlock[]> {
  const parts: { context: TaskContext; part: PartStatus }[] = [];
  for (const context of contexts)
    if (context.assignments.some((a) => a.unit === unit))
      parts.push({ context, part: await assessPart(turn, context, unit) });
  if (parts.length === 0) return [];
  parts.sort(
    (a, b) =>
      COLOR_RANK[b.part.light.color] - COLOR_RANK[a.part.light.color] ||
      a.context.task.no - b.context.task.no,
  );
  const section = m("mySectionUnit", {
    unit,
    count: parts.length,
    ...countColors(parts.map((p) => p.part.light.color)),
  });
  return parts.map(({ context, part }) => ({
    section,
    text: m("myUnitTask", {
      taskNo: context.task.no,
      shortTitle: shortTitle(context.task),
      ...describePart(turn, part),
    }),
  }));
}

/**
 * The tasks a leader leads, worst first: each with its worst light, the units that have it (their
 * first reason) and how many units have each colour.
 */
async function leaderBlocks(turn: Turn, led: readonly TaskContext[]): Promise<PagedBlock[]> {
  const rows: { context: TaskContext; color: LightColor; text: string }[] = [];
  for (const context of led) {
    const parts: { unit: string; part: PartStatus }[] = [];
    for (const a of context.assignments)
      parts.push({ unit: a.unit, part: await assessPart(turn, context, a.unit) });
    const colors = parts.map((p) => p.part.light.color);
    const color = colors.reduce<LightColor>((w, c) => (COLOR_RANK[c] > COLOR_RANK[w] ? c : w), "green");
    const hosts = context.assignments
      .filter((a) => a.role === "host")
      .map((a) => shortUnitName(turn, a.unit));
    let reasons: string;
    if (color === "green") {
      const host = parts.find((p) => p.part.view.role === "host") ?? parts[0];
      reasons = host?.part.light.reasons.join(m("reasonSeparator")) ?? "";
    } else {
      const worst = parts.filter((p) => p.part.light.color === color);
      const named = worst
        .slice(0, UNITS_NAMED)
        .map((p) =>
          m("unitReason", { unit: shortUnitName(turn, p.unit), reason: p.part.light.reasons[0] ?? "" }),
        );
      const more = worst.length - named.length;
      reasons = named.join(m("reasonSeparator")) + (more > 0 ? m("moreUnits", { count: more }) : "");
    }
    rows.push({
      context,
      color,
      text: m("myLeaderTask", {
        taskNo: context.task.no,
        shortTitle: shortTitle(context.task),
        color: message("lights", COLOR_NAME[color]),
        reasons,
        counts: colorCounts(colors),
        hosts: hosts.join(m("listSeparator")) || m("noHost"),
        deadline: dayInWords(context.task.deadline, turn.date),
      }),
    });
  }
  rows.sort((a, b) => COLOR_RANK[b.color] - COLOR_RANK[a.color] || a.context.task.no - b.context.task.no);
  const section = m("mySectionLeader", { count: rows.length, ...countColors(rows.map((r) => r.color)) });
  return rows.map((row) => ({ section, text: row.text }));
}

function countColors(colors: readonly LightColor[]) {
  return {
    red: colors.filter((c) => c === "red").length,
    yellow: colors.filter((c) => c === "yellow").length,
  };
}

/** "红2、黄1、绿14": the colours present, worst first. */
function colorCounts(colors: readonly LightColor[]): string {
  const count = (color: LightColor) => colors.filter((c) => c === color).length;
  return [
    { name: message("lights", "red"), count: count("red") },
    { name: message("lights", "yellow"), count: count("yellow") },
    { name: message("lights", "green"), count: count("green") },
  ]
    .filter((c) => c.count > 0)
    .map((c) => m("colorCount", c))
    .join(m("listSeparator"));
}
