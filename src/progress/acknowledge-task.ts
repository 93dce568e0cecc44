import { cycleInWords, dateWithWeekday } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";
import { ACKNOWLEDGED } from "../unit-view/is-report.js";
import { listUnitDues } from "../unit-view/list-unit-dues.js";
import { reportsForOffice } from "../workflow/reports-for-office.js";
import { resolveTask } from "../workflow/resolve-task.js";
import { exampleFor } from "./example-for.js";

/**
 * 签收: the unit has the task (待签收 → 推进中). Stored once, as a progress record with status
 * `acknowledged` in the card's cycle, which the ladder does not count as a report (isReport); a
 * second 签收 is only answered. An admin's 签收 for the unit is marked 代报 (proxy).
 */
export async function acknowledgeTask(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  if (view.acknowledged) {
    await turn.answer(message("progress", "alreadyAcknowledged", { taskNo: task.no }));
    return;
  }
  const record = await turn.deps.store.progress.append({
    taskNo: task.no,
    unit,
    cycle: card.cycle,
    reportedBy: turn.person.personId,
    reportedAt: turn.at,
    status: ACKNOWLEDGED,
    values: [],
    note: "",
    source: "card",
    ...(reportsForOffice(turn, unit) ? { proxy: true as const } : {}),
  });
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "task.acknowledged",
    taskNo: task.no,
    unit,
    details: { cycle: card.cycle, version: record.version, cardId: card.cardId, event: turn.event.eventId },
  });
  const dues = listUnitDues({
    task,
    deadline: view.deadline,
    start: context.start,
    settings: turn.deps.settings,
    calendar: turn.deps.calendar,
  });
  const due = dues.find((d) => d.cycle === card.cycle)?.due ?? view.deadline;
  await turn.answer(
    message("progress", "acknowledged", {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      due: dateWithWeekday(due),
      cycle: cycleInWords(card.cycle),
      example: `${task.no} ${exampleFor(task)}`,
    }),
  );
}
