import type { Turn } from "../conversation/turn.js";
import { message } from "../templates/template-store.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { findReportingUnit } from "./find-reporting-unit.js";
import { loadTaskContext } from "./load-task-context.js";
import { refuse } from "./refuse.js";
import type { TaskContext } from "./task-context.js";

/**
 * The task and the unit a turn is about, with the unit's view, once the person is known to answer
 * for it. Otherwise the person has been answered already (no such task, or a refusal) and the
 * result is undefined.
 */
export async function resolveTask(
  turn: Turn,
  taskNo: number,
  preferredUnit?: string,
): Promise<{ context: TaskContext; unit: string; view: UnitView } | undefined> {
  const context = await loadTaskContext(turn.deps.store, turn.deps.directory, taskNo);
  if (!context) {
    await turn.answer(message("progress", "unknownTask", { taskNo }));
    return undefined;
  }
  const unit = await findReportingUnit(turn, context, preferredUnit);
  if (unit === undefined) {
    await refuse(turn, "refusedNotContact", { taskNo, ...(preferredUnit ? { unit: preferredUnit } : {}) });
    return undefined;
  }
  const view = await loadUnitView(turn.deps.store, context.task, unit, context.assignments);
  return { context, unit, view };
}
