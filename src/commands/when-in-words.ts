import { dateWithWeekday } from "../calendar/format-dates.js";
import { isoWeekday } from "../calendar/iso-date.js";
import { BUSINESS_OFFSET_MS } from "../shared/clock.js";
import { message, messages } from "../templates/template-store.js";

const m = messages("commands");
/** templates/common.yaml's weekday names, by ISO weekday (1 = Monday). */
const WEEKDAY: Readonly<Record<number, string>> = {
  1: "weekday1",
  2: "weekday2",
  3: "weekday3",
  4: "weekday4",
  5: "weekday5",
  6: "weekday6",
  7: "weekday7",
};

/**
 * A day as a chat answer writes it: "3月25日（周四）" within the turn's year, "2022年1月5日（周三）"
 * outside it, so that a year the reader chose is always shown.
 */
export function dayInWords(date: string, today: string): string {
  if (date.slice(0, 4) !== today.slice(0, 4)) return dateWithWeekday(date);
  const [, month, day] = date.split("-").map(Number);
  return m("dayInYear", { month, day, weekday: message("common", WEEKDAY[isoWeekday(date)] ?? "weekday1") });
}

/** An instant in Asia/Shanghai: "3月23日（周二）09:00". */
export function instantInWords(instant: string, today: string): string {
  const local = new Date(Date.parse(instant) + BUSINESS_OFFSET_MS).toISOString();
  return m("dayAndTime", { day: dayInWords(local.slice(0, 10), today), time: local.slice(11, 16) });
}

/** A period of days: "4月6日（周二）至4月10日（周六）", or one day alone. */
export function periodInWords(from: string, to: string, today: string): string {
  if (from === to) return dayInWords(from, today);
  return m("period", { from: dayInWords(from, today), to: dayInWords(to, today) });
}
