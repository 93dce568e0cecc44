import type { Turn } from "../conversation/turn.js";
import { listUnitDues } from "../unit-view/list-unit-dues.js";
import type { UnitView } from "../unit-view/unit-view.js";
import type { TaskContext } from "../workflow/task-context.js";
import { chooseCycle, cycleWindows } from "./choose-cycle.js";

/**
 * The cycle a reply without a card answers (chooseCycle): the cycle whose reporting window is
 * open today, the windows opening on the ladder's first reminder for the unit's role.
 */
export async function cycleForReply(turn: Turn, context: TaskContext, view: UnitView): Promise<string> {
  const { calendar, settings } = turn.deps;
  const dues = listUnitDues({
    task: view.task,
    deadline: view.deadline,
    start: context.start,
    settings,
    calendar,
  });
  const { ladder } = settings.reminders;
  const windows = cycleWindows(dues, calendar, view.role === "co" ? ladder.coRequest : ladder.first);
  return chooseCycle({ date: turn.date, windows, dues });
}
