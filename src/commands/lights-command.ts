import type { LightColor } from "../lights/light.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import type { CommandSpec } from "./command-spec.js";
import { filterAndPage } from "./filter-and-page.js";
import { loadOfficeOverview } from "./office-overview.js";
import { pageText } from "./page-text.js";
import { readCommand } from "./read-command.js";

const m = messages("commands");
/** The words that pick a colour, as typed after the command or as the alias itself (红灯). */
const COLORS: Record<string, Exclude<LightColor, "green">> = {
  red: "red",
  红: "red",
  红灯: "red",
  yellow: "yellow",
  黄: "yellow",
  黄灯: "yellow",
};
const RANK = { red: 0, yellow: 1 } as const;

/**
 * /lights [red|yellow] (亮灯, 红灯, 黄灯): every unit's part in a task that is not green, red first,
 * each with the reasons of its light, paged within the channel's limits. 红灯 and 黄灯 pick their
 * colour; `/lights red 2` is the second page.
 */
export const lightsCommand: CommandSpec = {
  name: "lights",
  aliases: ["亮灯", "红灯", "黄灯", "灯色"],
  params: [
    { name: "color", keys: ["颜色"], optional: true },
    { name: "page", keys: ["页"], optional: true },
  ],
  roles: ["admin"],
  text: { summary: "lightsSummary", usage: "lightsUsage", example: "lightsExample" },
  async run(ctx, args) {
    const { turn } = ctx;
    const read = filterAndPage(args.color, args.page);
    if (!read.ok) return answerArgProblem(ctx, lightsCommand, read);
    // 红灯 and 黄灯 say the colour themselves.
    const typed = readCommand(turn.event.kind === "text" ? turn.event.text : "", [lightsCommand])?.typed;
    const word = read.value.filter ?? (typed === "红灯" || typed === "黄灯" ? typed : undefined);
    const color = word === undefined ? undefined : COLORS[word.toLowerCase()];
    if (word !== undefined && color === undefined)
      return answerArgProblem(
        ctx,
        lightsCommand,
        reject("bad-color", m("lightsBadColor", { written: word })),
      );
    const overview = await loadOfficeOverview(turn);
    if (!overview) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const lit = overview.standings
      .flatMap((s) => (s.light.color === "green" ? [] : [{ ...s, color: s.light.color }]))
      .filter((s) => color === undefined || s.color === color)
      .sort((a, b) => RANK[a.color] - RANK[b.color] || a.task.no - b.task.no || a.unit.localeCompare(b.unit));
    const counts = {
      red: lit.filter((s) => s.color === "red").length,
      yellow: lit.filter((s) => s.color === "yellow").length,
    };
    if (lit.length === 0) {
      await turn.answer(
        m(color === undefined ? "lightsNone" : color === "red" ? "lightsNoneRed" : "lightsNoneYellow"),
      );
      return { result: "answered", details: { ...counts, color: color ?? "all" } };
    }
    const head =
      color === undefined
        ? m("lightsHeader", { total: lit.length, ...counts })
        : m(color === "red" ? "lightsHeaderRed" : "lightsHeaderYellow", { total: lit.length });
    const page = pageText({
      head,
      blocks: lit.map((s) => ({
        text: m("lightsLine", { taskNo: s.task.no, unit: s.unit, light: s.light.text }),
      })),
      page: read.value.page,
      limits: turn.deps.limits,
      command: color === undefined ? "/lights" : `/lights ${color}`,
    });
    await turn.answer(page.text);
    return {
      result: page.outOfRange ? "no-such-page" : "answered",
      details: { ...counts, color: color ?? "all", page: page.page, pages: page.pages },
    };
  },
};
