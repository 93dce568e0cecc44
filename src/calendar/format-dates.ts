import { message } from "../templates/template-store.js";
import { isoWeekday } from "./iso-date.js";

/** 2021年3月25日（周四） */
export function dateWithWeekday(date: string): string {
  // Reminders, digests and cards write the same few dates thousands of times (the catalogue is
  // read once per process too, so a date's words never change while it runs).
  let words = withWeekday.get(date);
  if (words === undefined) {
    const [year, month, day] = date.split("-").map(Number);
    words = message("common", "dateWithWeekday", {
      year,
      month,
      day,
      weekday: message("common", `weekday${isoWeekday(date)}`),
    });
    if (withWeekday.size >= MEMO_SIZE) withWeekday.clear();
    withWeekday.set(date, words);
  }
  return words;
}

/** Dates and cycles in words kept at most (a few years' worth): a bound for a long-running service. */
const MEMO_SIZE = 2000;
const withWeekday = new Map<string, string>();
const cycleWords = new Map<string, string>();

/** 2021年3月25日 */
export function plainDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return message("common", "date", { year, month, day });
}

/** A cycle key in words: 2021-03 → 2021年3月, 2021-Q1 → 2021年第1季度, 2021-W12 → 2021年第12周. */
export function cycleInWords(cycle: string): string {
  let words = cycleWords.get(cycle);
  if (words === undefined) {
    words = wordCycle(cycle);
    if (cycleWords.size >= MEMO_SIZE) cycleWords.clear();
    cycleWords.set(cycle, words);
  }
  return words;
}

function wordCycle(cycle: string): string {
  let m = /^(\d{4})-(\d{2})$/.exec(cycle);
  if (m) return message("common", "cycleMonth", { year: m[1], month: Number(m[2]) });
  m = /^(\d{4})-Q(\d)$/.exec(cycle);
  if (m) return message("common", "cycleQuarter", { year: m[1], quarter: m[2] });
  m = /^(\d{4})-W(\d{2})$/.exec(cycle);
  if (m) return message("common", "cycleWeek", { year: m[1], week: Number(m[2]) });
  return message("common", "cycleOnce");
}
