/** A reply that opens with 有困难 (遇到困难, 存在困难, 困难：): the unit reports a difficulty. */
const RAISES = /^(有困难|遇到困难|存在困难|反映困难|困难(?=[:：]))[\s:：，,。]*/;
/** "困难已解决", "场地问题已协调解决", "困难均已排除": the difficulty is over. */
const SOLVED = /(困难|问题)[^，。；,;！!]{0,8}?(已|已经|均已|得到)[^，。；,;！!]{0,4}?(解决|排除|消除|落实)/;
/** "尚未解决", "仍未解决", "没有解决": it is not. */
const NOT_YET = /未|没有|尚|仍/;

/**
 * The difficulty a text reports, without the words that announce it ("有困难：场地未落实" →
 * "场地未落实"), or undefined when the text does not report one.
 */
export function readDifficulty(text: string): string | undefined {
  const match = RAISES.exec(text.trim());
  if (!match) return undefined;
  const rest = text.trim().slice(match[0].length).trim();
  return rest === "" ? text.trim() : rest;
}

/** Whether a reply says the unit's difficulty has been solved ("12 困难已解决"). */
export function saysDifficultySolved(text: string): boolean {
  const match = SOLVED.exec(text);
  return match !== null && !NOT_YET.test(match[0]);
}
