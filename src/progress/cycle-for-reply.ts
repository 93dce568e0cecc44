import type { Turn } from "../inbound/inbound-deps.js";
import type { TaskContext } from "../workflow/task-context.js";
import { chooseCycle } from "./choose-cycle.js";
import { listUnitDues } from "./list-unit-dues.js";
import type { UnitView } from "./unit-view.js";

/** The cycle a reply without a card answers (chooseCycle), from the unit's cards and reports. */
export async function cycleForReply(turn: Turn, context: TaskContext, view: UnitView): Promise<string> {
  const cards = await turn.deps.store.cards.list({ taskNo: view.task.no, unit: view.unit });
  const lastCard = cards.filter((c) => c.requestId === undefined).at(-1);
  const lastReported = view.reports
    .map((r) => r.cycle)
    .sort()
    .at(-1);
  return chooseCycle({
    date: turn.date,
    dues: listUnitDues({
      task: view.task,
      deadline: view.deadline,
      start: context.start,
      settings: turn.deps.settings,
      calendar: turn.deps.calendar,
    }),
    ...(lastCard ? { lastCardCycle: lastCard.cycle } : {}),
    ...(lastReported ? { lastReportedCycle: lastReported } : {}),
  });
}
