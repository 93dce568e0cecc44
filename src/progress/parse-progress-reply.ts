import { matchUnit } from "../registry/match-unit.js";
import type { Indicator } from "../registry/registry.js";
import type { ProgressValue } from "../store/progress-report.js";
import { extractQuantities, type Quantity, withoutNumbers } from "./extract-quantities.js";
import type { ParsedReply, ReplyQuestion } from "./parsed-reply.js";
import { scoreClause } from "./score-clause.js";

/** Replies that acknowledge the bot rather than report anything. */
const CHATTER = /^(收到|好的?|好滴|ok|OK|嗯+|谢谢|多谢|明白|知道了|已阅|了解)[。！!.~～]*$/;
/** A percentage meant as the share of the task done: 完成80%, 已完成年度目标的80%, 进度80%. */
const SAYS_DONE = /完成|进度|目标的/;

export interface ParseOptions {
  /**
   * Whether a reply must give a value (an indicator's, or the percent complete) when the task has
   * indicators; default true. Replies in words by nature (a co-unit's 协办 work, a difficulty)
   * need not.
   */
  requireValue?: boolean;
}

interface Claim {
  indicator: number;
  value: number;
  unit: string;
  written: string;
  score: number;
}

type Reading = { claim: Claim } | { percent: number; written: string } | { question: ReplyQuestion } | null;

/**
 * Reads one progress reply (task number already removed, text normalized) against the task's
 * indicators: each number whose unit is an indicator's unit, as written or on another scale
 * (人/万人, 亿元/万元), becomes that indicator's value; when several indicators share the unit,
 * the clause's words decide (scoreClause). A percentage with 完成/进度 is the percent complete.
 * Numbers that fit no indicator stay in the note only. Anything that could be read two ways is
 * a question, never a guess; so is a reply that gives no value on a task that has indicators.
 * Numbers may be written in Chinese numerals or mixed forms ("四千二百人", "1.2万人", "百分之三").
 */
export function parseProgressReply(
  text: string,
  indicators: readonly Indicator[],
  options: ParseOptions = {},
): ParsedReply {
  const note = text.trim();
  if (note === "") return ask({ code: "empty" });
  if (CHATTER.test(note)) return ask({ code: "chatter" });
  const claims: Claim[] = [];
  let percent: { value: number; written: string } | undefined;
  for (const quantity of extractQuantities(note)) {
    const reading = quantity.percent ? readPercentage(quantity, indicators) : readCount(quantity, indicators);
    if (reading === null) continue;
    if ("question" in reading) return ask(reading.question);
    if ("claim" in reading) claims.push(reading.claim);
    else percent ??= { value: reading.percent, written: reading.written };
  }
  const values: ProgressValue[] = [];
  for (const [index, indicator] of indicators.entries()) {
    const mine = claims.filter((c) => c.indicator === index).sort((a, b) => b.score - a.score);
    const [best, next] = mine;
    if (!best) continue;
    if (next && next.score === best.score && next.value !== best.value)
      return ask({ code: "values-conflict", indicator: indicator.text, written: mine.map((c) => c.written) });
    values.push({ indicator: index, value: best.value, unit: best.unit });
  }
  // A reply that names no indicator's value must not stand as the latest report, hiding the last
  // good one ("52 正在推进" after "新增就业4200人"): ask for the value instead.
  if (values.length === 0 && !percent && indicators.length > 0 && options.requireValue !== false)
    return ask({ code: "no-values", indicators: indicators.map((i) => i.text) });
  return { kind: "report", values, ...(percent ? { percent: percent.value } : {}), note };
}

function ask(question: ReplyQuestion): ParsedReply {
  return { kind: "question", question };
}

/** A number with a unit: the indicator with that unit, or the one whose words the clause shares. */
function readCount(quantity: Quantity, indicators: readonly Indicator[]): Reading {
  const fits = indicators.flatMap((indicator, index) => {
    const unit = matchUnit(quantity.tail, indicator.unit);
    if (!unit) return [];
    return [{ index, indicator, unit, score: scoreClause(quantity.clause, indicator.text) }];
  });
  if (fits.length === 0) return null;
  fits.sort((a, b) => b.score - a.score);
  const [best, next] = fits as [(typeof fits)[0], ...typeof fits];
  const written = `${quantity.written}${best.unit.written}`;
  if (next && next.score === best.score)
    return { question: { code: "unit-ambiguous", written, candidates: fits.map((f) => f.indicator.text) } };
  // 千 is no scale a report keeps ("两千人" is 2000人, not 2千人), unlike 万 and 亿 ("0.42万人").
  const thousands = best.unit.written === `千${best.indicator.unit}`;
  return {
    claim: {
      indicator: best.index,
      value: thousands ? Number((quantity.value * 1000).toPrecision(12)) : quantity.value,
      unit: thousands ? best.indicator.unit : best.unit.written,
      written,
      score: best.score,
    },
  };
}

/**
 * A percentage: a % indicator when the clause names it ("失业率2.9%"), the percent complete when
 * it says 完成/进度 or is a bare number on a task without % indicators ("52 80%"); a bare
 * percentage on a task with a % indicator is a question.
 */
function readPercentage(quantity: Quantity, indicators: readonly Indicator[]): Reading {
  const { written } = quantity;
  const words = withoutNumbers(quantity.clause).replace(/[\s%]/g, "");
  const rated = indicators
    .map((indicator, index) => ({ index, indicator, score: scoreClause(quantity.clause, indicator.text) }))
    .filter((r) => r.indicator.unit === "%")
    .sort((a, b) => b.score - a.score);
  const best = rated[0];
  const done = SAYS_DONE.test(quantity.clause);
  if (best && best.score > 0 && !(done && best.score < 2)) {
    if (rated[1] && rated[1].score === best.score)
      return {
        question: { code: "unit-ambiguous", written, candidates: rated.map((r) => r.indicator.text) },
      };
    return { claim: { indicator: best.index, value: quantity.value, unit: "%", written, score: best.score } };
  }
  if (done || words === "") {
    if (best && !done)
      return { question: { code: "percent-ambiguous", written, indicator: best.indicator.text } };
    if (quantity.value > 100) return { question: { code: "percent-over", written } };
    return { percent: quantity.value, written };
  }
  return null;
}
