import type { Turn } from "../conversation/turn.js";
import { message } from "../templates/template-store.js";
import type { UnitView } from "../unit-view/unit-view.js";
import type { TaskContext } from "./task-context.js";

/**
 * Completion and extension are the host unit's to ask for (主办单位负总责); a co-unit is told so,
 * and pointed at the input it gives instead. True when the person has been answered.
 */
export async function rejectCoUnit(turn: Turn, context: TaskContext, view: UnitView): Promise<boolean> {
  if (view.role !== "co") return false;
  const hosts = context.assignments.filter((a) => a.role === "host").map((a) => a.unit);
  await turn.answer(
    message("progress", "coOnly", {
      taskNo: context.task.no,
      hosts: hosts.join(message("progress", "listSeparator")),
    }),
  );
  return true;
}
