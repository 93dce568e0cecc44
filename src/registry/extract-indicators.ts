import type { Bound, Indicator } from "./registry.js";

/** Units a task's numbers are written in; the longest that matches wins (亿美元 before 亿元…). */
export const UNITS = [
  "微克/立方米",
  "毫克/立方米",
  "毫克/升",
  "个百分点",
  "万平方米",
  "平方米",
  "万立方米",
  "立方米",
  "亿千瓦时",
  "万千瓦时",
  "万千瓦",
  "千瓦",
  "亿美元",
  "万美元",
  "美元",
  "亿元",
  "万元",
  "元",
  "万亩",
  "亩",
  "公顷",
  "公里",
  "千米",
  "米",
  "万人次",
  "人次",
  "场次",
  "万人",
  "人",
  "万户",
  "户",
  "万吨",
  "吨",
  "个",
  "家",
  "处",
  "座",
  "所",
  "项",
  "辆",
  "套",
  "条",
  "栋",
  "台",
  "件",
  "名",
  "场",
  "次",
  "间",
  "张",
  "床",
  "%",
  "％",
].sort((a, b) => b.length - a.length);

const NUMBER_THEN_UNIT = new RegExp(`(\\d+(?:\\.\\d+)?)(${UNITS.map(escapeRegExp).join("|")})`, "g");
const RANGE_DASH = "[—－~～至到-]{1,2}";
const RANGE_LOW = new RegExp(`^${RANGE_DASH}\\d`);
/** The low end before a dash, with its unit when written ("3%—") or without ("3—"). */
const RANGE_HIGH = new RegExp(`(\\d+(?:\\.\\d+)?)(${UNITS.map(escapeRegExp).join("|")})?${RANGE_DASH}$`);
const AFTER = /^(以上|以内|以下|左右)/;
const MAX_BEFORE = /(控制在|不超过|不高于|(?<!不)低于|压降至|降至|降到|下降到)[^，。；、]*$/;

/**
 * Finds the numbers a sentence commits to, with their unit and bound. Numbers inside quotation
 * marks are names, not targets ("3个100%"), and so are numbers glued to a non-unit (500强, 5G, 327国道).
 */
export function extractIndicators(sentence: string): Indicator[] {
  const quoted = quotedRanges(sentence);
  const indicators: Indicator[] = [];
  for (const match of sentence.matchAll(NUMBER_THEN_UNIT)) {
    const at = match.index;
    const prev = sentence[at - 1] ?? "";
    if (/[\d.A-Za-z]/.test(prev) || quoted.some(([from, to]) => at > from && at < to)) continue;
    const [whole, value = "", rawUnit = ""] = match;
    const end = at + whole.length;
    const suffix = AFTER.exec(sentence.slice(end))?.[1] ?? "";
    const clause = clauseAround(sentence, at, end + suffix.length);
    const unit = rawUnit === "％" ? "%" : rawUnit;
    // A range (3%—5%, 3—5%): the low end is a minimum, the high end a maximum.
    const low = RANGE_LOW.test(sentence.slice(end));
    const high = RANGE_HIGH.exec(sentence.slice(clause.start, at));
    if (high && !high[2]) {
      indicators.push({ text: clause.text, value: Number(high[1]), unit, bound: "min" });
    }
    indicators.push({
      text: clause.text,
      value: Number(value),
      unit,
      bound: low ? "min" : high ? "max" : boundOf(suffix, sentence.slice(clause.start, at)),
    });
  }
  return indicators;
}

export function boundOf(suffix: string, before: string): Bound {
  if (suffix === "以内" || suffix === "以下") return "max";
  if (suffix === "左右") return "exact";
  if (suffix === "以上") return "min";
  return MAX_BEFORE.test(before) ? "max" : "min";
}

/**
 * The clause (between ，。；、) that holds [from, to). "和/及/与" directly before a number also
 * separates, so "推进42个重点产业项目和7个科技创新平台建设" gives each number its own clause.
 */
function clauseAround(sentence: string, from: number, to: number): { text: string; start: number } {
  const isBreak = (at: number) => {
    const ch = sentence[at];
    if (ch === undefined) return false;
    return "，。；;、,".includes(ch) || ("和及与".includes(ch) && /\d/.test(sentence[at + 1] ?? ""));
  };
  let start = from;
  while (start > 0 && !isBreak(start - 1)) start--;
  let end = to;
  while (end < sentence.length && !isBreak(end)) end++;
  return { text: sentence.slice(start, end), start };
}

function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(/“[^”]*”|"[^"]*"|「[^」]*」|‘[^’]*’/g)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

function escapeRegExp(text: string): string {
  return text.replace(/[%.*+?^${}()|[\]\\]/g, "\\$&");
}
