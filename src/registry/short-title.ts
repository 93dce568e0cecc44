import type { Indicator, Task } from "./registry.js";

const MAX_TITLE = 24;

/** The task's first clause, shortened: enough for a contact to recognise the task on a phone. */
export function shortTitle(task: Pick<Task, "text">): string {
  const first = task.text.split(/[，。；;]/)[0] ?? task.text;
  return first.length > MAX_TITLE ? `${first.slice(0, MAX_TITLE - 1)}…` : first;
}

/** Units that count whole things: an example never offers "2.4家". */
const COUNTED =
  /^(个|家|人|名|项|所|座|条|处|户|套|次|场|件|台|辆|支|批|期|栋|幢|村|校|园|张|类|款|部|只|棵|株)/;

/**
 * A reply a contact could send for an indicator, with an illustrative number (60% of the target):
 * "年内城镇新增就业6000人" → "城镇新增就业3600人", "新增国家级高新技术企业4家" → "…2家".
 */
export function exampleReply(indicator: Indicator): string {
  const whole = indicator.value >= 10 || COUNTED.test(indicator.unit);
  const value = whole ? Math.max(1, Math.round(indicator.value * 0.6)) : Math.round(indicator.value * 6) / 10;
  const written = `${indicator.value}${indicator.unit}`;
  const clause = indicator.text.replace(/^(力争)?(年内|全年)?(力争)?(完成|实现)?/, "");
  const at = clause.indexOf(written);
  if (at === -1) return `${clause}`;
  return `${clause.slice(0, at)}${value}${indicator.unit}`;
}
