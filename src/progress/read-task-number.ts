import { readChineseNumber } from "../registry/chinese-numerals.js";

/**
 * What, right after a leading number, makes it a quantity, a date or a range rather than a task
 * number: "4200人已就业", "3月25日已完成", "2.9%", "5万亩", "4,200人", "3成", "3-5月". After a space
 * only a sign or a decimal point does: "52 项目已开工" is task 52.
 */
const MEASURE_AFTER =
  /^(\.\d|,\d{3}(?!\d)|[-—~～]\d|[%‰年月日号时天周个人家项亿万千百十元户名座处所条次台套件辆吨亩米公平批场余多成])/;
const SIGN_AFTER_SPACE = /^\s+(\.\d|[%‰])/;
/** A phone number written in groups ("138 1234 5678", "0551-6234-5678") is no task number. */
const PHONE = /^\d{3,4}[\s-]\d{3,4}[\s-]\d{4}(?!\d)/;

/** 第52项, 第五十二项, 第 52 号（任务）: the ordinal says it is a task number. */
const ORDINAL = /^第\s*(\d{1,4}|[零〇一二两三四五六七八九十百千]{1,8})\s*[项号](?:任务)?/;
/** (52), （52）, 【52】, [52]. */
const BRACKETED = /^[(（【[]\s*(\d{1,4})\s*[)）】\]]/;
/** 52号, 52号任务; a day of the month when 31 or less and a date's words follow ("25号前完成"). */
const NUMBERED = /^#?(\d{1,4})\s*号(任务)?/;
const LEADING = /^#?(\d{1,4})(?!\d)/;
/**
 * What makes "25号" the 25th rather than task 25: "25号前", "25号至28号", "25号上午". Otherwise it is
 * read as the task: a wrong task number is refused and records nothing, while a day read as no task
 * number would file the reply under the person's waiting task.
 */
const DATE_AFTER = /^(前|后|起|以前|之前|以后|之后|至|到|[-~～—]\s*\d|上午|下午|晚|当天|当日|左右|之间)/;

/** Punctuation and words between the task number and the report itself. */
const SEPARATOR = /^[\s、，,.:：；;)）\]】\-—]*/;

/**
 * The task number a reply starts with, and the rest: "52 已新增就业4200人" → 52,
 * "第52项：完成80%" → 52, "第五十二项 …" → 52, "52号 …", "（52）…", "52、…", "52. …", "#52 …" → 52.
 * A reply that starts with a quantity, a date or a phone number ("4200人", "3月25日", "25号前",
 * "138 1234 5678") has no task number. `text` is normalized (normalizeReply).
 */
export function readTaskNumber(text: string): { taskNo?: number; rest: string } {
  const found = findTaskNumber(text);
  if (!found || !Number.isInteger(found.taskNo) || found.taskNo <= 0) return { rest: text };
  return { taskNo: found.taskNo, rest: text.slice(found.length).replace(SEPARATOR, "").trim() };
}

function findTaskNumber(text: string): { taskNo: number; length: number } | undefined {
  const ordinal = ORDINAL.exec(text);
  if (ordinal) {
    const taskNo = readChineseNumber(ordinal[1] ?? "");
    return taskNo === undefined ? undefined : { taskNo, length: ordinal[0].length };
  }
  const bracketed = BRACKETED.exec(text);
  if (bracketed) return { taskNo: Number(bracketed[1]), length: bracketed[0].length };
  if (PHONE.test(text)) return undefined;
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const taskNo = Number(numbered[1]);
    const after = text.slice(numbered[0].length);
    const day = taskNo <= 31 && numbered[2] === undefined && DATE_AFTER.test(after.trimStart());
    return day ? undefined : { taskNo, length: numbered[0].length };
  }
  const leading = LEADING.exec(text);
  if (!leading) return undefined;
  const after = text.slice(leading[0].length);
  if (MEASURE_AFTER.test(after) || SIGN_AFTER_SPACE.test(after)) return undefined;
  return { taskNo: Number(leading[1]), length: leading[0].length };
}
