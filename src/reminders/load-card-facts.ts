import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import type { Store } from "../store/store.js";
import { describeReport } from "../unit-view/describe-report.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import type { CardFacts } from "./render-reminder.js";

/**
 * What a unit's reminder card shows of its record (renderReminder's `facts`): the last report in
 * one line and each indicator's last reported actual. Read per card when it is rendered, so the
 * sweep pays for it only for the cards it sends.
 */
export async function loadCardFacts(
  store: Pick<Store, "progress" | "requests">,
  task: Task,
  unit: string,
  assignments: readonly Assignment[],
): Promise<CardFacts> {
  const view = await loadUnitView(store, task, unit, assignments);
  return {
    ...(view.latest ? { lastReport: describeReport(view.latest, task) } : {}),
    actuals: new Map([...view.actuals].map(([index, actual]) => [index, `${actual.value}${actual.unit}`])),
  };
}
