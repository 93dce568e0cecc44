import { readSmallNumber } from "../../registry/chinese-numerals.js";
import { messages } from "../../templates/template-store.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");

/**
 * A length of time as written; the command says what a day is (for a snooze: working days, since
 * reminders only go out on them).
 */
export interface Duration {
  unit: "hour" | "day" | "week";
  amount: number;
}

const AMOUNT = "(\\d{1,3}|[一二两三四五六七八九十]{1,3})";
const HOURS = new RegExp(`^${AMOUNT}(?:h|hr|hrs|小时|个小时|钟头|个钟头)$`);
const DAYS = new RegExp(`^${AMOUNT}(?:d|天|日|个工作日|工作日)$`);
const WEEKS = new RegExp(`^${AMOUNT}(?:w|周|个周|星期|个星期|礼拜|个礼拜)$`);
/** Half a working day: a morning or an afternoon. */
const HALF_DAY_HOURS = 4;

/**
 * A duration: hours "3h", "3小时", "三个小时"; days "1d", "2天", "两天", "2个工作日"; weeks "1w", "1周",
 * "一个星期"; "半天" (4 hours); a bare number is days ("2"). Whole numbers only; "0" reads as zero,
 * which the command may take as "none" or refuse.
 */
export function readDuration(written: string): ArgResult<Duration> {
  const text = written.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  if (text === "半天") return accept({ unit: "hour", amount: HALF_DAY_HOURS });
  if (/^\d{1,3}$/.test(text)) return accept({ unit: "day", amount: Number(text) });
  for (const [pattern, unit] of [
    [HOURS, "hour"],
    [DAYS, "day"],
    [WEEKS, "week"],
  ] as const) {
    const found = pattern.exec(text);
    const amount = found ? readSmallNumber(found[1] ?? "") : undefined;
    if (amount !== undefined) return accept({ unit, amount });
  }
  return reject("bad-duration", m("argBadDuration", { written }));
}
