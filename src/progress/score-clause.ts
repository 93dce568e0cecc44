import { withoutNumbers } from "./extract-quantities.js";

/**
 * Words that say nothing about which indicator is meant: they appear in many targets ("年内完成",
 * "力争", "以上") and in many replies ("已完成"), and would make every clause look alike.
 */
const FILLER = /年内|全年|力争|完成|实现|达到|以上|以内|以下|控制在|不超过|左右|累计|目前|已经|已/g;

/**
 * How much a reply's clause sounds like an indicator: the number of two-character words they
 * share, numbers (in any writing) and fillers left out. "已新增就业4200人" vs "年内城镇新增就业6000人" → 3
 * (新增, 增就, 就业); "其中高校毕业生1200人" vs the same → 0.
 */
export function scoreClause(clause: string, indicatorText: string): number {
  const theirs = bigrams(indicatorText);
  let shared = 0;
  for (const pair of bigrams(clause)) if (theirs.has(pair)) shared++;
  return shared;
}

function bigrams(text: string): Set<string> {
  const pairs = new Set<string>();
  // Numbers in Chinese numerals ("四千二百") are no words, as Arabic digits are not.
  const words = withoutNumbers(text).replace(FILLER, " ");
  for (const run of words.split(/[^\u4e00-\u9fff]+/)) {
    for (let i = 0; i + 1 < run.length; i++) pairs.add(run.slice(i, i + 2));
  }
  return pairs;
}
