import type { Turn } from "../inbound/inbound-deps.js";
import { recordReport } from "../progress/record-report.js";
import { shortTitle } from "../reminders/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";
import { createRequest } from "./create-request.js";
import { rejectCoUnit } from "./reject-co-unit.js";
import { resolveTask } from "./resolve-task.js";
import { sendDecisionCards } from "./send-decision-cards.js";

const m = (key: string, view: Record<string, unknown> = {}) => message("workflow", key, view);

/**
 * 申请办结 (推进中 → 申请办结): a completion request the office decides on its decision card. It is
 * also the unit's report for the card's cycle (status `completion-requested`): the unit has said
 * where it stands, so the ladder stops asking.
 */
export async function requestCompletion(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  const words = { taskNo: task.no, shortTitle: shortTitle(task), unit };
  if (await rejectCoUnit(turn, context, view)) return;
  if (view.state === "completed") return turn.answer(m("alreadyCompleted", words));
  if (view.state === "completion-requested") return turn.answer(m("completionPending", words));
  const request = await createRequest(
    turn,
    { kind: "completion", taskNo: task.no, unit },
    { cycle: card.cycle },
  );
  await recordReport(turn, {
    view,
    cycle: card.cycle,
    status: "completion-requested",
    values: [],
    note: m("completionNote"),
    source: "card",
  });
  await sendDecisionCards(turn, context, request, card.cycle);
  await turn.answer(m("completionSubmitted", words));
}
