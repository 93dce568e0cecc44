/**
 * What, right after a leading number, makes it a quantity or a date rather than a task number:
 * "4200人已就业", "3月25日已完成", "2.9%", "5万亩", "4,200人". After a space only a sign or a decimal point
 * does: "52 项目已开工" is task 52.
 */
const MEASURE_AFTER =
  /^(\.\d|,\d{3}(?!\d)|[%‰年月日号时天周个人家项亿万千百元户名座处所条次台套件辆吨亩米公平批场余多])/;
const SIGN_AFTER_SPACE = /^\s+(\.\d|[%‰])/;

/** Punctuation and words between the task number and the report itself. */
const SEPARATOR = /^[\s、，,.:：；;)）\]】\-—]*/;

/**
 * The task number a reply starts with, and the rest: "52 已新增就业4200人" → 52,
 * "第52项：完成80%" → 52, "#52、…" → 52. A reply that starts with a quantity or a date
 * ("4200人", "3月25日") has no task number. `text` is normalized (normalizeReply).
 */
export function readTaskNumber(text: string): { taskNo?: number; rest: string } {
  const written = /^第\s*(\d{1,4})\s*项/.exec(text) ?? /^#?(\d{1,4})(?!\d)/.exec(text);
  if (!written?.[1]) return { rest: text };
  const after = text.slice(written[0].length);
  if (!written[0].startsWith("第") && (MEASURE_AFTER.test(after) || SIGN_AFTER_SPACE.test(after)))
    return { rest: text };
  const taskNo = Number(written[1]);
  if (taskNo === 0) return { rest: text };
  return { taskNo, rest: after.replace(SEPARATOR, "").trim() };
}
