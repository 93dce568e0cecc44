import { message } from "../templates/template-store.js";
import { isoWeekday } from "./iso-date.js";

/** 2021年3月25日（周四） */
export function dateWithWeekday(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return message("common", "dateWithWeekday", {
    year,
    month,
    day,
    weekday: message("common", `weekday${isoWeekday(date)}`),
  });
}

/** 2021年3月25日 */
export function plainDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return message("common", "date", { year, month, day });
}

/** A cycle key in words: 2021-03 → 2021年3月, 2021-Q1 → 2021年第1季度, 2021-W12 → 2021年第12周. */
export function cycleInWords(cycle: string): string {
  let m = /^(\d{4})-(\d{2})$/.exec(cycle);
  if (m) return message("common", "cycleMonth", { year: m[1], month: Number(m[2]) });
  m = /^(\d{4})-Q(\d)$/.exec(cycle);
  if (m) return message("common", "cycleQuarter", { year: m[1], quarter: m[2] });
  m = /^(\d{4})-W(\d{2})$/.exec(cycle);
  if (m) return message("common", "cycleWeek", { year: m[1], week: Number(m[2]) });
  return message("common", "cycleOnce");
}
