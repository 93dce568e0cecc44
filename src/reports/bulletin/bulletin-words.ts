import { messages } from "../../templates/template-store.js";
import type { BulletinPeriod } from "./bulletin-period.js";
import type { TaskClass } from "./classify-tasks.js";
import type { Bulletin } from "./collect-bulletin.js";

const m = messages("bulletin");

/** 2021年3月, 2021年第一季度, 2021年度. */
export function periodInWords(period: BulletinPeriod): string {
  const { year, index } = period;
  if (period.kind === "month") return m("periodMonth", { year, month: index });
  if (period.kind === "year") return m("periodYear", { year });
  if (index === 1) return m("periodQuarter1", { year });
  if (index === 2) return m("periodQuarter2", { year });
  if (index === 3) return m("periodQuarter3", { year });
  return m("periodQuarter4", { year });
}

/** 3月25日: a date inside the bulletin's year. */
export function monthDay(date: string): string {
  return m("monthDay", { month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) });
}

export const CLASS_NAMES: Readonly<Record<TaskClass, () => string>> = {
  completed: () => m("classCompleted"),
  ahead: () => m("classAhead"),
  onPace: () => m("classOnPace"),
  behind: () => m("classBehind"),
  overdue: () => m("classOverdue"),
};

/** One decimal at most, as percentages are printed: 95.5, 100, -3.2. */
export function oneDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function joinList(items: readonly string[]): string {
  return items.join(m("listSeparator"));
}

/** The five counts and percentages as the overall paragraph and the summary name them. */
export function classView(bulletin: Bulletin): Record<string, number> {
  const view: Record<string, number> = { tasks: bulletin.tasks.length };
  for (const { taskClass, count, percent } of bulletin.classes) {
    view[taskClass] = count;
    view[`${taskClass}Percent`] = percent;
  }
  return view;
}
