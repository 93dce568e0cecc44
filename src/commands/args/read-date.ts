import { addDays, daysInMonth, isIsoDate, isoDate, isoWeekday } from "../../calendar/iso-date.js";
import { readSmallNumber } from "../../registry/chinese-numerals.js";
import { messages } from "../../templates/template-store.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");

/**
 * Which way a date without its year (or month) leans: `future` for what is to come (an away period,
 * a new deadline), `past` for what has been (reports since…).
 */
export type DateLean = "future" | "past";

export interface DateOptions {
  /** The turn's date in Asia/Shanghai (Turn.date): every relative word counts from it. */
  today: string;
  lean: DateLean;
  /**
   * For the end of a range: a date without its year is in this date's year, or the next one when
   * that comes soon after it (12月28日至1月3日); a day without its month ("10日") is in this date's
   * month, or the next one likewise (3月29日至2日).
   */
  after?: string;
}

export interface ReadDate {
  /** YYYY-MM-DD. */
  date: string;
  /** True when the year was not written and the reader chose it (the answer should show it). */
  yearChosen: boolean;
}

/**
 * A month-day without a year is this year's unless that is more than this many days on the other
 * side of today from the lean: said on 20 December, "1月5日" to come is next January; said on
 * 3 April, "4月1日" to come stays this year's (two days ago: a slip the command then points out, not
 * a date a year away).
 */
const YEAR_SLACK_DAYS = 90;
/** The same for a day without its month ("30号"): said on the 25th, "3号" to come is next month's. */
const MONTH_SLACK_DAYS = 15;

const NUMBER = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
const FULL_DATE = /^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})[日号]?$/;
const CHINESE_DATE = new RegExp(`^(?:(\\d{4})年)?${NUMBER}月${NUMBER}[日号]?$`);
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})$/;
const MONTH_END = new RegExp(`^(?:(\\d{4})年)?${NUMBER}月(?:底|末)$`);
const DAY_ONLY = new RegExp(`^${NUMBER}[日号]$`);
const WEEKDAY = /^(本|这|这个|下|下个|上|上个)?(?:周|星期|礼拜)([一二三四五六日天1-7])$/;
const RELATIVE: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
  昨天: -1,
  昨日: -1,
  前天: -2,
};
const WEEKDAY_NUMBER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};
/** "4月30日前" is 30 April: a deadline's 前 says nothing about the day. */
const BEFORE = /(?:之前|以前|前)$/;

/**
 * A date as people type one in a chat line, relative to the turn's date (Asia/Shanghai):
 * - with its year: 2021-04-30, 2021/4/30, 2021.4.30, 2021年4月30日;
 * - without: 4月30日, 4月30号, 四月三十日, 4/30 (the year is chosen: see YEAR_SLACK_DAYS), 4月底;
 * - a day of the month: 30号, 30日 (this month, or the next/previous one: see MONTH_SLACK_DAYS);
 * - relative: 今天, 明天, 后天, 大后天, 昨天, 前天;
 * - a weekday: 周三/星期三/礼拜三 (the next one, today included, or for `past` the last one; with
 *   `after`, the first on or after it), 本周三/这周三 (this Monday-to-Sunday week), 下周五/下个周五,
 *   上周五 (the week after or before this one).
 * Full-width digits and spaces are read as ASCII; a trailing 前 is dropped. Anything else, and a day
 * that does not exist (4月31日), is refused with the spellings that work.
 */
export function readDate(written: string, options: DateOptions): ArgResult<ReadDate> {
  const text = written.normalize("NFKC").replace(/\s+/g, "").replace(BEFORE, "");
  const { today } = options;
  const bad = () => reject("bad-date", m("argBadDate", { written }));
  const missing = () => reject("no-such-date", m("argNoSuchDate", { written }));

  const relative = RELATIVE[text];
  if (relative !== undefined) return accept({ date: addDays(today, relative), yearChosen: false });

  let found = FULL_DATE.exec(text);
  if (found) {
    const date = isoDate(Number(found[1]), Number(found[2]), Number(found[3]));
    return isIsoDate(date) ? accept({ date, yearChosen: false }) : missing();
  }
  found = CHINESE_DATE.exec(text) ?? SLASH_DATE.exec(text);
  if (found) {
    const [year, month, day] =
      found.length === 4 ? [found[1], found[2], found[3]] : [undefined, found[1], found[2]];
    const [mo, d] = [readSmallNumber(month ?? ""), readSmallNumber(day ?? "")];
    if (mo === undefined || d === undefined) return bad();
    if (year !== undefined) {
      const date = isoDate(Number(year), mo, d);
      return isIsoDate(date) ? accept({ date, yearChosen: false }) : missing();
    }
    const date = chooseYear((y) => isoDate(y, mo, d), options);
    return date ? accept({ date, yearChosen: true }) : missing();
  }
  found = MONTH_END.exec(text);
  if (found) {
    const mo = readSmallNumber(found[2] ?? "");
    if (mo === undefined || mo < 1 || mo > 12) return missing();
    const end = (y: number) => isoDate(y, mo, daysInMonth(y, mo));
    if (found[1] !== undefined) return accept({ date: end(Number(found[1])), yearChosen: false });
    const date = chooseYear(end, options);
    return date ? accept({ date, yearChosen: true }) : missing();
  }
  found = DAY_ONLY.exec(text);
  if (found) {
    const d = readSmallNumber(found[1] ?? "");
    const date = d === undefined ? undefined : chooseMonth(d, options);
    return date ? accept({ date, yearChosen: false }) : missing();
  }
  found = WEEKDAY.exec(text);
  if (found) {
    const weekday = WEEKDAY_NUMBER[found[2] ?? ""] ?? Number(found[2]);
    return accept({ date: weekdayDate(weekday, found[1], options), yearChosen: false });
  }
  return bad();
}

/**
 * The year for a month-day (`dateIn(year)`, which may not exist in every year: 2月29日): with
 * `after`, the first on or after it; otherwise this year's, unless it lies more than
 * YEAR_SLACK_DAYS against the lean.
 */
function chooseYear(dateIn: (year: number) => string, options: DateOptions): string | undefined {
  const real = (date: string) => (isIsoDate(date) ? date : undefined);
  if (options.after !== undefined) {
    const year = Number(options.after.slice(0, 4));
    const here = real(dateIn(year));
    if (here && here >= options.after) return here;
    // 12月28日至1月3日 crosses the year; 4月10日至4月6日 is a slip, left for the range to refuse.
    const next = real(dateIn(year + 1));
    return next && next <= addDays(options.after, YEAR_SLACK_DAYS) ? next : here;
  }
  const year = Number(options.today.slice(0, 4));
  const here = real(dateIn(year));
  if (options.lean === "future") {
    if (here && here >= addDays(options.today, -YEAR_SLACK_DAYS)) return here;
    return real(dateIn(year + 1)) ?? here;
  }
  if (here && here <= addDays(options.today, YEAR_SLACK_DAYS)) return here;
  return real(dateIn(year - 1)) ?? here;
}

/** The month for a day of the month, as chooseYear does for the year. */
function chooseMonth(day: number, options: DateOptions): string | undefined {
  const anchor = options.after ?? options.today;
  const [year, month] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
  const inMonth = (shift: number) => {
    const index = year * 12 + (month - 1) + shift;
    const date = isoDate(Math.floor(index / 12), (index % 12) + 1, day);
    return isIsoDate(date) ? date : undefined;
  };
  const here = inMonth(0);
  if (options.after !== undefined) {
    if (here && here >= options.after) return here;
    const next = inMonth(1);
    return next && next <= addDays(options.after, MONTH_SLACK_DAYS) ? next : here;
  }
  if (options.lean === "future")
    return here && here >= addDays(options.today, -MONTH_SLACK_DAYS) ? here : (inMonth(1) ?? here);
  return here && here <= addDays(options.today, MONTH_SLACK_DAYS) ? here : (inMonth(-1) ?? here);
}

/** 周三 (by the lean, or after `after`), 本周三, 下周三, 上周三 (weeks run Monday to Sunday). */
function weekdayDate(weekday: number, which: string | undefined, options: DateOptions): string {
  // 本周/下周/上周 name a week from today's, whatever the range's start.
  const monday = addDays(options.today, 1 - isoWeekday(options.today));
  if (which === "本" || which === "这" || which === "这个") return addDays(monday, weekday - 1);
  if (which === "下" || which === "下个") return addDays(monday, 6 + weekday);
  if (which === "上" || which === "上个") return addDays(monday, weekday - 8);
  const from = options.after ?? options.today;
  const day = isoWeekday(from);
  if (options.lean === "past" && options.after === undefined)
    return addDays(from, -((day - weekday + 7) % 7));
  return addDays(from, (weekday - day + 7) % 7);
}
