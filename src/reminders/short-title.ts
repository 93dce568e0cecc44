import type { Indicator, Task } from "../registry/registry.js";

const MAX_TITLE = 24;

/** The task's first clause, shortened: enough for a contact to recognise the task on a phone. */
export function shortTitle(task: Pick<Task, "text">): string {
  const first = task.text.split(/[，。；;]/)[0] ?? task.text;
  return first.length > MAX_TITLE ? `${first.slice(0, MAX_TITLE - 1)}…` : first;
}

/**
 * A reply a contact could send for an indicator, with an illustrative number (60% of the target):
 * "年内城镇新增就业6000人" → "城镇新增就业3600人".
 */
export function exampleReply(indicator: Indicator): string {
  const value =
    indicator.value >= 10 ? Math.round(indicator.value * 0.6) : Math.round(indicator.value * 6) / 10;
  const written = `${indicator.value}${indicator.unit}`;
  const clause = indicator.text.replace(/^(力争)?(年内|全年)?(力争)?(完成|实现)?/, "");
  const at = clause.indexOf(written);
  if (at === -1) return `${clause}`;
  return `${clause.slice(0, at)}${value}${indicator.unit}`;
}
